"""What intake keeps about people, for the privacy app's show / erase / purge (samrad.core.personaldata).

- Contributions: shown; on erasure deleted, or kept as anonymous text when the person allows it. Either way the
  person's name and e-mail address are blanked wherever they occur in the consultation's contributions.
- Survey contact details: shown and deleted by e-mail address; all deleted when the consultation is purged.
- Note revisions: the history of facilitator notes may name people, like the notes themselves. On erasure the
  person's name and e-mail address are blanked in every revision too (the law outranks "append-only").
- Archived import files: the file as received, which may hold columns samrad never imported (names, e-mail
  addresses). On erasure a file naming the person is deleted; a purge deletes them all. The contributions
  stay, as anonymous text, with their provenance.
- Pending import files: checked on the import page but not imported (intake/pending.py). Removed after a day;
  on erasure every one that names the person.
"""

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Contribution, ImportBatch, NoteRevision, SurveyContact


def register_providers() -> None:
    from samrad.core.personaldata import Provider, register

    register(
        Provider(
            key="intake.survey_contact",
            label=_("Contact details left in the survey"),
            fields=(_("name"), _("e-mail address")),
            export=export_contacts,
            erase=erase_contacts,
            count=lambda consultation: SurveyContact.objects.filter(consultation=consultation).count(),
            purge=lambda consultation: SurveyContact.objects.filter(consultation=consultation).delete()[0],
        )
    )
    register(
        Provider(
            key="intake.note_revision",
            label=_("Earlier versions of facilitators' notes"),
            fields=(_("your name or e-mail address, if a facilitator wrote it"),),
            erase=scrub_revisions,
        )
    )
    register(
        Provider(
            key="intake.import_file",
            label=_("Imported files as received"),
            fields=(_("any column of an imported export, e.g. name or e-mail address"),),
            erase=erase_archives,
            count=lambda consultation: len(_archives(consultation)),
            purge=purge_archives,
        )
    )
    register(
        Provider(
            key="intake.pending_import",
            label=_("Files checked for import but not imported"),
            fields=(_("any column of the file, e-mail address or name; removed after a day"),),
            erase=erase_pending,
            count=lambda consultation: 0,
        )
    )
    register(
        Provider(
            key="intake.contribution",
            label=_("Contributions"),
            fields=(_("what you said or wrote, with question, culture area and time"),),
            export=export_contributions,
            erase=erase_contributions,
            count=count_contributions,
        )
    )


def _emails(subject) -> set[str]:
    return {i.strip().lower() for i in subject.identifiers if "@" in i}


def export_contacts(subject) -> list[dict]:
    rows = SurveyContact.objects.filter(consultation=subject.consultation)
    return [{"name": c.name, "email": c.email} for c in rows if c.email.lower() in _emails(subject)]


def erase_contacts(subject) -> int:
    rows = SurveyContact.objects.filter(consultation=subject.consultation)
    ids = [c.pk for c in rows if c.email.lower() in _emails(subject)]
    return SurveyContact.objects.filter(pk__in=ids).delete()[0]


def scrub_revisions(subject) -> int:
    changed = 0
    rows = NoteRevision.objects.filter(contribution__consultation=subject.consultation).only(
        "pk", "text", "previous_text"
    )
    for revision in rows.iterator(chunk_size=500):
        text, previous = subject.scrub(revision.text), subject.scrub(revision.previous_text)
        if (text, previous) != (revision.text, revision.previous_text):
            # A queryset update: NoteRevision.save() refuses changes, on purpose, for everything else.
            NoteRevision.objects.filter(pk=revision.pk).update(text=text, previous_text=previous)
            changed += 1
    return changed


def _archives(consultation) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    paths = {
        root / p for p in ImportBatch.objects.filter(consultation=consultation).values_list("archive_path", flat=True)
    }
    return sorted(p for p in paths if p.is_file())


def archive_text(path: Path) -> str:
    from .importing.read import ReadError, decode, read_table

    data = path.read_bytes()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            table = read_table(data, path.name)
        except ReadError:
            return ""
        return "\n".join(" ".join(cells) for _n, cells in table.rows) + "\n" + " ".join(table.headers)
    return decode(data)[0]


def names_person(subject, text: str) -> bool:
    return subject.scrub(text) != text or any(e in text.lower() for e in _emails(subject))


def erase_pending(subject) -> int:
    """Files checked on the import page but never imported: every one that names the person goes (and any
    past its time). One that cannot be searched goes too; the analyst uploads it again."""
    from . import pending

    removed = pending.expire()
    if not subject.identifiers:
        return removed
    for path in pending.files():
        text = pending.text_of(path)
        if text is None or names_person(subject, text):
            pending.remove(path)
            removed += 1
    return removed


def erase_archives(subject) -> int:
    removed = 0
    for path in _archives(subject.consultation):
        text = archive_text(path)
        if names_person(subject, text):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def purge_archives(consultation) -> int:
    paths = _archives(consultation)
    for path in paths:
        path.unlink(missing_ok=True)
    return len(paths)


def export_contributions(subject) -> list[dict]:
    from samrad.core.personaldata import local_time

    rows = Contribution.objects.filter(participant__in=subject.participant_ids).select_related("question", "area")
    return [
        {
            "received_at": local_time(c.received_at),
            "source": c.get_source_display(),
            "question": str(c.question or ""),
            "culture_area": str(c.area or ""),
            "text": c.raw_text,
        }
        for c in rows
    ]


def erase_contributions(subject) -> int:
    """Delete the person's contributions unless they may stay as anonymous text; in either case blank the
    person's name and e-mail address wherever they occur in the consultation's texts (e.g. a group note)."""
    changed = 0
    if not subject.keep_contributions:
        changed, _deleted = Contribution.objects.filter(participant__in=subject.participant_ids).delete()
    if not subject.identifiers:
        return changed
    touched = []
    rows = Contribution.objects.filter(consultation=subject.consultation).only("pk", "raw_text", "provenance")
    for c in rows.iterator(chunk_size=500):
        text, provenance = subject.scrub(c.raw_text), subject.scrub_json(c.provenance)
        if text != c.raw_text or provenance != c.provenance:
            # The one exception to "raw text is never altered": the law requires the name to go.
            c.raw_text, c.provenance = text, {**provenance, "redacted": "erasure"}
            touched.append(c)
    Contribution.objects.bulk_update(touched, ["raw_text", "provenance"], batch_size=500)
    return changed + len(touched)


def count_contributions(consultation) -> int:
    from samrad.participation.privacy import remaining

    return Contribution.objects.filter(participant__in=remaining(consultation)).count()
