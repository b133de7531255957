"""Running an import: read, check, and — unless it is a dry run and only if nothing is wrong — store.

A real run is one transaction. The raw file is archived under MEDIA_ROOT/imports/<consultation>/<sha256>,
and every contribution records file, checksum, row and column in its provenance. Rows already imported are
skipped through Contribution.dedup_key, so running the same file again adds nothing. The key of a row is its
respondent id when the mapping names one (so a later, longer export of the same survey adds only the new
rows, given the mapping has a `name`), otherwise a fingerprint of the row's cells. A contribution's key is
(source, respondent, question, area) whatever the file's shape, so the same answers exported wide or long
are the same contributions.

Two things wait for a decision by the person importing, reported in the dry run: repeated respondent ids
(`duplicates`), and cells over many lines that look like swallowed rows (`accept_multiline`). Everything an
import reads is bounded by limits.Limits.
"""

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.audit import log
from samrad.consultations.models import Consultation

from ..models import Contribution, ImportBatch
from ..rows import RowWriter
from ..survey import dedup_key
from ..text import storable
from . import mapping as mappings
from .check import Checker
from .findings import Problem
from .limits import Budget, LimitExceeded, Limits
from .plan import ImportPlan
from .read import ReadError, Table, read_table
from .suggest import suggested_toml
from .suspect import spanning_message, spanning_suggestion

BATCH = 2000
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Report:
    file_name: str
    sha256: str
    size: int
    dry_run: bool
    table: Table | None = None
    mapping: mappings.Mapping | None = None
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    empty_rows: int = 0
    records: int = 0
    new: int = 0
    existing: int = 0
    batch: ImportBatch | None = None
    new_after_check: int = 0
    existing_after_check: int = 0
    suggested_mapping: str = ""
    duplicates: str = ""  # the decisions given with this run (they override the mapping's)
    accept_multiline: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.error]

    @property
    def imported(self) -> bool:
        return self.batch is not None

    @property
    def decisions(self) -> set[str]:
        """The decisions this file asks for ("duplicates", "multiline"), made or not."""
        return {p.decision for p in self.problems if p.decision}

    @property
    def undecided(self) -> bool:
        """Every error waits only for a decision: nothing is wrong with the file otherwise."""
        return bool(self.errors) and all(p.decision for p in self.errors)


def run_import(
    consultation: Consultation,
    data: bytes,
    file_name: str,
    mapping_text: str = "",
    *,
    dry_run: bool = False,
    user=None,
    actor_label: str = "",
    duplicates: str = "",
    accept_multiline: bool = False,
    limits: Limits | None = None,
) -> Report:
    """Check (and unless dry_run, import) one file. Never raises for bad input: problems are in the report.

    duplicates ("keep-first", "keep-all", "refuse") overrides the mapping's; accept_multiline confirms cells
    over many lines that look like swallowed rows.
    """
    sha = hashlib.sha256(data).hexdigest()
    report = Report(
        file_name=Path(file_name).name,
        sha256=sha,
        size=len(data),
        dry_run=dry_run,
        duplicates=duplicates,
        accept_multiline=accept_multiline,
    )
    if len(data) > MAX_BYTES:
        report.problems.append(Problem(None, "", _("The file is larger than 200 MB. Split it into smaller files.")))
        return report
    budget = Budget(limits or Limits.from_settings())
    try:
        return _run(consultation, data, report, mapping_text, budget, user, actor_label)
    except LimitExceeded as exc:
        report.batch = None
        report.problems.append(Problem(None, "", str(exc)))
        return report


def _run(consultation, data: bytes, report: Report, mapping_text: str, budget: Budget, user, actor_label: str):
    plan = ImportPlan(consultation)
    loaded = _table_and_mapping(data, report, mapping_text, budget, plan)
    if loaded is None:
        return report
    table, mapping = loaded
    checker = Checker(table, mapping, plan, budget)
    source = _Source(consultation, report, mapping, plan)
    # Check everything first (also before a real run: errors anywhere mean nothing is imported).
    _count(_existing(consultation, source.prefix), source.contributions(checker, None, build=False), report)
    report.records = checker.kept
    report.empty_rows = table.blank_rows + checker.empty_rows
    report.problems = _spanning(table, report.accept_multiline) + checker.finish() + report.problems
    if not mapping_text.strip() and report.errors:
        report.suggested_mapping = suggested_toml(table, plan)
    if report.dry_run or report.errors:
        return report
    checker = Checker(table, mapping, plan, budget)  # a fresh pass over the rows for storing
    archive = _archive_path(consultation, report.sha256, report.file_name)
    _write_archive(archive, data)
    try:
        with transaction.atomic():
            _commit(source, checker, mapping_text, archive, user, actor_label)
    except IntegrityError:
        report.batch = None
        report.problems.append(
            Problem(
                None, "", _("Another import of the same answers ran at the same time. Nothing was imported: run again.")
            )
        )
    return report


