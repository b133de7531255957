"""What the collaboration dialogues produced and how it is followed up over the plan period.

Collaboration  a part of the consultation about working together (with municipalities, with other sectors):
               its dialogues (events) and their results, as a list.
Goal           a proposed joint goal (samverkansmål), with focus areas and target groups.
Sector         another part of society (samhällsområde) with strategic focus areas and proposed activities.
FocusArea      a strategic focus area of a goal or of a sector.
Activity       something to be done: responsible party, period, status, dated notes, the themes behind it.
ActivityNote   a dated note; a note may change the activity's status, so the notes are its history.
ThemeLink      a loose reference to a theme of the dialogue results (the review app resolves it later).
MeetingPlace   a cultural meeting place on the participation map (imported from CSV).

Rows loaded from the consultation file have `from_file=True`; re-loading the file updates them by slug and
removes those no longer in it. Rows staff create on the web are never touched by a re-load.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Consultation, Event, Municipality


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# In plain language, for the public pages and the status form.
STATUS_EXPLAINED = {
    Status.PROPOSED: _("Proposed in the dialogues; no decision yet."),
    Status.PLANNED: _("Decided, with someone responsible, but not started."),
    Status.ONGOING: _("Work has started."),
    Status.DONE: _("Carried out."),
    Status.DROPPED: _("Will not be carried out; the notes say why."),
}


class Collaboration(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="collaborations")
    slug = models.SlugField(max_length=80)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Paragraphs separated by a blank line."))
    results = models.JSONField(_("results"), default=list, blank=True, help_text=_("The dialogues' results, a list."))
    goals_heading = models.CharField(_("heading above the goals"), max_length=300, blank=True)
    events = models.ManyToManyField(Event, blank=True, related_name="collaborations", verbose_name=_("dialogues"))
    order = models.PositiveIntegerField(default=0)
    from_file = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["consultation", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_collaboration_slug")]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="goals")
    collaboration = models.ForeignKey(
        Collaboration, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200, help_text=_("Short name, e.g. “Mål 1”."))
    text = models.TextField(_("goal"))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    order = models.PositiveIntegerField(default=0)
    from_file = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["consultation", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_goal_slug")]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="sectors")
    collaboration = models.ForeignKey(
        Collaboration, null=True, blank=True, on_delete=models.SET_NULL, related_name="sectors"
    )
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    focus_text = models.TextField(
        _("strategic focus (as text)"),
        blank=True,
        help_text=_("When the focus is written as paragraphs rather than as a list of focus areas."),
    )
    order = models.PositiveIntegerField(default=0)
    from_file = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["consultation", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_sector_slug")]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class FocusArea(models.Model):
    """A strategic focus area: of a goal or of a sector (exactly one of the two)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="focus_areas")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="focus_areas")
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.CASCADE, related_name="focus_areas")
    slug = models.SlugField(max_length=80)
    text = models.TextField(_("focus area"))
    order = models.PositiveIntegerField(default=0)
    from_file = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["consultation", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_focus_area_slug"),
            models.CheckConstraint(
                condition=(models.Q(goal__isnull=False) & models.Q(sector__isnull=True))
                | (models.Q(goal__isnull=True) & models.Q(sector__isnull=False)),
                name="focus_area_one_parent",
            ),
        ]
        verbose_name = _("strategic focus area")
        verbose_name_plural = _("strategic focus areas")

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:78] + "…"

    @property
    def parent(self):
        return self.goal or self.sector


class Activity(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="activities")
    sector = models.ForeignKey(
        Sector,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("proposed by sector"),
    )
    slug = models.SlugField(max_length=80)
    text = models.TextField(_("activity"))
    goals = models.ManyToManyField(Goal, blank=True, related_name="activities", verbose_name=_("goals"))
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="activities", verbose_name=_("strategic focus areas")
    )
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    starts = models.DateField(_("starts"), null=True, blank=True)
    ends = models.DateField(_("ends"), null=True, blank=True)
    # A cache of the latest status-setting note (see ActivityNote); `refresh_status()` keeps it right.
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    is_invented = models.BooleanField(_("the activity is invented (example)"), default=False)
    progress_invented = models.BooleanField(_("responsible, period and links are invented (example)"), default=False)
    order = models.PositiveIntegerField(default=0)
    from_file = models.BooleanField(default=False, editable=False)
    progress_from_file = models.BooleanField(default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["consultation", "sector__order", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_activity_slug")]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:78] + "…"

    def refresh_status(self, save: bool = True) -> str:
        latest = self.notes.exclude(status="").order_by("-date", "-pk").first()
        status = latest.status if latest else Status.PROPOSED
        if status != self.status:
            self.status = status
            if save:
                self.save(update_fields=["status", "updated_at"])
        return status

    @property
    def status_explained(self) -> str:
        return STATUS_EXPLAINED[Status(self.status)]


class ActivityNote(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("date"))
    text = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("new status"), max_length=20, choices=Status.choices, blank=True, help_text=_("Empty: no change.")
    )
    author = models.CharField(_("written by"), max_length=200, blank=True)
    is_invented = models.BooleanField(_("invented (example)"), default=False)
    from_file = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "date", "pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.text[:60]}"


class ThemeLink(models.Model):
    """A theme from the dialogue results that motivated an activity, referred to loosely.

    The review app (themes) is built separately; until it can resolve `ref` or (area, question, label),
    the link is shown as text and points to the culture area's results.
    """

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="theme_links")
    area_slug = models.SlugField(_("culture area"), max_length=80, blank=True)
    question_slug = models.SlugField(_("question"), max_length=80, blank=True)
    label = models.CharField(_("theme"), max_length=300)
    ref = models.CharField(_("theme id"), max_length=100, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["activity", "order", "pk"]
        verbose_name = _("theme link")
        verbose_name_plural = _("theme links")

    def __str__(self) -> str:
        return "/".join(p for p in (self.area_slug, self.question_slug) if p) + f": {self.label}"


class MeetingPlace(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="meeting_places")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.SET_NULL)
    is_invented = models.BooleanField(_("invented (example)"), default=False)
    source = models.CharField(_("imported from"), max_length=300, blank=True)
    source_row = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "municipality__order", "name"]
        verbose_name = _("cultural meeting place")
        verbose_name_plural = _("cultural meeting places")

    def __str__(self) -> str:
        return self.name


class FollowupInfo(models.Model):
    """Per consultation: whether the follow-up shown is invented (an example), and a note shown on every page."""

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="followup_info")
    is_invented = models.BooleanField(_("the follow-up is invented (example)"), default=False)
    note = models.TextField(_("note shown on the follow-up pages"), blank=True)

    class Meta:
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")

    def __str__(self) -> str:
        return str(self.consultation)
