"""The public survey form, built from the plan. Messages name the field; text is kept exactly as typed."""

import re
import secrets
import time
from dataclasses import dataclass

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Area, Consultation, Municipality, Question, RoleCategory, SurveyWindow

from . import text as texts
from .survey import Answers

KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")
HONEYPOT = "website"


@dataclass
class SurveyPlan:
    consultation: Consultation
    window: SurveyWindow
    areas: list[Area]
    questions: list[Question]
    roles: list[RoleCategory]
    municipalities: list[Municipality]

    @classmethod
    def of(cls, consultation: Consultation) -> "SurveyPlan":
        return cls(
            consultation=consultation,
            window=consultation.survey,
            areas=list(consultation.areas.all()),
            questions=list(consultation.questions.filter(in_survey=True)),
            roles=list(consultation.role_categories.all()),
            municipalities=list(consultation.municipalities.all()),
        )

    @classmethod
    def cached(cls, slug: str) -> "SurveyPlan | None":
        """The plan as the survey needs it, kept SECONDS per process: the survey is the page that takes the load.

        Opening and closing stay exact (the window's times are compared with the clock on every request). An
        edit of the plan clears this process's copy at once (signals, see apps.py) and reaches other server
        processes within SECONDS.
        """
        hit = _plans.get(slug)
        if hit is not None and time.monotonic() - hit[0] < PLAN_SECONDS:
            return hit[1]
        consultation = Consultation.objects.select_related("survey").filter(slug=slug).first()
        if consultation is None or not hasattr(consultation, "survey"):
            return None
        plan = cls.of(consultation)
        _plans[slug] = (time.monotonic(), plan)
        return plan


PLAN_SECONDS = 10.0
_plans: dict[str, tuple[float, SurveyPlan]] = {}


def forget_plans(**_kwargs) -> None:
    _plans.clear()


def new_key() -> str:
    return secrets.token_hex(16)


def _raw_text_field(label, help_text="") -> forms.CharField:
    """A textarea whose value is stored exactly as received: no stripping, and NUL is handled by storage
    (text.storable) rather than rejected, so the person never loses an answer over an invisible character."""
    field = forms.CharField(label=label, help_text=help_text, required=False, strip=False, widget=forms.Textarea)
    field.validators = [v for v in field.validators if not isinstance(v, validators.ProhibitNullCharactersValidator)]
    return field


class SurveyForm(forms.Form):
    areas = forms.MultipleChoiceField(
        label=_("Culture areas"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one culture area."),
            "invalid_choice": _("Choose culture areas from the list."),
        },
    )
    role = forms.ChoiceField(label=_("I take part as"), required=False, widget=forms.RadioSelect)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    consent = forms.BooleanField(
        label=_("I agree that my answers are used in the work on the plan and published in summary, without my name."),
        error_messages={"required": _("Tick the box to agree to how your answers are used, or leave the survey.")},
    )
    contact_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address in the right format, like name@example.se.")},
    )
    key = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, plan: SurveyPlan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["areas"].choices = [(a.slug, a.name) for a in plan.areas]
        self.fields["role"].choices = [("", _("I'd rather not say"))] + [(r.slug, r.name) for r in plan.roles]
        self.fields["municipality"].choices = [("", _("Choose a municipality (optional)"))] + [
            (m.slug, m.name) for m in plan.municipalities
        ]
        for question in plan.questions:
            self.fields[self.question_field(question)] = _raw_text_field(question.text, question.help_text)
        self.fields["role"].error_messages["invalid_choice"] = _("Choose one of the options for how you take part.")
        self.fields["municipality"].error_messages["invalid_choice"] = _("Choose a municipality from the list.")
        if not self.is_bound:
            self.initial.setdefault("key", new_key())

    @staticmethod
    def question_field(question: Question) -> str:
        return f"q_{question.slug}"

    def question_fields(self):
        return [(q, self[self.question_field(q)]) for q in self.plan.questions]

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def clean_areas(self) -> list[str]:
        areas = self.cleaned_data.get("areas", [])
        if len(set(areas)) != len(areas):  # only a doubled or tampered post sends one twice
            raise forms.ValidationError(_("Choose each culture area only once."))
        return areas

    def clean_key(self) -> str:
        key = self.cleaned_data.get("key", "")
        return key if KEY_PATTERN.match(key) else new_key()

    def clean(self):
        data = super().clean()
        limit = self.plan.window.max_answer_length
        answered = False
        for question in self.plan.questions:
            name = self.question_field(question)
            value = data.get(name, "")
            if texts.is_blank(value):
                continue
            answered = True
            size = texts.length(value)
            if limit and size > limit:
                self.add_error(
                    name,
                    _(
                        "Your answer to “%(question)s” is %(length)d characters long. It can be at most %(max)d "
                        "characters: shorten it by %(over)d characters."
                    )
                    % {"question": question.label, "length": size, "max": limit, "over": size - limit},
                )
        if not answered and self.plan.questions:
            self.add_error(self.question_field(self.plan.questions[0]), _("Answer at least one of the questions."))
        if data.get("contact_name") and not data.get("contact_email") and "contact_email" not in self.errors:
            self.add_error(
                "contact_email", _("Enter your e-mail address so that we can contact you, or remove your name.")
            )
        return data

    def answers(self) -> Answers:
        data = self.cleaned_data
        areas = {a.slug: a for a in self.plan.areas}
        roles = {r.slug: r for r in self.plan.roles}
        municipalities = {m.slug: m for m in self.plan.municipalities}
        return Answers(
            areas=[areas[s] for s in data["areas"]],
            texts={q: data.get(self.question_field(q), "") for q in self.plan.questions},
            role=roles.get(data.get("role") or ""),
            municipality=municipalities.get(data.get("municipality") or ""),
        )

    def error_links(self) -> list[tuple[str, str]]:
        """(id of the control to jump to, message) for the error summary, in the order of the page."""
        order = ["areas"] + [self.question_field(q) for q in self.plan.questions]
        order += ["role", "municipality", "consent", "contact_name", "contact_email"]
        links = [("", str(message)) for message in self.non_field_errors()]
        for name in order:
            for message in self.errors.get(name, []):
                links.append((self.control_id(name), message))
        return links

    def control_id(self, name: str) -> str:
        bound = self[name]
        if name in ("areas", "role"):
            return f"{bound.auto_id}_0"
        return bound.auto_id
