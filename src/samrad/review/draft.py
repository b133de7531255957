"""The analysts' draft of an area as it would be published: registered with samrad.publication, which copies it
into the published snapshot when an analyst publishes, and shown as the workspace's preview."""

from samrad.consultations.models import Area, Question
from samrad.publication.summary import QUOTE_KINDS, Section, ThemeLine

from .models import AreaReview, Point, Quote, Theme


def section(area: Area, question: Question) -> Section:
    """Only themes included by analysts, their points, the rest line and approved quotes (redacted text)."""
    out = Section(question.slug, question.kind, question.label)
    if question.kind in QUOTE_KINDS:
        out.quotes = list(
            Quote.objects.filter(area=area, question=question, status=Quote.Status.APPROVED)
            .order_by("order", "pk")
            .values_list("text", flat=True)
        )
        return out
    themes = Theme.objects.filter(area=area, question=question, published=True).prefetch_related("points")
    for theme in themes.order_by("order", "pk"):
        points = [p.text for p in sorted(theme.points.all(), key=lambda p: (p.order, p.pk))]
        out.themes.append(ThemeLine(theme.headline, points))
    out.rest = list(
        Point.objects.filter(area=area, question=question, theme=None)
        .order_by("order", "pk")
        .values_list("text", flat=True)
    )
    return out


def sections(area: Area) -> list[Section]:
    return [section(area, q) for q in area.consultation.questions.all()]


def on_published(sender, area, user=None, label="", **kwargs):
    """Keep the workspace's status in step when an area was published from anywhere (page, CLI, demo)."""
    from django.utils import timezone

    now = timezone.now()
    review = AreaReview.objects.get_or_create(area=area, defaults={"consultation": area.consultation})[0]
    # update(): no post_save, so the safety net in `on_review_saved` is not asked again.
    AreaReview.objects.filter(pk=review.pk).update(
        status=AreaReview.Status.PUBLISHED,
        published_at=now,
        status_changed_at=now,
        status_changed_by=user,
        status_changed_label=label,
        updated_at=now,
    )


def on_withdrawn(sender, area, user=None, label="", **kwargs):
    from django.utils import timezone

    now = timezone.now()
    AreaReview.objects.filter(area=area, status=AreaReview.Status.PUBLISHED).update(
        status=AreaReview.Status.IN_REVIEW,
        status_changed_at=now,
        status_changed_by=user,
        status_changed_label=label,
        updated_at=now,
    )


def on_review_saved(sender, instance: AreaReview, raw=False, **kwargs):
    """A status written straight to the model (fixtures, the admin, old scripts) keeps the rule "published
    means there is a snapshot": the draft is copied once, when the status first becomes published; later edits
    wait for publish_area."""
    if raw:
        return
    from samrad.publication import api
    from samrad.publication.models import Snapshot

    has_snapshot = Snapshot.objects.filter(area_id=instance.area_id).exists()
    if instance.status == AreaReview.Status.PUBLISHED and not has_snapshot:
        api.store_snapshot(instance.area, instance.status_changed_by, label=instance.status_changed_label)
    elif instance.status != AreaReview.Status.PUBLISHED and has_snapshot:
        Snapshot.objects.filter(area_id=instance.area_id).delete()
