"""Demo stage: the example's (invented) facilitator notes and survey answers, as contributions.

Survey answers go through the survey's own storage path (survey.store_response), keyed by their `ref`, so
the stage is idempotent and the example behaves like answers sent through the form.
"""

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation
from samrad.core.csvfiles import DataFileError, lookup, read_rows
from samrad.demo import EXAMPLE_EVENT
from samrad.participation.example import group_for_example_ref

from .models import Contribution, NoteRevision
from .survey import Answers, store_response

NOTE_COLUMNS = ["round", "group", "area", "question", "text"]
SURVEY_COLUMNS = ["ref", "submitted_at", "areas", "role", "municipality"]


@transaction.atomic
def load_contributions(consultation: Consultation, directory: Path) -> str:
    notes = _load_notes(consultation, directory / "notes.csv")
    answers = _load_survey(consultation, directory / "survey.csv")
    return _("%(notes)d group notes, %(answers)d survey answers") % {"notes": notes, "answers": answers}


def _load_notes(consultation: Consultation, path: Path) -> int:
    event = consultation.events.get(slug=EXAMPLE_EVENT)
    areas = {a.slug: a for a in consultation.areas.all()}
    questions = {q.slug: q for q in consultation.questions.all()}
    count = 0
    for row_no, row in read_rows(path, NOTE_COLUMNS):
        if not row["text"].strip():
            continue
        values = {
            "area": lookup(areas, row["area"], path, row_no, "area"),
            "question": lookup(questions, row["question"], path, row_no, "question"),
            "event": event,
            "source": Contribution.Source.GROUP_NOTE,
            "raw_text": row["text"],
            "received_at": event.ends_at,
            "provenance": {"file": path.name, "row": row_no, "example_group": row["group"], "round": row["round"]},
        }
        values.update(_group_of(event, row))
        key = f"example:notes:{row['group']}:{row['area']}:{row['question']}"
        if NoteRevision.objects.filter(contribution__consultation=consultation, contribution__dedup_key=key).exists():
            # Edited on the notes page since it was loaded: loading the example again keeps the edit.
            del values["raw_text"], values["received_at"]
        Contribution.objects.update_or_create(consultation=consultation, dedup_key=key, defaults=values)
        count += 1
    return count


def _group_of(event, row: dict) -> dict:
    """The formed group the example note belongs to (None while no groups are formed)."""
    return {"group": group_for_example_ref(event, int(row["round"]), row["group"], row["area"])}


def _load_survey(consultation: Consultation, path: Path) -> int:
    areas = {a.slug: a for a in consultation.areas.all()}
    roles = {r.slug: r for r in consultation.role_categories.all()}
    municipalities = {m.slug: m for m in consultation.municipalities.all()}
    questions = list(consultation.questions.filter(in_survey=True))
    count = 0
    for row_no, row in read_rows(path, SURVEY_COLUMNS + [q.slug for q in questions]):
        try:
            received = dt.datetime.fromisoformat(row["submitted_at"])
        except ValueError:
            raise DataFileError(
                path, row_no, f"submitted_at: {row['submitted_at']!r} is not an ISO 8601 time"
            ) from None
        answers = Answers(
            areas=[lookup(areas, s.strip(), path, row_no, "areas") for s in row["areas"].split(";") if s.strip()],
            texts={q: row[q.slug] for q in questions},
            role=lookup(roles, row["role"], path, row_no, "role") if row["role"] else None,
            municipality=(
                lookup(municipalities, row["municipality"], path, row_no, "municipality")
                if row["municipality"]
                else None
            ),
            provenance={"file": path.name, "row": row_no, "ref": row["ref"]},
        )
        store_response(
            consultation,
            f"example:survey:{row['ref']}",
            answers,
            channel="example",
            respondent=f"example-{row['ref']}",
            received_at=received,
        )
        count += sum(1 for q in questions if row[q.slug].strip()) * len(answers.areas)
    return count
