from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    contributions = forms.ChoiceField(
        label=_("What you said or wrote"),
        choices=[
            ("keep", _("Keep it without my name: it still counts in the summary")),
            ("delete", _("Delete it too")),
        ],
        initial="keep",
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I understand that my data cannot be restored once it is erased"),
        error_messages={"required": _("Tick the box to confirm that you want your data erased.")},
    )


class FindPersonForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Of the person who asked to see or erase their data."),
    )
