from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "samrad.followup"
    label = "followup"
