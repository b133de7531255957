"""Staff pages: log in and out, set a password, my consultations, roles per consultation."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from samrad.audit.log import record
from samrad.consultations.models import Consultation
from samrad.core import ratelimit
from samrad.core.guard import guard
from samrad.core.staff_links import links_for

from .forms import GrantRoleForm, LoginForm, PasswordResetForm
from .invite import send_set_password_email
from .models import ConsultationRole


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "address_locked_out"):
            return ratelimit.refused(response, ratelimit.LOGIN_ADDRESS)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        # Each post may send an e-mail: limited per address like the other public forms.
        if not ratelimit.allow(request, "password_reset"):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, ratelimit.message())
            return ratelimit.refused(self.form_invalid(form))
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@guard(None)
def home(request):
    """My consultations: those I have a role in (all of them for a superuser), with the tools I may use."""
    user = request.user
    consultations = Consultation.objects.all()
    if not user.is_superuser:
        consultations = consultations.filter(roles__user=user).distinct()
    mine = {}
    for role in ConsultationRole.objects.filter(user=user):
        mine.setdefault(role.consultation_id, []).append(role.get_role_display())
    rows = [
        {"consultation": c, "roles": sorted(mine.get(c.pk, [])), "links": links_for(user, c)}
        for c in consultations.order_by("-plan_period_start", "name")
    ]
    return render(request, "accounts/home.html", {"rows": rows})


@guard("samrad.manage_roles", methods=("GET", "POST"))
def roles(request, consultation):
    form = GrantRoleForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        role_value = form.cleaned_data["role"]
        with transaction.atomic():
            user = form.user
            if form.new_account:
                user = _create_account(request, form.cleaned_data["who"].strip())
            role = ConsultationRole.objects.create(user=user, consultation=consultation, role=role_value)
            record(
                "role.granted",
                actor=request.user,
                consultation=consultation,
                obj=role,
                user=user.get_username(),
                role=role_value,
            )
        if form.new_account:
            send_set_password_email(request, user, consultation)
            messages.success(
                request,
                _("An account was created for %(email)s and a link for choosing a password was e-mailed.")
                % {"email": user.email},
            )
        messages.success(
            request,
            _("%(user)s is now %(role)s.") % {"user": user.get_username(), "role": role.get_role_display().lower()},
        )
        return redirect("accounts:roles", consultation=consultation.slug)
    return render(
        request,
        "accounts/roles.html",
        {
            "consultation": consultation,
            "form": form,
            "roles": consultation.roles.select_related("user").order_by("user__username", "role"),
        },
    )


def _create_account(request, email: str):
    User = get_user_model()
    user = User(username=email.lower(), email=email)
    user.set_unusable_password()
    user.save()
    record("user.created", actor=request.user, obj=user, user=user.get_username())
    return user


@guard("samrad.manage_roles", methods=("POST",), after_login="accounts:roles")
def revoke(request, consultation, pk):
    role = get_object_or_404(ConsultationRole, pk=pk, consultation=consultation)
    admins = consultation.roles.filter(role=ConsultationRole.Role.ADMINISTRATOR)
    if role.role == ConsultationRole.Role.ADMINISTRATOR and not admins.filter(~Q(pk=role.pk)).exists():
        messages.error(
            request,
            _("%(user)s is the consultation's only administrator. Make someone else administrator first.")
            % {"user": role.user.get_username()},
        )
        return redirect("accounts:roles", consultation=consultation.slug)
    username, value, label = role.user.get_username(), role.role, role.get_role_display().lower()
    with transaction.atomic():
        record("role.revoked", actor=request.user, consultation=consultation, obj=role, user=username, role=value)
        role.delete()
    messages.success(request, _("%(user)s is no longer %(role)s.") % {"user": username, "role": label})
    return redirect("accounts:roles", consultation=consultation.slug)
