from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces every app uses: the staff pages' permission guard, template tags, the CLI's helpers,
    spreadsheet safety, text helpers, rate limits and the system checks of samrad's settings."""

    name = "samrad.core"
    label = "core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
