"""Areas published before snapshots existed: their draft as it stands is what the public saw, so it becomes their
published snapshot (the same rules as samrad.review.draft, written out on the historical models)."""

from django.db import migrations

QUOTE_KINDS = {"attractiveness", "sustainability"}


def _section(apps, area, question) -> dict:
    Theme, Point, Quote = (apps.get_model("review", n) for n in ("Theme", "Point", "Quote"))
    section = {
        "question_slug": question.slug,
        "question_kind": question.kind,
        "heading": question.label,
        "themes": [],
        "rest": [],
        "quotes": [],
    }
    if question.kind in QUOTE_KINDS:
        quotes = Quote.objects.filter(area=area, question=question, status="approved").order_by("order", "pk")
        section["quotes"] = list(quotes.values_list("text", flat=True))
        return section
    for theme in Theme.objects.filter(area=area, question=question, published=True).order_by("order", "pk"):
        points = Point.objects.filter(theme=theme).order_by("order", "pk").values_list("text", flat=True)
        section["themes"].append({"headline": theme.headline, "points": list(points)})
    rest = Point.objects.filter(area=area, question=question, theme=None).order_by("order", "pk")
    section["rest"] = list(rest.values_list("text", flat=True))
    return section


def forwards(apps, schema_editor):
    AreaReview = apps.get_model("review", "AreaReview")
    Question = apps.get_model("consultations", "Question")
    Snapshot = apps.get_model("publication", "Snapshot")
    for review in AreaReview.objects.filter(status="published").select_related("area"):
        area = review.area
        questions = Question.objects.filter(consultation_id=area.consultation_id).order_by("order", "pk")
        sections = [_section(apps, area, q) for q in questions]
        sections = [s for s in sections if s["themes"] or s["rest"] or s["quotes"]]
        Snapshot.objects.update_or_create(
            area=area,
            defaults={
                "consultation_id": area.consultation_id,
                "content": {"sections": sections},
                "published_at": review.published_at or review.updated_at,
                "published_by_id": review.status_changed_by_id,
                "published_label": review.status_changed_label or "migration",
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("publication", "0001_initial"),
        ("review", "0003_theme_proposal"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
