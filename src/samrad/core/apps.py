from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces every app uses: template tags, spreadsheet safety, the base template."""

    name = "samrad.core"
    label = "core"
