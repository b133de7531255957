"""Show, erase and purge a person's data through the providers registered in core.personaldata.
Logged without the data."""

import datetime as dt
import logging

from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from samrad.audit.log import record
from samrad.core.personaldata import Subject, providers
from samrad.participation.models import Participant

from .models import ErasedParticipant, ProcessingRecord

log = logging.getLogger(__name__)


def same_person(participant) -> list:
    """All rows of this person in the consultation: the same e-mail address, or just this row."""
    if not participant.email:
        return [participant]
    rows = Participant.objects.filter(
        Q(pk=participant.pk) | Q(email__iexact=participant.email), consultation_id=participant.consultation_id
    )
    return list(rows.filter(erasure__isnull=True).order_by("pk")) or [participant]


def subject_for(
    participant,
    *,
    keep_contributions: bool = True,
    reason: str = ErasedParticipant.Reason.REQUEST,
    base_url: str = "",
):
    rows = same_person(participant)
    identifiers = [v for p in rows for v in (p.name, p.email) if v]
    return Subject(participant.consultation, rows, identifiers, keep_contributions, reason, base_url)


def export_data(participant) -> dict:
    """Everything samrad holds about this person in this consultation, JSON-ready."""
    subject = subject_for(participant)
    consultation = participant.consultation
    record_ = ProcessingRecord.objects.filter(consultation=consultation).first()
    return {
        "consultation": {"slug": consultation.slug, "name": consultation.name, "organiser": consultation.organiser},
        "controller": record_.controller if record_ else consultation.organiser,
        "exported_at": timezone.now().isoformat(),
        "data": {p.key: {"label": str(p.label), "records": p.export(subject)} for p in providers()},
    }


def erase_person(
    participant,
    *,
    actor=None,
    keep_contributions=True,
    reason=ErasedParticipant.Reason.REQUEST,
    base_url: str = "",
):
    """Erase one person (all their rows in the consultation). Returns {provider key: records changed}.
    `base_url` (the site's address) lets the erasure e-mail anyone it moves up a waiting list."""
    with transaction.atomic():
        subject = subject_for(participant, keep_contributions=keep_contributions, reason=reason, base_url=base_url)
        counts = {p.key: p.erase(subject) for p in providers()}
        _mark_erased(subject)
        # Only ids and counts: the log must not keep what was erased.
        record(
            "privacy.erased",
            actor=actor,
            consultation=participant.consultation,
            obj=participant,
            reason=str(reason),
            participants=[p.pk for p in subject.participants],
            kept_contributions=keep_contributions,
            changed=counts,
        )
        transaction.on_commit(compact)
    return counts


def _mark_erased(subject) -> None:
    """The bookkeeping of who was erased, why and whether their contributions stayed: kept here, so the apps
    that anonymise their own rows need not know the privacy app's models."""
    for p in subject.participants:
        ErasedParticipant.objects.get_or_create(
            participant=p, defaults={"reason": subject.reason, "kept_contributions": subject.keep_contributions}
        )


def purge_plan(consultation) -> dict[str, int]:
    """What a purge would remove or anonymise: {provider key: records}."""
    return {p.key: p.count(consultation) for p in providers()}


def purge(consultation, *, actor=None) -> dict[str, int]:
    """End of the retention period: anonymise everyone left, keep contributions as anonymous text."""
    with transaction.atomic():
        remaining = list(Participant.objects.filter(consultation=consultation, erasure__isnull=True))
        identifiers = [v for p in remaining for v in (p.name, p.email) if v]
        subject = Subject(consultation, remaining, identifiers, True, ErasedParticipant.Reason.RETENTION)
        counts = {}
        for provider in providers():
            counts[provider.key] = provider.erase(subject) if remaining else 0
            if provider.purge is not None:
                counts[provider.key] += provider.purge(consultation)
        _mark_erased(subject)
        record("privacy.purged", actor=actor, consultation=consultation, changed=counts)
        transaction.on_commit(compact)
    return counts


def compact() -> None:
    """SQLite keeps old versions of changed pages in its -wal file and freed pages in the database file until
    they are reused: copy the log into the database and empty it, then rebuild the file, so that what was
    just erased is gone from the disk too. (PostgreSQL's own VACUUM reclaims dead rows; a dump never shows
    them.) Runs after the erasure's commit, outside any transaction, as VACUUM must."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = cursor.fetchone()[0]
    except OperationalError as exc:  # the erasure itself is committed; the next one compacts again
        log.warning("could not compact the database after an erasure: %s", exc)
        return
    if busy:
        log.warning("the database's -wal file could not be emptied after an erasure: another process was reading")


def due_records(today: dt.date | None = None, slug: str | None = None):
    """Records of processing whose retention date has passed (filtered to one consultation with slug)."""
    today = today or timezone.localdate()
    records = ProcessingRecord.objects.select_related("consultation").order_by("consultation__slug")
    if slug:
        records = records.filter(consultation__slug=slug)
    return [r for r in records if r.is_due(today)]
