"""An area's summary status: draft → in review → published, and back. Publishing and withdrawing go through
samrad.publication, which owns what the public sees."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.consultations.models import Area
from samrad.publication import api as publication

from ..models import AreaReview
from .common import ActionError, Actor


def review_for(area: Area) -> AreaReview:
    return AreaReview.objects.get_or_create(area=area, defaults={"consultation": area.consultation})[0]


@transaction.atomic
def set_status(area: Area, status: str, *, by: Actor) -> AreaReview:
    """Publishing an area that is already published publishes its draft again (the analyst saw the changes)."""
    if status not in AreaReview.Status.values:
        raise ActionError(_("Unknown status."))
    review = review_for(area)
    before = review.status
    if status == AreaReview.Status.PUBLISHED:
        try:
            publication.publish_area(area, by.user, label=by.label)
        except publication.PublicationError as exc:
            raise ActionError(str(exc)) from exc
        review.refresh_from_db()
    elif status != before:
        if before == AreaReview.Status.PUBLISHED:
            publication.withdraw_area(area, by.user, label=by.label)
        now = timezone.now()
        review.refresh_from_db()
        review.status = status
        review.status_changed_at = now
        review.status_changed_by = by.user if getattr(by.user, "is_authenticated", False) else None
        review.status_changed_label = by.label
        review.save()
    else:
        return review
    by.record("review.area.status", area.consultation, review, area=area.slug, before=before, after=status)
    return review
