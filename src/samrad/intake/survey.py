"""Storing one survey response: the single path the web form, the example data and benchmarks use.

A response becomes one Contribution per answered question and chosen culture area (results are per area; a
respondent who chose two areas counts for both). It is stored in one transaction keyed by `key`: a second
call with the same key stores nothing and reports the response already there, so a double click or a resent
form is kept once. The caller acknowledges the person only after this returns, i.e. after the commit.
"""

import hashlib
import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from samrad.consultations.models import Area, Consultation, Municipality, Question, RoleCategory

from .models import Contribution, SurveyResponse
from .rows import RowWriter
from .text import is_blank, storable

MAX_KEY = 200


@dataclass
class Answers:
    areas: list[Area]
    texts: dict[Question, str]  # question -> text as received (blank answers are skipped)
    role: RoleCategory | None = None
    municipality: Municipality | None = None
    provenance: dict = field(default_factory=dict)


def dedup_key(*parts: str, keep: int = 1) -> str:
    """parts joined by ":"; when too long, the first `keep` parts and a hash of the whole."""
    key = ":".join(parts)
    if len(key) <= MAX_KEY:
        return key
    return ":".join([*parts[:keep], "sha256", hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()])


def content_hash(answers: Answers) -> str:
    """A fingerprint of what was answered, so a resent identical form is recognised."""
    h = hashlib.sha256()
    for area in answers.areas:
        h.update(f"a:{area.pk}\x1f".encode())
    for question, text in sorted(answers.texts.items(), key=lambda qt: qt[0].pk):
        h.update(f"q:{question.pk}\x1f".encode() + text.encode("utf-8", "surrogatepass") + b"\x1e")
    role = answers.role.pk if answers.role else ""
    municipality = answers.municipality.pk if answers.municipality else ""
    h.update(f"r:{role}|m:{municipality}".encode())
    return h.hexdigest()[:16]


def store_response(
    consultation: Consultation,
    key: str,
    answers: Answers,
    *,
    channel: str = "web",
    respondent: str | None = None,
    received_at=None,
) -> tuple[SurveyResponse, bool]:
    """Commit the response; returns (response, created). created is False when `key` was already stored."""
    received_at = received_at or timezone.now()
    respondent = respondent or f"{channel}-{secrets.token_hex(8)}"
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                consultation=consultation, key=key, respondent=respondent, channel=channel, received_at=received_at
            )
            writer = RowWriter()
            rows = _rows(writer, consultation, response, answers)
            if rows:
                writer.insert(rows)
    except IntegrityError:
        existing = SurveyResponse.objects.filter(consultation=consultation, key=key).first()
        if existing is None:
            raise
        return existing, False
    return response, True


def _rows(writer: RowWriter, consultation, response, answers: Answers) -> list[tuple]:
    area_slugs = [a.slug for a in answers.areas]
    received_at = writer.datetime(response.received_at)
    created_at = writer.datetime(timezone.now())
    rows = []
    for question, received in answers.texts.items():
        text, changed = storable(received)
        if is_blank(text):
            continue
        provenance = {"channel": response.channel, "response": response.pk, "areas": area_slugs, **answers.provenance}
        if changed:
            provenance["characters_not_storable"] = changed
        for area in answers.areas or [None]:
            rows.append(
                writer.row(
                    consultation_id=consultation.pk,
                    area_id=area.pk if area else None,
                    question_id=question.pk,
                    event_id=None,
                    source=Contribution.Source.SURVEY,
                    raw_text=text,
                    respondent=response.respondent,
                    role_category_id=answers.role.pk if answers.role else None,
                    municipality_id=answers.municipality.pk if answers.municipality else None,
                    received_at=received_at,
                    provenance=provenance,
                    dedup_key=dedup_key(response.key, question.slug, area.slug if area else "-"),
                    created_at=created_at,
                )
            )
    return rows
