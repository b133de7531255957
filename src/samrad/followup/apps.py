from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Goals, sectors, focus areas and activities after the dialogues; calendar; participation overview and map."""

    name = "samrad.followup"
    label = "followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from .sections import register

        register()
