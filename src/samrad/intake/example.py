"""Demo stage: the example's (invented) facilitator notes and survey answers, as contributions."""

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation
from samrad.core.csvfiles import DataFileError, lookup, read_rows
from samrad.demo import EXAMPLE_EVENT
from samrad.participation.example import group_for_example_ref

from .models import Contribution

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
        area = lookup(areas, row["area"], path, row_no, "area")
        question = lookup(questions, row["question"], path, row_no, "question")
        _store(
            consultation,
            f"example:notes:{row['group']}:{row['area']}:{row['question']}",
            {
                "area": area,
                "question": question,
                "event": event,
                "group": group_for_example_ref(event, int(row["round"]), row["group"], row["area"]),
                "source": Contribution.Source.GROUP_NOTE,
                "raw_text": row["text"],
                "received_at": event.ends_at,
                "provenance": {"file": path.name, "row": row_no, "example_group": row["group"], "round": row["round"]},
            },
        )
        count += 1
    return count


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
        chosen = [lookup(areas, s.strip(), path, row_no, "areas") for s in row["areas"].split(";") if s.strip()]
        role = lookup(roles, row["role"], path, row_no, "role") if row["role"] else None
        municipality = (
            lookup(municipalities, row["municipality"], path, row_no, "municipality") if row["municipality"] else None
        )
        for question in questions:
            text = row[question.slug]
            if not text.strip():
                continue
            for area in chosen:
                _store(
                    consultation,
                    f"example:survey:{row['ref']}:{question.slug}:{area.slug}",
                    {
                        "area": area,
                        "question": question,
                        "source": Contribution.Source.SURVEY,
                        "raw_text": text,
                        "respondent": f"example-{row['ref']}",
                        "role_category": role,
                        "municipality": municipality,
                        "received_at": received,
                        "provenance": {"file": path.name, "row": row_no, "ref": row["ref"]},
                    },
                )
                count += 1
    return count


def _store(consultation: Consultation, key: str, values: dict) -> None:
    Contribution.objects.update_or_create(consultation=consultation, dedup_key=key, defaults=values)
