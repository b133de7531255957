"""Forms of the workspace. Several appear many times on one page, so each gets a prefix per object; the
statement checkboxes are drawn by the templates (with the statements' text) and validated here."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_LINE = 2000
MAX_QUOTE = 5000


def _text(label, *, rows=3, max_length=MAX_LINE, required_message=None, required=True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message or _("This field is required."),
            "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )


class Form(forms.Form):
    label_suffix = ""


class ThemeForm(Form):
    headline = _text(_("Headline"), required_message=_("Write a headline, or exclude the theme from the summary."))
    label = forms.CharField(
        label=_("Label"),
        required=False,
        max_length=200,
        help_text=_("A short name for analysts; it is not published."),
    )


class PointForm(Form):
    text = _text(_("Text of the point"), required_message=_("Write the text of the point, or remove the point."))


class OwnLineForm(Form):
    """A point or rest line written by an analyst, with the statements it rests on."""

    text = _text(_("Your text"), required_message=_("Write the text of the line."))
    sources = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=(), label=_("It rests on"))

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].choices = [(s.pk, s.pk) for s in statements]


class NewThemeForm(Form):
    headline = _text(_("Headline of the new theme"), required_message=_("Write a headline for the new theme."))
    statements = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=(), label=_("It rests on"))

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].choices = [(s.pk, s.pk) for s in statements]


class SelectionForm(Form):
    """Statements ticked in a theme's or the rest's list, and where to move them or what to call the new theme."""

    statements = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=(),
        error_messages={"required": _("Tick at least one statement first.")},
    )
    destination = forms.ChoiceField(label=_("Move the ticked statements to"), choices=(), required=False)
    headline = forms.CharField(
        label=_("Headline of the new theme"),
        required=False,
        max_length=MAX_LINE,
        help_text=_("Empty: the first ticked statement (redacted)."),
    )

    def __init__(self, *args, statements=(), destinations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].choices = [(s.pk, s.pk) for s in statements]
        self.fields["destination"].choices = list(destinations)


class MergeForm(Form):
    other = forms.TypedChoiceField(
        label=_("Merge this theme with"),
        coerce=int,
        choices=(),
        error_messages={"required": _("Choose the theme to merge with.")},
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = [("", "—")] + [(t.pk, t.headline[:120]) for t in themes]


class QuoteForm(Form):
    text = _text(
        _("Text to publish"),
        rows=6,
        max_length=MAX_QUOTE,
        required_message=_("The quote cannot be empty. Reject it instead if it should not be published."),
        help_text=_("Mark left-out text with /…/ and write [namn], [e-post] or [telefon] for what is removed."),
    )
