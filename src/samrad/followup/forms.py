"""Staff forms for the follow-up. Every message names the field and says what to do; a rejected form keeps its input."""

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Activity, ActivityNote, Collaboration, FocusArea, Goal, Sector, Status


class AccessibleForm:
    """Ties hints and errors to their controls (aria-describedby, aria-invalid) for screen readers."""

    def describe(self) -> None:
        for name, field in self.fields.items():
            ids = []
            if field.help_text:
                ids.append(f"{self[name].auto_id}-hint")
            if self.is_bound and name in self.errors:
                ids.append(f"{self[name].auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self.describe()


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("•-* ").strip() for line in (text or "").splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A list of texts edited as one line each."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return _lines(super().to_python(value))


class PlanPeriodDates:
    """starts/ends within the consultation's plan period, in order."""

    consultation = None

    def _check_period(self, name: str, value):
        if value is None or self.consultation is None:
            return
        first, last = self.consultation.plan_period_start, self.consultation.plan_period_end
        if not first <= value.year <= last:
            self.add_error(
                name,
                _("The date must be within the plan period, %(first)d–%(last)d.") % {"first": first, "last": last},
            )


class CollaborationForm(AccessibleForm, forms.ModelForm):
    results = LinesField(label=gettext_lazy("Results"), required=False, help_text=gettext_lazy("One result per line."))

    class Meta:
        model = Collaboration
        fields = ["title", "intro", "results", "goals_heading"]


class GoalForm(AccessibleForm, forms.ModelForm):
    target_groups = LinesField(
        label=gettext_lazy("Target groups"), required=False, help_text=gettext_lazy("One group per line.")
    )

    class Meta:
        model = Goal
        fields = ["name", "text", "target_groups", "collaboration"]

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collaboration"].queryset = consultation.collaborations.all()
        self.fields["collaboration"].label = _("Proposed in")


class SectorForm(AccessibleForm, forms.ModelForm):
    class Meta:
        model = Sector
        fields = ["name", "intro", "focus_text", "collaboration"]

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collaboration"].queryset = consultation.collaborations.all()
        self.fields["collaboration"].label = _("Proposed in")


class FocusAreaForm(AccessibleForm, forms.ModelForm):
    class Meta:
        model = FocusArea
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


THEME_LINE = re.compile(r"^(?:(?P<area>[a-z0-9-]+)(?:/(?P<question>[a-z0-9-]+))?\s*:\s*)?(?P<label>.+)$")


class ActivityForm(AccessibleForm, PlanPeriodDates, forms.ModelForm):
    themes = forms.CharField(
        label=gettext_lazy("Themes from the dialogues that motivate it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One theme per line: culture area/question: theme, e.g. “bibliotek/utmaningar: Främja läsning”. "
            "The area and question may be left out."
        ),
    )

    class Meta:
        model = Activity
        fields = ["text", "sector", "goals", "focus_areas", "responsible", "starts", "ends"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.CheckboxSelectMultiple,
            "focus_areas": forms.CheckboxSelectMultiple,
            "starts": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["sector"].queryset = consultation.sectors.all()
        self.fields["goals"].queryset = consultation.goals.all()
        self.fields["focus_areas"].queryset = consultation.focus_areas.select_related("goal", "sector")
        self.fields["focus_areas"].label_from_instance = lambda fa: f"{fa.parent}: {fa}"
        period = _("Within the plan period %(period)s.") % {"period": consultation.plan_period}
        self.fields["starts"].help_text = period
        self.fields["ends"].help_text = period
        if self.instance.pk and not self.is_bound:
            self.initial["themes"] = "\n".join(
                (f"{t.area_slug}/{t.question_slug}: " if t.question_slug else f"{t.area_slug}: " if t.area_slug else "")
                + t.label
                for t in self.instance.theme_links.all()
            )

    def clean_themes(self):
        areas = set(self.consultation.areas.values_list("slug", flat=True))
        questions = set(self.consultation.questions.values_list("slug", flat=True))
        out = []
        for n, line in enumerate((self.cleaned_data.get("themes") or "").splitlines(), start=1):
            if not line.strip():
                continue
            match = THEME_LINE.match(line.strip())
            area, question, label = match["area"] or "", match["question"] or "", match["label"].strip()
            if area and area not in areas:
                raise forms.ValidationError(
                    _("Line %(n)d: %(value)r is not a culture area of this consultation. Use one of: %(allowed)s.")
                    % {"n": n, "value": area, "allowed": ", ".join(sorted(areas))}
                )
            if question and question not in questions:
                raise forms.ValidationError(
                    _("Line %(n)d: %(value)r is not a question of this consultation. Use one of: %(allowed)s.")
                    % {"n": n, "value": question, "allowed": ", ".join(sorted(questions))}
                )
            out.append({"area_slug": area, "question_slug": question, "label": label[:300]})
        return out

    def clean(self):
        data = super().clean()
        for name in ("starts", "ends"):
            self._check_period(name, data.get(name))
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("The end is before the start. Check the dates."))
        return data


class NoteForm(AccessibleForm, PlanPeriodDates, forms.ModelForm):
    status = forms.ChoiceField(
        label=gettext_lazy("New status"),
        required=False,
        choices=[("", gettext_lazy("No change")), *Status.choices],
        help_text=gettext_lazy("Choose a status only when it changes."),
    )

    class Meta:
        model = ActivityNote
        fields = ["date", "status", "text", "author"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["author"].help_text = _("For example the unit or network that reports. Optional.")
        if not self.is_bound and not self.instance.pk:
            self.initial["date"] = timezone.localdate()

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError(_("A note records what has happened: date it today or earlier."))
        return date

    def clean(self):
        data = super().clean()
        self._check_period("date", data.get("date"))
        if not data.get("text", "").strip() and not data.get("status"):
            self.add_error("text", _("Write what happened, or choose a new status."))
        return data


class PlacesUploadForm(AccessibleForm, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file with meeting places"),
        help_text=gettext_lazy(
            "Columns: name, kind, address, latitude, longitude, municipality (Swedish headings work too). "
            "The file replaces the places already on the map."
        ),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Only check the file, change nothing"), required=False)
    invented = forms.BooleanField(
        label=gettext_lazy("The places are invented (an example); say so on the map"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2_000_000:
            raise forms.ValidationError(_("The file is larger than 2 MB. Split it or remove unused columns."))
        return upload


def unique_slug(model, consultation, text: str, *, prefix: str = "") -> str:
    base = (prefix + slugify(text))[:60].strip("-") or prefix.strip("-") or "x"
    slug, n = base, 2
    while model.objects.filter(consultation=consultation, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
