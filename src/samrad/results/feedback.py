"""The feedback widget: one answer per visitor session and page, works without JavaScript."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samrad.consultations.models import Consultation
from samrad.core import ratelimit
from samrad.core.redirects import local_path

from .models import Feedback

MAX_COMMENT = 1000


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=gettext_lazy("Did you find the content of this page useful?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose Yes or No.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("What can we do better? (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Do not write personal details. We cannot answer here."),
        error_messages={
            "max_length": gettext_lazy("Write at most %(limit_value)d characters (you wrote %(show_value)d).")
        },
    )
    page = forms.CharField(widget=forms.HiddenInput)


def session_key(page: str) -> str:
    return f"feedback:{page}"


@require_POST
def submit(request, consultation):
    consultation = get_object_or_404(Consultation, slug=consultation)
    form = FeedbackForm(request.POST)
    page = request.POST.get("page", "")
    back = local_path(request, page, "/")
    if not ratelimit.allow(request, "feedback"):
        # The widget lives on every page: back to it, with what was typed and why it was not taken.
        request.session["feedback_form"] = {"data": request.POST.dict(), "refused": ratelimit.message()}
        return redirect(f"{back}#feedback")
    if not form.is_valid():
        request.session["feedback_form"] = {"data": request.POST.dict(), "errors": form.errors.get_json_data()}
        return redirect(f"{back}#feedback")
    if request.session.get(session_key(back)):
        messages.info(request, _("You have already answered. Thank you!"))
        return redirect(f"{back}#feedback")
    Feedback.objects.create(
        consultation=consultation, page=back, helpful=form.cleaned_data["helpful"], comment=form.cleaned_data["comment"]
    )
    request.session[session_key(back)] = True
    messages.success(request, _("Thank you for your answer!"))
    return redirect(f"{back}#feedback")


def form_for(request):
    """The form to show on a page: with what the visitor typed if the last try was rejected."""
    page = request.path
    if request.session.get(session_key(page)):
        return None
    saved = request.session.pop("feedback_form", None)
    if saved and saved["data"].get("page") == page:
        form = FeedbackForm(saved["data"])
        form.is_valid()
        if saved.get("refused"):
            form.add_error(None, saved["refused"])
        return form
    return FeedbackForm(initial={"page": page})
