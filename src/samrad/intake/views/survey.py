"""The public survey: open and closed strictly by the plan's SurveyWindow, on the server."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation
from samrad.core import ratelimit

from ..forms import SurveyForm, SurveyPlan
from ..models import SurveyContact
from ..survey import content_hash, store_response


def _consultation_with_survey(slug: str) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("survey"), slug=slug)
    if not hasattr(consultation, "survey"):
        raise Http404
    return consultation


def last_open_moment(window) -> dt.datetime:
    """The closing time as people read it: a survey closing at midnight closed 'on' the day before."""
    closes = timezone.localtime(window.closes_at)
    return closes - dt.timedelta(microseconds=1) if closes.time() == dt.time(0) else closes


def survey(request, consultation):
    plan = SurveyPlan.cached(consultation)
    if plan is None:
        raise Http404
    consultation, window = plan.consultation, plan.window
    now = timezone.now()
    if not window.is_open(now):
        return _closed(request, consultation, now)
    if request.method != "POST":
        return _render(request, plan, SurveyForm(plan))
    form = SurveyForm(plan, request.POST)
    if not ratelimit.allow(request, f"survey:{consultation.pk}", ratelimit.SURVEY):
        form.is_valid()
        form.add_error(
            None,
            _(
                "We have received many answers from your internet connection in a short time. Wait a few minutes "
                "and send again: what you have written is still here."
            ),
        )
        return ratelimit.refused(_render(request, plan, form), ratelimit.SURVEY)
    if form.is_spam:
        return redirect("intake:survey_thanks", consultation=consultation.slug)  # tell a robot nothing
    if not form.is_valid():
        return _render(request, plan, form)
    answers = form.answers()
    store_response(consultation, f"web:{form.cleaned_data['key']}:{content_hash(answers)}", answers)
    _store_contact(consultation, form.cleaned_data)
    # Only now, after the commit, is the person told that the answer arrived.
    return redirect("intake:survey_thanks", consultation=consultation.slug)


def _store_contact(consultation, data) -> None:
    email = data.get("contact_email")
    if not email:
        return
    month = timezone.localdate().replace(day=1)
    if not SurveyContact.objects.filter(consultation=consultation, email__iexact=email).exists():
        SurveyContact.objects.create(
            consultation=consultation, name=data.get("contact_name", ""), email=email, month=month
        )


def _render(request, plan, form, status=200):
    window = plan.window
    return render(
        request,
        "intake/survey.html",
        {
            "consultation": plan.consultation,
            "window": window,
            "closes": last_open_moment(window),
            "form": form,
            "plan": plan,
            "error_links": form.error_links() if form.is_bound else [],
        },
        status=status,
    )


def _closed(request, consultation, now):
    window = consultation.survey
    typed = []
    if request.method == "POST":  # the window closed while the person was writing: show what they wrote
        questions = consultation.questions.filter(in_survey=True)
        typed = [(q, request.POST.get(SurveyForm.question_field(q), "")) for q in questions]
        typed = [(q, t) for q, t in typed if t.strip()]
    return render(
        request,
        "intake/survey_closed.html",
        {
            "consultation": consultation,
            "window": window,
            "closes": last_open_moment(window),
            "before": now < window.opens_at,
            "typed": typed,
        },
        status=403 if request.method == "POST" else 200,
    )


def thanks(request, consultation):
    consultation = _consultation_with_survey(consultation)
    return render(request, "intake/survey_thanks.html", {"consultation": consultation, "window": consultation.survey})
