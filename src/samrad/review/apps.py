from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _url(name: str):
    return lambda consultation: reverse(name, kwargs={"consultation": consultation.slug})


class ReviewConfig(AppConfig):
    name = "samrad.review"
    label = "review"

    def ready(self):
        from samrad.accounts.staff_links import register

        register("review", _("Review the summary"), _url("review:overview"), "samrad.review", order=40)
        register("feedback", _("Feedback from readers"), _url("review:feedback"), "samrad.view_feedback", order=45)

        from . import audit_labels

        audit_labels.register()
