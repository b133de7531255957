"""The plan of a consultation: what is asked, of whom, when, and under which publication rules.

Everything here is loaded from a consultation file (see loader/) and can be edited by staff.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Consultation(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        OPEN = "open", _("Open for participation")
        ANALYSING = "analysing", _("Analysing")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200)
    logo = models.CharField(_("logo"), max_length=300, blank=True, help_text=_("Path or URL of the organiser's logo."))
    plan_period_start = models.PositiveSmallIntegerField(_("plan period starts (year)"))
    plan_period_end = models.PositiveSmallIntegerField(_("plan period ends (year)"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNING)
    intro = models.TextField(_("introduction"), blank=True)
    results_intro = models.TextField(_("introduction to the results"), blank=True)
    participants_text = models.TextField(_("who took part"), blank=True)
    is_example = models.BooleanField(
        _("example with invented data"),
        default=False,
        help_text=_("Shown in the interface: the participants and answers are invented."),
    )
    source_file = models.CharField(_("loaded from"), max_length=500, blank=True)
    source_checksum = models.CharField(_("checksum of the consultation file"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-plan_period_start", "name"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.name

    @property
    def plan_period(self) -> str:
        return f"{self.plan_period_start}–{self.plan_period_end}"


class RoleCategory(models.Model):
    """An aktörskategori: the kind of participant (professional artist, municipal officer, …)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="role_categories")
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "order"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_role_slug")]
        verbose_name = _("role category")
        verbose_name_plural = _("role categories")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="municipalities")
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("municipality code"), max_length=8, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "order"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_municipality_slug")]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A kulturområde. Ordered as in the plan; results are shown in this order."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="areas")
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(default=0)
    neighbour = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("neighbouring area"),
        help_text=_("Where a lone registrant joins when the area cannot form a group of its own."),
    )

    class Meta:
        ordering = ["consultation", "order"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_area_slug")]
        verbose_name = _("culture area")
        verbose_name_plural = _("culture areas")

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    class Kind(models.TextChoices):
        CHALLENGES = "challenges", _("Challenges")
        ATTRACTIVENESS = "attractiveness", _("Attractiveness")
        SUSTAINABILITY = "sustainability", _("Sustainability")
        OTHER = "other", _("Other")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(max_length=80)
    text = models.TextField(_("question"))
    label = models.CharField(_("heading"), max_length=200, help_text=_("Short heading, e.g. “Utmaningar”."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    in_survey = models.BooleanField(_("asked in the survey"), default=True)
    help_text = models.TextField(_("help text"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "order"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_question_slug")]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label or self.text[:60]


class Event(models.Model):
    class Kind(models.TextChoices):
        AREA_DIALOGUE = "area_dialogue", _("Culture-area dialogue")
        MUNICIPAL_DIALOGUE = "municipal_dialogue", _("Municipal dialogue")
        SECTOR_WORKSHOP = "sector_workshop", _("Sector workshop")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        DIGITAL = "digital", _("Digital")
        PHYSICAL = "physical", _("Physical")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    slug = models.SlugField(max_length=80)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.PHYSICAL)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(_("meeting link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    participants_text = models.TextField(_("who took part"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)

    class Meta:
        ordering = ["consultation", "starts_at"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="uniq_event_slug")]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    @property
    def has_registration(self) -> bool:
        return self.registration_closes_at is not None or self.capacity is not None


class Round(models.Model):
    """One question discussed in groups during an event, with the rule for forming the groups."""

    class Rule(models.TextChoices):
        SAME_AREA = "same_area", _("Same culture area")
        MIXED = "mixed", _("Mixed areas")
        KEEP_PREVIOUS = "keep_previous", _("Keep the groups of an earlier round")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("question")
    )
    rule = models.CharField(_("grouping rule"), max_length=20, choices=Rule.choices, default=Rule.MIXED)
    keep_round = models.PositiveSmallIntegerField(_("keep the groups of round"), null=True, blank=True)
    min_size = models.PositiveSmallIntegerField(_("smallest group"), default=2)
    max_size = models.PositiveSmallIntegerField(_("largest group"), default=4)
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="rounds",
        verbose_name=_("culture areas"),
        help_text=_("Only registrants of these areas take part in the round. Empty: everyone."),
    )

    class Meta:
        ordering = ["event", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="uniq_round_number")]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")

    def __str__(self) -> str:
        return f"{self.event} · {self.number}"


class SurveyWindow(models.Model):
    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="survey")
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    thanks = models.TextField(_("thank-you text"), blank=True)
    max_answer_length = models.PositiveIntegerField(_("longest answer (characters)"), default=5000)

    class Meta:
        verbose_name = _("survey window")
        verbose_name_plural = _("survey windows")

    def __str__(self) -> str:
        return f"{self.consultation}: {self.opens_at:%Y-%m-%d}–{self.closes_at:%Y-%m-%d}"

    def is_open(self, at) -> bool:
        return self.opens_at <= at < self.closes_at

    @property
    def last_open_moment(self):
        """For display: a window closing at midnight was open all of the day before ("open until 2 August")."""
        import datetime as dt

        return self.closes_at - dt.timedelta(microseconds=1)


class PublicationRule(models.Model):
    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="publication_rule")
    min_participants = models.PositiveIntegerField(
        _("minimum distinct participants per area"),
        default=5,
        help_text=_("Areas with fewer participants are withheld in every published format."),
    )
    withheld_text = models.TextField(_("text shown when an area is withheld"), blank=True)
    followup_text = models.TextField(_("planned follow-up"), blank=True)
    processing_banner = models.TextField(_("banner while texts are being worked on"), blank=True)

    class Meta:
        verbose_name = _("publication rule")
        verbose_name_plural = _("publication rules")

    def __str__(self) -> str:
        return f"{self.consultation}: ≥ {self.min_participants}"
