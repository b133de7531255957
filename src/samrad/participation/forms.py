"""The public sign-up form and the staff forms for the day itself."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Event

from .models import Registration

NEEDS_MAX = 1000


class AccessibleFormMixin:
    """Points each control at its hint and error text (aria-describedby) and marks invalid controls."""

    def prepare_aria(self):
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}_hint")
            if self.is_bound and self.errors.get(name):
                ids.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(ids)
        return self


def _event_areas(event: Event):
    """The areas one can sign up for: those the event's rounds are limited to, else all of the plan's."""
    consultation = event.consultation
    limited = consultation.areas.filter(rounds__event=event).distinct()
    return limited if limited.exists() else consultation.areas.all()


class RegistrationForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the confirmation and your personal link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Optional. Where you work or what you represent."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role_category = forms.ModelChoiceField(
        label=_("I take part as"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("Outside the county, or I prefer not to say"),
        help_text=_("Where you work or live. Used to mix the groups."),
    )
    area = forms.ModelChoiceField(label=_("Culture area"), queryset=None, empty_label=_("Choose a culture area"))
    needs = forms.CharField(
        label=_("Accessibility or other needs"),
        required=False,
        max_length=NEEDS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional. For example interpretation, captions or a break. Write only what we need to know to arrange it."
        ),
    )
    consent = forms.BooleanField(label=_("I agree to this processing of my personal data"), required=True)
    # A honeypot for bots: hidden from people (and from assistive technology) by the template.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        consultation = event.consultation
        self.fields["role_category"].queryset = consultation.role_categories.all()
        self.fields["municipality"].queryset = consultation.municipalities.all()
        if event.kind == Event.Kind.AREA_DIALOGUE:
            self.fields["area"].queryset = _event_areas(event)
            self.fields["area"].help_text = _("The area you want to discuss in the first round.")
        else:
            del self.fields["area"]
        self.fields["consent"].error_messages["required"] = _(
            "Tick the box to agree, otherwise we cannot register you."
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Write your name."))
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ResendLinkForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class RegistrationFilterForm(forms.Form):
    """Staff filters on the registration list (GET)."""

    q = forms.CharField(label=_("Search name, e-mail or organisation"), required=False)
    area = forms.ModelChoiceField(label=_("Culture area"), queryset=None, required=False, empty_label=_("All"))
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, required=False, empty_label=_("All"))
    role_category = forms.ModelChoiceField(label=_("Role"), queryset=None, required=False, empty_label=_("All"))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Registration.Status.choices]
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        c = event.consultation
        self.fields["area"].queryset = c.areas.all()
        self.fields["municipality"].queryset = c.municipalities.all()
        self.fields["role_category"].queryset = c.role_categories.all()

    def apply(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d.get("q"):
            from django.db.models import Q

            q = d["q"]
            qs = qs.filter(
                Q(participant__name__icontains=q)
                | Q(participant__email__icontains=q)
                | Q(participant__organisation__icontains=q)
            )
        for key in ("area", "role_category", "municipality"):
            if d.get(key):
                field = key if key == "area" else f"participant__{key}"
                qs = qs.filter(**{field: d[key]})
        if d.get("status"):
            qs = qs.filter(status=d["status"])
        return qs

    def as_params(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: str(getattr(v, "slug", v)) for k, v in self.cleaned_data.items() if v}


class WalkInForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role_category = forms.ModelChoiceField(label=_("Role"), queryset=None, required=False, empty_label="—")
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, required=False, empty_label="—")
    area = forms.ModelChoiceField(label=_("Culture area"), queryset=None, required=False, empty_label="—")

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        c = event.consultation
        self.fields["role_category"].queryset = c.role_categories.all()
        self.fields["municipality"].queryset = c.municipalities.all()
        self.fields["area"].queryset = c.areas.all()
