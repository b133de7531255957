"""`samrad review CONSULTATION …`: the example from analysed to published with no browser, audited, and only
for an account that holds the rule."""

import pytest
from django.test import Client
from django.utils.html import escape

from samrad import demo
from samrad.audit.models import AuditEvent
from samrad.cli import main
from samrad.commands.demo import run_stages
from samrad.consultations.models import Consultation
from samrad.review import coverage
from samrad.review.actions.quotes import findings
from samrad.review.models import AreaReview, Quote, Theme
from samrad.review.workspace import QUOTE_KINDS
from tests.conftest import EXAMPLE_DIR
from tests.ops.people import user, with_role

pytestmark = pytest.mark.django_db
BANNER = "under bearbetning"


@pytest.fixture
def analysed(example_plan):
    """The example with its answers analysed, as `samrad demo` leaves it before it plays the analyst."""
    run_stages(example_plan, EXAMPLE_DIR, [s for s in demo.STAGES if s[0] != "review"])
    return example_plan


def review(*args, lang="sv"):
    return main(["--lang", lang, "review", "orebro-2022", *args])


def test_from_analysed_to_published_without_a_browser(analysed, capsys, tmp_path):
    c = analysed
    analyst = with_role("anna", c, "analyst")
    as_anna = ["--user", "anna@example.org"]
    assert not AreaReview.objects.filter(consultation=c, status=AreaReview.Status.PUBLISHED).exists()

    assert review("list", *as_anna) == 0
    out = capsys.readouterr().out
    assert "Musik (musik): utkast." in out and "väntar" in out
    assert "Litteratur (litteratur): undanhållet" in out

    musik = c.areas.get(slug="musik")
    pending = Quote.objects.filter(area=musik, status=Quote.Status.CANDIDATE, question__kind__in=QUOTE_KINDS)
    clean = [q for q in pending if not findings(q)]
    assert clean
    assert review("approve", *as_anna, "--all", "--area", "musik") == 0
    assert f"{len(clean)} citat godkända" in capsys.readouterr().out
    assert Quote.objects.filter(area=musik, status=Quote.Status.APPROVED).count() == len(clean)
    approved = AuditEvent.objects.filter(action="review.quote.approved", actor=analyst)
    assert approved.count() == len(clean)
    assert approved.first().actor_label == "samrad review"

    # A theme an analyst left out is included again by id.
    theme = Theme.objects.filter(area=musik, question__slug="utmaningar").order_by("order").first()
    Theme.objects.filter(pk=theme.pk).update(published=False)
    assert review("approve", *as_anna, "--theme", str(theme.pk)) == 0
    assert Theme.objects.get(pk=theme.pk).published
    headline = escape(theme.headline.rstrip("."))
    assert AuditEvent.objects.filter(action="review.theme.include", actor=analyst).exists()

    site = tmp_path / "site"
    assert review("publish", "musik", *as_anna, "--site", str(site)) == 0
    assert "Musik: sammanfattningen har nu status ”Publicerat”" in capsys.readouterr().out
    event = AuditEvent.objects.get(action="review.area.status", actor=analyst)
    assert event.data["after"] == "published"
    assert headline in (site / "index.html").read_text()

    page = Client().get("/orebro-2022/resultat/").content.decode()
    assert headline in page
    quote = Quote.objects.filter(area=musik, status="approved", question__kind__in=QUOTE_KINDS).first()
    assert escape(quote.text[:40]) in page
    assert BANNER in page

    # The rest of the areas, then the status that takes the banner away.
    others = [a.slug for a in c.areas.exclude(slug__in=["musik", "litteratur"])]
    assert review("publish", *others, *as_anna) == 0
    assert review("status", "published", *as_anna, "--site", str(site)) == 0
    assert Consultation.objects.get(pk=c.pk).status == "published"
    status = AuditEvent.objects.get(action="review.consultation.status")
    assert (status.actor, status.data["before"], status.data["after"]) == (analyst, "analysing", "published")
    assert BANNER not in Client().get("/orebro-2022/resultat/").content.decode()
    assert BANNER not in (site / "index.html").read_text()

    # An area with too few participants stays withheld.
    assert review("publish", "litteratur", *as_anna) == 1
    assert "kan inte publiceras" in capsys.readouterr().err
    assert AreaReview.objects.get(area__slug="litteratur").status != AreaReview.Status.PUBLISHED

    assert review("withdraw", "musik", *as_anna) == 0
    assert AreaReview.objects.get(area=musik).status == AreaReview.Status.IN_REVIEW
    assert headline not in Client().get("/orebro-2022/resultat/").content.decode()


@pytest.mark.parametrize(
    "who, action",
    [
        ("facilitator", ["list"]),
        ("facilitator", ["approve", "--all", "--area", "musik"]),
        ("no_role", ["publish", "musik"]),
        ("other", ["status", "published"]),
        ("deactivated", ["list"]),
        ("nobody", ["list"]),
    ],
)
def test_refused_without_the_analyst_role(workspace, capsys, who, action):
    c = workspace.consultation
    if who == "facilitator":
        with_role("fia", c, "facilitator")
    elif who == "no_role":
        user("fia")
    elif who == "other":
        other = Consultation.objects.create(
            slug="annat", name="Annat", organiser="X", plan_period_start=2024, plan_period_end=2027
        )
        with_role("fia", other, "analyst")
    elif who == "deactivated":
        u = with_role("fia", c, "analyst")
        u.is_active = False
        u.save()
    before = AuditEvent.objects.count()
    assert review(*action, "--user", "fia@example.org") == 2
    err = capsys.readouterr().err
    assert {
        "nobody": "Det finns inget konto fia@example.org",
        "deactivated": "är avstängt",
    }.get(
        who,
        "fia@example.org får inte göra detta i Dialoger inför ny kulturplan 2024–2027: "
        "kontot behöver rollen analytiker",
    ) in err
    assert AuditEvent.objects.count() == before
    assert Consultation.objects.get(pk=c.pk).status == c.status
    assert not Quote.objects.filter(status=Quote.Status.APPROVED).exists()


def test_user_is_required_and_messages_in_english(workspace, capsys):
    with pytest.raises(SystemExit):
        review("list")
    with_role("fia", workspace.consultation, "facilitator")
    assert review("list", "--user", "fia@example.org", lang="en") == 2
    assert "needs the analyst role" in capsys.readouterr().err


def test_bad_ids_and_areas_are_named(workspace, capsys):
    with_role("anna", workspace.consultation, "analyst")
    assert review("approve", "--quote", "999999", "--user", "anna@example.org") == 2
    assert "999999" in capsys.readouterr().err
    assert review("publish", "finns-inte", "--user", "anna@example.org") == 2
    assert "finns-inte" in capsys.readouterr().err
    assert review("approve", "--all", "--user", "anna@example.org") == 2
    assert "--area" in capsys.readouterr().err


def test_coverage_in_the_cli(workspace, capsys):
    with_role("anna", workspace.consultation, "analyst")
    assert review("coverage", "--area", "musik", "--user", "anna@example.org") == 0
    out = capsys.readouterr().out
    cov = coverage.section(workspace.consultation, workspace.area, workspace.challenges)
    assert f"Musik · Utmaningar: {cov.represented} av {cov.total} påståenden finns med i texten" in out
    assert review("list", "--user", "anna@example.org") == 0
    assert "Musik (musik): utkast. 11 påståenden, 3 av 3 teman med, 0 citat godkända, 3 väntar. " in (
        out := capsys.readouterr().out
    )
    assert "8 av 8 påståenden finns med i texten." in out
