from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "samrad.participation"
    label = "participation"
