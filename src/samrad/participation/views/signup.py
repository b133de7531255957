"""Public pages: sign up, confirmation, the personal page (view or cancel), resend the personal link."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samrad.core import ratelimit

from .. import emails
from ..consent import consent_text
from ..forms import RegistrationForm, ResendLinkForm
from ..models import ConsentText, Registration
from ..registration import (
    DuplicateRegistration,
    SignUp,
    Window,
    can_cancel,
    cancel,
    find_duplicate,
    places_left,
    register,
    waiting_position,
    window,
)
from .common import base_url, get_event


@require_http_methods(["GET", "POST"])
def signup(request, consultation, event):
    event = get_event(consultation, event)
    state = window(event)
    if state == Window.NONE:
        raise Http404
    context = {"event": event, "consultation": event.consultation, "state": state}
    if state != Window.OPEN:
        return render(request, "participation/signup_closed.html", context)
    text = consent_text(event)
    version = ConsentText.version_of(text)
    duplicate = limited = False
    if request.method == "POST":
        form = RegistrationForm(request.POST, event=event)
        limited = not ratelimit.allow(request, "signup")
        if limited:  # counted per address in the database, so it holds across server processes
            form.is_valid()
            form.add_error(None, ratelimit.message())
        elif form.is_valid() and form.is_bot:
            return redirect(request.path)
        elif form.is_valid() and request.POST.get("consent_version") != version:
            form.add_error("consent", _("The text about personal data has changed. Read it again and tick the box."))
        if form.is_valid() and not limited:
            d = form.cleaned_data
            data = SignUp(
                name=d["name"],
                email=d["email"],
                organisation=d["organisation"],
                role_category=d["role_category"],
                municipality=d["municipality"],
                area=d.get("area"),
                needs=d["needs"],
                consent_text=text,
                language=get_language() or "",
            )
            try:
                registration = register(event, data)
            except DuplicateRegistration:
                duplicate = True
                form.add_error(
                    "email",
                    _(
                        "This e-mail address is already registered for this dialogue. Use the personal link in "
                        "the confirmation e-mail, or ask us below to send it again."
                    ),
                )
            else:
                sent = emails.send(registration, "confirmation", base_url(request))
                url = reverse("participation:confirmation", args=[registration.token])
                return redirect(url if sent else url + "?epost=nej")
    else:
        form = RegistrationForm(event=event)
    form.prepare_aria()
    context.update(
        form=form,
        consent_text=text,
        consent_version=version,
        places_left=places_left(event),
        duplicate=duplicate,
        resend_form=ResendLinkForm(initial={"email": request.POST.get("email", "")}) if duplicate else None,
    )
    response = render(request, "participation/signup.html", context, status=200)
    return ratelimit.refused(response) if limited else response


def _registration(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event__consultation", "participant", "area"), token=token
    )


def _personal_context(registration):
    event = registration.event
    return {
        "registration": registration,
        "participant": registration.participant,
        "event": event,
        "consultation": event.consultation,
        "position": waiting_position(registration),
        "can_cancel": can_cancel(registration),
    }


def confirmation(request, token):
    registration = _registration(token)
    context = _personal_context(registration)
    context["mail_failed"] = request.GET.get("epost") == "nej"
    context["personal_url"] = request.build_absolute_uri(reverse("participation:personal", args=[token]))
    return render(request, "participation/confirmation.html", context)


def personal(request, token):
    registration = _registration(token)
    context = _personal_context(registration)
    context["personal_url"] = request.build_absolute_uri(request.path)
    return render(request, "participation/personal.html", context)


@require_http_methods(["GET", "POST"])
def cancel_view(request, token):
    registration = _registration(token)
    if not can_cancel(registration):
        messages.info(request, _("This registration cannot be cancelled any more."))
        return redirect("participation:personal", token)
    if request.method == "POST":
        moved = cancel(registration)
        for other in moved:
            emails.send(other, "moved_up", base_url(request))
        messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
        return redirect("participation:personal", token)
    return render(request, "participation/cancel.html", _personal_context(registration))


@require_POST
def resend_link(request, consultation, event):
    event = get_event(consultation, event)
    form = ResendLinkForm(request.POST)
    context = {"event": event, "consultation": event.consultation, "form": form}
    if not ratelimit.allow(request, "resend"):
        form.is_valid()
        form.add_error(None, ratelimit.message())
        return ratelimit.refused(render(request, "participation/resend.html", context))
    if not form.is_valid():
        return render(request, "participation/resend.html", context, status=400)
    existing = find_duplicate(event, form.cleaned_data["email"])
    if existing is not None:
        emails.send(existing, "link", base_url(request))
    # The same answer whether or not the address is registered: the page never tells who signed up.
    context["sent"] = True
    return render(request, "participation/resend.html", context)