def _table_and_mapping(data: bytes, report: Report, mapping_text: str, budget: Budget, plan: ImportPlan):
    """The file read with the mapping's options, and the mapping checked against it; None when either fails."""
    try:
        doc = mappings.parse(mapping_text) if mapping_text.strip() else {}
        options = mappings.read_options(doc)
    except mappings.MappingError as exc:
        report.problems += [Problem(None, _("mapping"), p) for p in exc.problems]
        return None
    try:
        table = read_table(
            data,
            report.file_name,
            encoding=options.encoding,
            delimiter=options.delimiter,
            sheet=options.sheet,
            header_row=options.header_row,
            budget=budget,
        )
    except ReadError as exc:
        report.problems.append(Problem(None, "", str(exc)))
        return None
    report.table = table
    report.rows = len(table.rows) + table.blank_rows
    report.empty_rows = table.blank_rows
    if not mapping_text.strip():
        doc = mappings.default_doc(table, plan)
    try:
        mapping = mappings.build(doc, mapping_text, table, plan)
    except mappings.MappingError as exc:
        report.problems += [Problem(None, _("mapping"), p) for p in exc.problems]
        report.suggested_mapping = suggested_toml(table, plan)
        return None
    if report.duplicates:
        mapping.duplicates = report.duplicates
    report.mapping = mapping
    return table, mapping


def _commit(source: "_Source", checker: Checker, mapping_text: str, archive: Path, user, actor_label: str) -> None:
    """Store the batch and its contributions and log it; inside the caller's transaction."""
    consultation, report, mapping = source.consultation, source.report, source.mapping
    report.batch = _store(consultation, report, mapping_text, archive, user, actor_label)
    if report.new_after_check:
        # Again inside the transaction: what is stored now is what counts.
        report.new = report.existing = 0
        rows = source.contributions(checker, report.batch.pk, build=True)
        _count(_existing(consultation, source.prefix), rows, report, writer=source.rows)
    report.batch.added, report.batch.skipped = report.new, report.existing
    report.batch.save(update_fields=["added", "skipped"])
    log.record(
        "contributions.import",
        actor=user,
        label=actor_label,
        consultation=consultation,
        obj=report.batch,
        file=report.file_name,
        sha256=report.sha256,
        added=report.new,
        skipped=report.existing,
        **_decisions(report, mapping),
    )


class _Source:
    """The import's contributions, keyed so that a re-import of the same named source adds nothing."""

    def __init__(self, consultation, report: Report, mapping: mappings.Mapping, plan: ImportPlan):
        self.consultation, self.report, self.mapping = consultation, report, mapping
        # Keys of this source start with import:<namespace>: — a later export of the same named source shares them.
        self.namespace = hashlib.sha256(mapping.name.encode()).hexdigest()[:16] if mapping.name else report.sha256[:16]
        self.prefix = f"import:{self.namespace}:"
        self.event = plan.events.get(mapping.event) if mapping.event else None
        self.now = timezone.now()
        self.rows = RowWriter()
        self.created_at = self.rows.datetime(self.now)

    def contributions(self, checker: Checker, batch_id, build: bool):
        """(dedup key, row to insert) per contribution; the row only when `build` (the check needs only keys)."""
        for record in checker.records():
            person = f"{self.namespace}|{record.respondent_key}"
            respondent = "import-" + hashlib.sha256(person.encode()).hexdigest()[:16]
            received_at = self.rows.datetime(record.received_at or self.now) if build else None
            for question, received, column in record.answers:
                text, changed = storable(received)
                if not text.strip():
                    continue  # nothing but characters no database can store
                provenance = self._provenance(record, column, batch_id, changed)
                for area in record.areas:
                    area_slug = area.slug if area else "-"
                    key = dedup_key("import", self.namespace, record.key, question.slug, area_slug, keep=2)
                    if not build:
                        yield key, None
                        continue
                    yield key, self._row(record, question, area, text, respondent, received_at, provenance, key)

    def _provenance(self, record, column: str, batch_id, changed: int) -> dict:
        provenance = {
            "channel": "import",
            "file": self.report.file_name,
            "sha256": self.report.sha256,
            "row": record.row,
            "column": column,
            "batch": batch_id,
        }
        if self.mapping.name:
            provenance["source_name"] = self.mapping.name
        if changed:
            provenance["characters_not_storable"] = changed
        if record.received_at is None:
            provenance["received_at"] = "import time"
        return provenance

    def _row(self, record, question, area, text: str, respondent: str, received_at, provenance: dict, key: str):
        return self.rows.row(
            consultation_id=self.consultation.pk,
            area_id=area.pk if area else None,
            question_id=question.pk,
            event_id=self.event.pk if self.event else None,
            source=self.mapping.source,
            raw_text=text,
            respondent=respondent,
            role_category_id=record.role.pk if record.role else None,
            municipality_id=record.municipality.pk if record.municipality else None,
            received_at=received_at,
            provenance=provenance,
            dedup_key=key,
            created_at=self.created_at,
        )


