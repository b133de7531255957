from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from samrad.consultations.loader.logo import servable
from samrad.consultations.models import Consultation
from samrad.core.text import without_indentation
from samrad.publication.summary import build

from . import feedback, status
from .story import dialogue_story


def index(request):
    consultations = Consultation.objects.order_by("-plan_period_start", "name")
    return render(request, "results/index.html", {"consultations": consultations})


def consultation(request, consultation):
    c = get_object_or_404(Consultation, slug=consultation)
    at = status.now()
    survey = getattr(c, "survey", None)
    return render(
        request,
        "results/consultation.html",
        {
            "consultation": c,
            "events": status.events_today(c, at),
            "survey": survey,
            "survey_state": survey and status.survey_today(survey, at),
        },
    )


def results(request, consultation):
    c = get_object_or_404(Consultation, slug=consultation)
    response = render(
        request,
        "results/results.html",
        {
            "consultation": c,
            "summary": build(c),
            "story": dialogue_story(c),
            "questions": c.questions.all(),
            "feedback_form": feedback.form_for(request),
        },
    )
    # The longest public page: its weight matters on a phone (target: 60 KB of HTML and CSS).
    response.content = without_indentation(response.content)
    return response


def accessibility(request, consultation):
    c = get_object_or_404(Consultation, slug=consultation)
    return render(request, "results/accessibility.html", {"consultation": c})


def logo(request, consultation):
    c = get_object_or_404(Consultation, slug=consultation)
    if not c.logo or c.logo.startswith(("http://", "https://")):
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / c.logo).resolve()
    # Only a bounded image, judged by its content: never whatever file a path happens to name.
    content_type = servable(file) if root in file.parents else None
    if content_type is None:
        raise Http404
    response = FileResponse(file.open("rb"), content_type=content_type)
    # An SVG opened on its own must not run script.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
