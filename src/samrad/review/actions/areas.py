"""An area's summary status: draft → in review → published, and back."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.consultations.models import Area
from samrad.results.thresholds import area_statuses

from ..models import AreaReview
from .common import ActionError, Actor


def review_for(area: Area) -> AreaReview:
    return AreaReview.objects.get_or_create(area=area, defaults={"consultation": area.consultation})[0]


@transaction.atomic
def set_status(area: Area, status: str, *, by: Actor) -> AreaReview:
    if status not in AreaReview.Status.values:
        raise ActionError(_("Unknown status."))
    review = review_for(area)
    if status == review.status:
        return review
    if status == AreaReview.Status.PUBLISHED:
        # Checked on the server at the moment of publishing; the public page checks again on every request.
        this = next(s for s in area_statuses(area.consultation) if s.area.pk == area.pk)
        if this.withheld:
            raise ActionError(
                _(
                    "%(area)s cannot be published: %(n)d people took part and the minimum is %(min)d. "
                    "You can keep working on it."
                )
                % {"area": area.name, "n": this.participants, "min": this.minimum}
            )
    before = review.status
    now = timezone.now()
    review.status = status
    review.status_changed_at = now
    review.status_changed_by = by.user if getattr(by.user, "is_authenticated", False) else None
    review.status_changed_label = by.label
    if status == AreaReview.Status.PUBLISHED:
        review.published_at = now
    review.save()
    by.record("review.area.status", area.consultation, review, area=area.slug, before=before, after=status)
    return review