def _decisions(report: Report, mapping: mappings.Mapping) -> dict:
    """The decisions this import was made with, for the audit log (only those the file asked for)."""
    decisions = report.decisions
    out: dict = {}
    if "duplicates" in decisions:
        out["duplicates"] = mapping.duplicates
    if "multiline" in decisions:
        out["accepted_multiline_cells"] = sum(1 for p in report.problems if p.decision == "multiline")
    return out


def _spanning(table: Table, accepted: bool) -> list[Problem]:
    """Cells over many lines that may have swallowed rows: errors until the person confirms them."""
    problems = []
    for cell in table.spanning:
        message = spanning_message(cell, table.headers[cell.column])
        if accepted:
            problems.append(
                Problem(
                    cell.row,
                    table.headers[cell.column],
                    message + " " + _("Read as one cell, as you confirmed."),
                    error=False,
                    decision="multiline",
                )
            )
        else:
            problems.append(
                Problem(cell.row, table.headers[cell.column], message, spanning_suggestion(cell), decision="multiline")
            )
    return problems


def _store(consultation, report: Report, mapping_text: str, archive: Path, user, actor_label: str) -> ImportBatch:
    authenticated = getattr(user, "is_authenticated", False)
    return ImportBatch.objects.create(
        consultation=consultation,
        file_name=report.file_name,
        sha256=report.sha256,
        size=report.size,
        archive_path=str(archive.relative_to(Path(settings.MEDIA_ROOT))),
        mapping=mapping_text,
        rows=report.rows,
        created_by=user if authenticated else None,
        created_by_label=actor_label or (user.get_username() if authenticated else ""),
    )


def _existing(consultation, prefix: str) -> set[str]:
    """The keys of this source already stored: one query, however many rows the file has."""
    return set(
        Contribution.objects.filter(consultation=consultation, dedup_key__startswith=prefix).values_list(
            "dedup_key", flat=True
        )
    )


def _count(existing: set[str], contributions, report: Report, *, writer=None) -> None:
    """Count (and with a writer, store) new contributions in batches, skipping keys stored or seen already."""
    chunk: list[tuple] = []
    for key, row in contributions:
        if key in existing:
            report.existing += 1
            continue
        existing.add(key)
        report.new += 1
        if writer is not None:
            chunk.append(row)
            if len(chunk) >= BATCH:
                writer.insert(chunk)
                chunk = []
    if writer is not None and chunk:
        writer.insert(chunk)
    if writer is None:
        report.new_after_check, report.existing_after_check = report.new, report.existing


def _archive_path(consultation, sha: str, file_name: str) -> Path:
    suffix = "".join(c for c in Path(file_name).suffix.lower()[:6] if c.isalnum() or c == ".") or ".bin"
    return Path(settings.MEDIA_ROOT) / "imports" / consultation.slug / f"{sha}{suffix}"


def _write_archive(path: Path, data: bytes) -> None:
    """Content-addressed and written before the transaction: a failed import leaves at most a harmless copy."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
