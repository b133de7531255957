from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _url(name: str):
    return lambda consultation: reverse(name, kwargs={"consultation": consultation.slug})


class ReviewConfig(AppConfig):
    name = "samrad.review"
    label = "review"

    def ready(self):
        from samrad.core.staff_links import register

        register("review", _("Review the summary"), _url("review:overview"), "samrad.review", order=40)
        register("feedback", _("Feedback from readers"), _url("review:feedback"), "samrad.view_feedback", order=45)

        from . import audit_labels

        audit_labels.register()

        from samrad.core import purgehooks

        from . import embeddings

        purgehooks.register(embeddings.prune)

        from django.db.models.signals import post_save

        from samrad.publication import drafts

        from . import draft
        from .models import AreaReview

        drafts.register(draft.sections)
        drafts.area_published.connect(draft.on_published, dispatch_uid="review.on_published")
        drafts.area_withdrawn.connect(draft.on_withdrawn, dispatch_uid="review.on_withdrawn")
        post_save.connect(draft.on_review_saved, sender=AreaReview, dispatch_uid="review.on_review_saved")
