from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "samrad.participation"
    label = "participation"

    def ready(self) -> None:
        from django.apps import apps

        if apps.is_installed("samrad.privacy"):
            from .privacy import register_providers

            register_providers()
