"""A staff list of contributions per culture area and question, with source and provenance."""

from collections import defaultdict
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render

from samrad.core.guard import guard

from ..models import Contribution

PER_PAGE = 50


@guard("samrad.view_unpublished")
def listing(request, consultation):
    areas = list(consultation.areas.all())
    questions = list(consultation.questions.all())
    qs = Contribution.objects.filter(consultation=consultation)
    counts = defaultdict(int)
    for row in qs.values("area_id", "question_id").annotate(n=Count("pk")):
        counts[(row["area_id"], row["question_id"])] = row["n"]
    matrix = [(a, [counts[(a.pk, q.pk)] for q in questions]) for a in areas]
    unassigned = sum(n for (area_id, _q), n in counts.items() if area_id is None)
    chosen = {
        "area": request.GET.get("area", ""),
        "question": request.GET.get("question", ""),
        "source": request.GET.get("source", ""),
    }
    if chosen["area"]:
        qs = qs.filter(area__slug=chosen["area"])
    if chosen["question"]:
        qs = qs.filter(question__slug=chosen["question"])
    if chosen["source"]:
        qs = qs.filter(source=chosen["source"])
    qs = qs.select_related("area", "question", "event", "group", "role_category", "municipality").order_by(
        "area__order", "question__order", "received_at", "pk"
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("sida"))
    query = urlencode({k: v for k, v in chosen.items() if v})
    return render(
        request,
        "intake/contributions.html",
        {
            "consultation": consultation,
            "areas": areas,
            "questions": questions,
            "matrix": matrix,
            "unassigned": unassigned,
            "sources": Contribution.Source.choices,
            "chosen": chosen,
            "page": page,
            "query": query,
            "total": Contribution.objects.filter(consultation=consultation).count(),
        },
    )
