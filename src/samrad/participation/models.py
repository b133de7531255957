"""People who take part in a dialogue, their registrations, and the groups they meet in."""

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

    ACTIVE = (Status.REGISTERED, Status.ATTENDED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="registrations")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("culture area"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    needs = models.TextField(_("accessibility or other needs"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "participant"], name="uniq_registration")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.participant} → {self.event}"


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
