from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "samrad.intake"
    label = "intake"

    def ready(self) -> None:
        from django.apps import apps

        from samrad.consultations import models as plan

        from .forms import forget_plans

        # The survey keeps the plan a few seconds per process; any change to it clears that copy here at once.
        for model in (
            plan.Consultation,
            plan.SurveyWindow,
            plan.Area,
            plan.Question,
            plan.RoleCategory,
            plan.Municipality,
        ):
            post_save.connect(forget_plans, sender=model, dispatch_uid=f"intake-plan-{model.__name__}")
            post_delete.connect(forget_plans, sender=model, dispatch_uid=f"intake-plan-delete-{model.__name__}")
        if apps.is_installed("samrad.privacy"):
            from .privacy import register_providers

            register_providers()
        if apps.is_installed("samrad.accounts"):
            from samrad.core.staff_links import register as register_link

            # On the staff landing page: notes for facilitators, contributions and imports for analysts.
            register_link("notes", _("Facilitators' notes"), "intake:notes_overview", "samrad.view_registrations", 30)
            register_link("contributions", _("Contributions"), "intake:contributions", "samrad.view_unpublished", 40)
            register_link("import", _("Import answers"), "intake:import", "samrad.import_contributions", 45)
