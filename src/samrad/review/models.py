"""The analysts' workspace: the machine's proposal, and the analysts' decisions on top of it.

Statements are identified by (contribution, span), which stays the same when the synthesis is run again,
so decisions made on them (moved to a theme, chosen as a point, approved as a quote) survive a re-run.
Themes, points and quotes are the summary as analysts shape it; the machine seeds them.
"""

from django.conf import settings
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samrad.consultations.models import Area, Consultation, Question
from samrad.intake.models import Contribution


class Origin(models.TextChoices):
    MACHINE = "machine", _("Proposed by samrad")
    ANALYST = "analyst", _("Written by an analyst")


class AnalysisRun(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="analysis_runs")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    params = models.JSONField(default=dict)
    backend = models.CharField(max_length=80, blank=True)
    counts = models.JSONField(default=dict)
    warnings = models.JSONField(default=list)
    new_statements = models.PositiveIntegerField(default=0)
    new_themes = models.PositiveIntegerField(default=0)
    new_quotes = models.PositiveIntegerField(default=0)
    # Who ran it when not a logged-in user: "samrad analyze", "samrad demo".
    started_by_label = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    # Where a running analysis is (samrad.review.ingest.RunProgress): the engine's stage and its count.
    stage = models.CharField(max_length=20, blank=True)
    stage_done = models.PositiveIntegerField(default=0)
    stage_total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"{self.consultation} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def backend_label(self) -> str:
        """The method in words an analyst knows: how statements were compared (the engine names them tfidf, e5)."""
        parts = self.backend.split("+") if self.backend else []
        words = {"tfidf": _("word similarity (TF-IDF)"), "e5": _("meaning (e5 language model)")}
        labels = [
            str(words[p])
            if p in words
            else str(_("meaning (language model %(name)s)") % {"name": p.removeprefix("st:")})
            for p in parts
            if p != "auto"
        ]
        return " + ".join(labels)

    def progress_text(self) -> str:
        """The stage and count for people waiting, e.g. "Bäddar in 340 av 1 200" ("" before the first)."""
        done = number_format(self.stage_done, force_grouping=True)
        total = number_format(self.stage_total, force_grouping=True)
        if self.stage == "embed" and self.stage_total:
            return gettext("Embedding %(done)s of %(total)s statements") % {"done": done, "total": total}
        if self.stage == "cluster" and self.stage_total:
            return gettext("Finding themes: %(done)s of %(total)s groups") % {"done": done, "total": total}
        labels = {
            "segment": gettext("Splitting the answers into statements"),
            "normalise": gettext("Reading the words"),
            "represent": gettext("Comparing the statements"),
            "merge": gettext("Saving the result in the workspace"),
        }
        return labels.get(self.stage, gettext("Analysing") if self.stage else "")


class AreaReview(models.Model):
    """Where an area's summary stands. Only published areas are shown to the public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="area_reviews")
    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="review")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_label = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.area}: {self.get_status_display()}"


class Statement(models.Model):
    """One point made in one contribution: raw_text[start:end] of its contribution."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="statements")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="statements")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(_("statement"))
    lang = models.CharField(max_length=8, blank=True)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE)
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    theme = models.ForeignKey("Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="statements")
    assigned_by = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MACHINE)
    first_run = models.ForeignKey(AnalysisRun, null=True, on_delete=models.SET_NULL, related_name="+")
    last_run = models.ForeignKey(AnalysisRun, null=True, on_delete=models.SET_NULL, related_name="+")
    # Not found by the latest run (its contribution became a non-answer or was re-segmented); kept so that
    # the points resting on it still show where they came from.
    stale = models.BooleanField(default=False)

    class Meta:
        ordering = ["contribution_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["contribution", "start", "end"], name="uniq_statement_span"),
        ]
        indexes = [models.Index(fields=["consultation", "area", "question"])]

    def __str__(self) -> str:
        return self.text[:80]


class Theme(models.Model):
    """A line under "Utmaningar": a headline and its "Exempelvis:" points, resting on statements."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE, related_name="themes")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(_("label"), max_length=200)
    keywords = models.JSONField(default=list, blank=True)
    headline = models.TextField(_("headline"))
    headline_statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MACHINE)
    edited = models.BooleanField(default=False, help_text="Touched by an analyst: a re-run never rewrites it.")
    published = models.BooleanField(_("include in the summary"), default=True)
    first_run = models.ForeignKey(AnalysisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A language model's proposal for the headline and examples (samrad.synthesis.llm), each phrase checked
    # and citing statements: advice beside the draft, never published unless an analyst takes it.
    proposal = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__order", "question__order", "order", "pk"]

    def __str__(self) -> str:
        return self.label


class Point(models.Model):
    """An "Exempelvis:" point of a theme, or a line of the rest ("Övrigt:") when theme is empty."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="points")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE)
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE)
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="points")
    text = models.TextField(_("text"))
    sources = models.ManyToManyField(Statement, related_name="points", blank=True)
    order = models.PositiveIntegerField(default=0)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MACHINE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Quote(models.Model):
    """An "Utvalt exempel": a statement quoted verbatim, redacted and shortened; only approved ones are published."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="quotes")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE)
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE)
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="quotes")
    original = models.TextField(_("original"))
    text = models.TextField(_("published text"), help_text=_("Redacted and shortened; this is what is published."))
    redactions = models.JSONField(default=list, blank=True)
    proposed = models.TextField(blank=True, help_text="The machine's latest text, to go back to after an edit.")
    shortened = models.BooleanField(default=False)
    score = models.FloatField(default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CANDIDATE)
    order = models.PositiveIntegerField(default=0)
    edited = models.BooleanField(default=False)
    first_run = models.ForeignKey(AnalysisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__order", "question__order", "order", "-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["statement"], name="uniq_quote_statement")]

    def __str__(self) -> str:
        return self.text[:80]
