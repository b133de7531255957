from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces every app uses: template tags, spreadsheet safety, the base template, rate limits and
    the system checks of samrad's settings."""

    name = "samrad.core"
    label = "core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
