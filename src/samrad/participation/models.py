"""People who take part in a dialogue, their registrations, and the groups they meet in."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Area, Consultation, Event, Municipality, RoleCategory, Round


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    """A person known by name, per consultation. Personal data: keep only what the plan needs."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role_category = models.ForeignKey(
        RoleCategory, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("role category")
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("municipality")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    external_ref = models.CharField(_("reference in the source"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    """A participant's sign-up for one event, with the culture area they chose."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    class Source(models.TextChoices):
        WEB = "web", _("Sign-up page")
        IMPORT = "import", _("Imported")
        WALK_IN = "walk_in", _("Walk-in on the day")

    ACTIVE = (Status.REGISTERED, Status.ATTENDED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="registrations")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("culture area"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    needs = models.TextField(_("accessibility or other needs"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The personal link (view or cancel) is per registration: one person may sign up for several events.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.IMPORT)
    language = models.CharField(_("language"), max_length=8, blank=True, help_text=_("Language of the e-mails."))
    consent = models.ForeignKey(
        "ConsentText", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("consent text")
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "participant"], name="uniq_registration")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.participant} → {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class ConsentText(models.Model):
    """Exactly the consent text a person was shown, stored once per version (hash of the text)."""

    version = models.CharField(_("version"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("text"))
    first_shown_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return self.version[:12]

    @staticmethod
    def version_of(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @classmethod
    def for_text(cls, text: str, language: str) -> "ConsentText":
        obj, _created = cls.objects.get_or_create(
            version=cls.version_of(text), defaults={"text": text, "language": language}
        )
        return obj


class Group(models.Model):
    """A small group meeting in one round of an event."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_groups",
        verbose_name=_("facilitator"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("culture area"),
        help_text=_("The area a same-area group meets for."),
    )
    members = models.ManyToManyField(Participant, through="GroupMembership", related_name="groups")

    class Meta:
        ordering = ["round", "number"]
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="uniq_group_number")]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name or f"{self.round.number}:{self.number}"


class GroupMembership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "participant"], name="uniq_group_member")]


class RoundReport(models.Model):
    """The grouping engine's report for the groups currently formed in a round (replaced when re-formed)."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="grouping_report")
    formed_at = models.DateTimeField(_("formed"), auto_now=True)
    formed_by = models.CharField(_("formed by"), max_length=200, blank=True)
    seed = models.IntegerField(_("seed"), default=0)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("grouping report")
        verbose_name_plural = _("grouping reports")

    def __str__(self) -> str:
        return str(self.round)
