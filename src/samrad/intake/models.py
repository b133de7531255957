"""Contributions: what people said, kept exactly as received, with where it came from.

Around them: survey responses (one per submitted form, the idempotency record), contact details kept apart
from the answers, facilitator-note revisions (the audit trail of every save), notes locks, import batches and
the rate-limit counters of the public survey.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Area, Consultation, Event, Municipality, Question, RoleCategory


class AppendOnlyError(Exception):
    pass


class Contribution(models.Model):
    """One answer to one question. `raw_text` is never altered; everything after it is derived.

    Facilitator notes are the one exception by design: a note is the group's current text for one
    question and area, updated while the event's notes are unlocked. Every version of it is kept, append-only,
    in NoteRevision, so nothing typed is ever lost; once the event is locked the note no longer changes.
    """

    class Source(models.TextChoices):
        GROUP_NOTE = "group_note", _("Group note")
        SURVEY = "survey", _("Survey")
        WORKSHOP = "workshop", _("Workshop")
        IMPORT = "import", _("Import")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="contributions")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("culture area"))
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("question"))
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("event"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    raw_text = models.TextField(_("text as received"))
    # Who: a known participant, a group (notes), or an anonymous respondent key (survey, import).
    participant = models.ForeignKey(
        "participation.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    group = models.ForeignKey(
        "participation.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    respondent = models.CharField(_("respondent key"), max_length=100, blank=True, db_index=True)
    role_category = models.ForeignKey(RoleCategory, null=True, blank=True, on_delete=models.SET_NULL)
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.SET_NULL)
    received_at = models.DateTimeField(_("received"))
    # Where the raw record came from: file, row, checksum, submission id, … (never used to alter raw_text).
    provenance = models.JSONField(_("provenance"), default=dict, blank=True)
    # Unique per consultation; makes re-imports and resent forms idempotent.
    dedup_key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "received_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "dedup_key"], name="uniq_contribution_dedup_key"),
        ]
        indexes = [models.Index(fields=["consultation", "area", "question"])]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return self.raw_text[:60]

    @property
    def author_key(self) -> str:
        """A stable, non-identifying key for counting distinct authors."""
        if self.participant_id:
            return f"participant:{self.participant_id}"
        if self.respondent:
            return f"respondent:{self.respondent}"
        if self.group_id:
            return f"group:{self.group_id}"
        return f"contribution:{self.pk}"


class SurveyResponse(models.Model):
    """One submitted survey form. Its `key` (the form's idempotency key plus a hash of the content) is unique,
    so a double click or a resent form is stored once. Holds no personal data."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="survey_responses")
    key = models.CharField(max_length=100)
    respondent = models.CharField(_("respondent key"), max_length=100)
    channel = models.CharField(_("channel"), max_length=20, default="web")
    received_at = models.DateTimeField(_("received"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "key"], name="uniq_survey_response_key")]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return self.respondent


class SurveyContact(models.Model):
    """Contact details a respondent chose to leave. Deliberately not linked to the answers: a random id, no
    reference to a response, and only the month it was given (for deleting old contacts), so that neither
    the order of rows nor a timestamp ties a name to an answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="survey_contacts")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    month = models.DateField(_("month given"))

    class Meta:
        ordering = ["consultation", "email"]
        verbose_name = _("survey contact")
        verbose_name_plural = _("survey contacts")

    def __str__(self) -> str:
        return self.email


class NotesLock(models.Model):
    """An event whose facilitator notes are locked: later edits are refused."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="notes_lock")
    locked_at = models.DateTimeField(_("locked"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_by_label = models.CharField(_("locked by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("notes lock")
        verbose_name_plural = _("notes locks")

    def __str__(self) -> str:
        return f"{self.event} 🔒"


class NoteRevision(models.Model):
    """One save of a facilitator note: who (account or group link), when, the old and the new text.
    Append-only. `client` and `seq` identify the browser tab and its n-th save, so a retried or late request
    is recognised and never overwrites newer text."""

    class Via(models.TextChoices):
        ACCOUNT = "account", _("Logged-in user")
        LINK = "link", _("Group link")

    contribution = models.ForeignKey(Contribution, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    previous_text = models.TextField(_("old text"), blank=True)
    text = models.TextField(_("new text"), blank=True)
    at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("who"), max_length=200)
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)
    client = models.CharField(max_length=64)
    seq = models.PositiveIntegerField()

    class Meta:
        ordering = ["contribution", "version"]
        constraints = [models.UniqueConstraint(fields=["contribution", "version"], name="uniq_note_revision")]
        indexes = [models.Index(fields=["contribution", "client", "seq"])]
        verbose_name = _("note revision")
        verbose_name_plural = _("note revisions")

    def __str__(self) -> str:
        return f"{self.contribution_id} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("note revisions cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("note revisions cannot be deleted")


class ImportBatch(models.Model):
    """One real run of an import: the archived file (by checksum), the mapping used and what it added."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="import_batches")
    file_name = models.CharField(_("file"), max_length=300)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    archive_path = models.CharField(_("archived as"), max_length=500)
    mapping = models.TextField(_("mapping"), blank=True)
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    added = models.PositiveIntegerField(_("contributions added"), default=0)
    skipped = models.PositiveIntegerField(_("contributions already imported"), default=0)
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_label = models.CharField(_("imported by"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d})"
