from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "samrad.intake"
    label = "intake"
