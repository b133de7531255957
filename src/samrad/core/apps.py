from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces every app uses: the staff pages' permission guard, template tags, the CLI's helpers,
    spreadsheet safety, text helpers."""

    name = "samrad.core"
    label = "core"
