"""The staff import page: upload, mapping, dry-run report, confirm — the same steps as `samrad import`."""

import hashlib
import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samrad.core.guard import guard

from .. import pending as pending_files
from ..importing import run_import
from ..importing.limits import Limits
from ..importing.report import describe_file
from ..models import ImportBatch

PENDING = re.compile(r"^[0-9a-f]{64}\.[a-z0-9]{1,5}$")
MAX_UPLOAD = 50 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The export file"),
        help_text=gettext_lazy("CSV (UTF-8 or Windows-1252, separated by ; or ,) or Excel (.xlsx), at most 50 MB."),
        required=False,
    )
    mapping_file = forms.FileField(label=gettext_lazy("Mapping file (mapping.toml)"), required=False)
    mapping = forms.CharField(
        label=gettext_lazy("Mapping"),
        help_text=gettext_lazy("Which column holds what, in TOML. Leave empty for a file in samrad's own format."),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    pending = forms.CharField(required=False, widget=forms.HiddenInput)
    # Decisions the check may ask for; the page shows them only then.
    duplicates = forms.ChoiceField(
        label=gettext_lazy("Rows that repeat a respondent"),
        choices=[
            ("keep-first", gettext_lazy("Keep the first row of each respondent, leave out the repeats")),
            ("keep-all", gettext_lazy("Keep all rows")),
            ("refuse", gettext_lazy("Refuse the file")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    accept_multiline = forms.BooleanField(
        label=gettext_lazy("Cells over many lines are right: read them as they are"), required=False
    )
    DECISIONS = ("duplicates", "accept_multiline")

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and upload.size > MAX_UPLOAD:
            self.add_error("file", _("The file is larger than 50 MB. Split it, or import it with `samrad import`."))
        if not upload and not PENDING.match(data.get("pending") or ""):
            self.add_error("file", _("Choose the file to import."))
        mapping_upload = data.get("mapping_file")
        if mapping_upload:
            try:
                data["mapping"] = mapping_upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("mapping_file", _("Save the mapping file as UTF-8 text and upload it again."))
        return data


def _pending_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "pending"


@guard("samrad.import_contributions", methods=("GET", "POST"))
def upload(request, consultation):
    report = None
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data, name, pending = _file(form)
            if data is None:
                form.add_error("file", _("The uploaded file is no longer here. Choose it again."))
            else:
                confirm = request.POST.get("action") == "import"
                report = run_import(
                    consultation,
                    data,
                    name,
                    form.cleaned_data["mapping"],
                    dry_run=not confirm,
                    user=request.user,
                    duplicates=form.cleaned_data["duplicates"],
                    accept_multiline=form.cleaned_data["accept_multiline"],
                    limits=Limits.from_settings(web=True),
                )
                if report.imported:
                    (_pending_dir() / pending).unlink(missing_ok=True)
                    messages.success(
                        request,
                        _("Imported %(new)d contributions from %(file)s (%(existing)d were already imported).")
                        % {"new": report.new, "file": report.file_name, "existing": report.existing},
                    )
                    return redirect("intake:import", consultation=consultation.slug)
                form = ImportForm(
                    initial={
                        "pending": pending,
                        "mapping": report.suggested_mapping or form.cleaned_data["mapping"],
                        **{name: form.cleaned_data[name] for name in ImportForm.DECISIONS},
                    }
                )
    error_links = [(form[name].auto_id, f"{form[name].label}: {e}") for name in form.errors for e in form.errors[name]]
    return render(
        request,
        "intake/import.html",
        {
            "consultation": consultation,
            "form": form,
            "report": report,
            "file_description": describe_file(report) if report else "",
            "error_links": error_links,
            "batches": ImportBatch.objects.filter(consultation=consultation)[:20],
        },
        status=400 if error_links else 200,
    )


def _file(form) -> tuple[bytes | None, str, str]:
    """The uploaded file's bytes, its name, and its name in the pending folder (kept until it is imported)."""
    upload = form.cleaned_data.get("file")
    folder = _pending_dir()
    if upload:
        pending_files.expire()  # raw exports with names in them do not lie about for long
        data = upload.read()
        suffix = "".join(c for c in Path(upload.name).suffix.lower() if c.isalnum())[:5] or "bin"
        pending = f"{hashlib.sha256(data).hexdigest()}.{suffix}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / pending).write_bytes(data)
        (folder / (pending + ".name")).write_text(Path(upload.name).name, encoding="utf-8")
        return data, upload.name, pending
    pending = form.cleaned_data["pending"]
    path = folder / pending
    if not path.is_file():
        return None, "", pending
    name_file = folder / (pending + ".name")
    name = name_file.read_text(encoding="utf-8") if name_file.is_file() else pending
    return path.read_bytes(), name, pending
