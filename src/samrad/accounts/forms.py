from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samrad.core import ratelimit

from .lockout import is_locked_out
from .models import ConsultationRole


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name or password is wrong. Both are case-sensitive. Forgot your password? Use the link below."
        ),
        "locked_out": _(
            "Too many failed attempts for this user name. Wait %(minutes)d minutes and try again, or set a new "
            "password with the link below."
        ),
    }

    def clean(self):
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        # Per address as well as per user name: one address trying many user names is refused too.
        address = ratelimit.client_address(self.request) if self.request else ""
        limit = ratelimit.configured(ratelimit.LOGIN_ADDRESS)
        if ratelimit.exhausted("login", address, limit):
            minutes = ratelimit.minutes_left(ratelimit.LOGIN_ADDRESS)
            message = ngettext(
                "Too many failed logins from your internet connection. Wait %(minutes)d minute and try again, "
                "or set a new password with the link below.",
                "Too many failed logins from your internet connection. Wait %(minutes)d minutes and try again, "
                "or set a new password with the link below.",
                minutes,
            )
            raise ValidationError(message, code="address_locked_out", params={"minutes": minutes})
        try:
            if is_locked_out(username):
                raise ValidationError(
                    self.error_messages["locked_out"],
                    code="locked_out",
                    params={"minutes": settings.SAMRAD_LOGIN_WINDOW_MINUTES},
                )
            return super().clean()
        except ValidationError:
            ratelimit.hit("login", address, limit)  # only failures count: an office shares one address
            raise


class AdminLoginForm(LoginForm, AdminAuthenticationForm):
    """The admin's login: the same limits per user name and address, and staff accounts only."""

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": AdminAuthenticationForm.error_messages["invalid_login"],
    }


class GrantRoleForm(forms.Form):
    who = forms.CharField(
        label=_("User name or e-mail address"),
        max_length=254,
        help_text=_("Of a person who already has an account, or the e-mail address of a new one."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ConsultationRole.Role.choices)
    create = forms.BooleanField(
        label=_("No account yet: create one and e-mail a link for choosing a password"),
        required=False,
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.user = None
        self.new_account = False

    def clean(self):
        data = super().clean()
        who = (data.get("who") or "").strip()
        if not who:
            return data
        User = get_user_model()
        user = User.objects.filter(username__iexact=who).first()
        if user is None and "@" in who:
            matches = list(User.objects.filter(email__iexact=who)[:2])
            if len(matches) > 1:
                self.add_error("who", _("Several accounts have this e-mail address. Give the user name instead."))
                return data
            user = matches[0] if matches else None
        if user is None:
            if not data.get("create"):
                self.add_error(
                    "who",
                    _(
                        "There is no account with this user name or e-mail address. Check the spelling, or tick "
                        "the box below to create an account for this e-mail address."
                    ),
                )
                return data
            try:
                validate_email(who)
            except ValidationError:
                self.add_error(
                    "who", _("To create an account, write the person's e-mail address, e.g. name@example.org.")
                )
                return data
            self.new_account = True
        elif not user.is_active:
            self.add_error("who", _("This account is deactivated. A superuser can activate it in the admin."))
            return data
        elif ConsultationRole.objects.filter(user=user, consultation=self.consultation, role=data.get("role")).exists():
            self.add_error("role", _("%(user)s already has this role.") % {"user": user.get_username()})
            return data
        self.user = user
        return data


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also for accounts that never chose a password (created with an invitation whose link expired)."""

    def get_users(self, email):
        User = get_user_model()
        return (u for u in User._default_manager.filter(email__iexact=email, is_active=True) if u.email)
