"""The one permission guard (samrad.core.guard): what it answers, and that every staff view is behind it.

The permission matrix (tests/permissions/) asks every door as every role; these tests pin down the guard's
own answers: where a login redirect leads, the 403 page, 404 before anything else, 405, no caching.
"""

import pytest
import rules
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from samrad.accounts.models import ConsultationRole
from samrad.audit.models import AuditEvent
from samrad.participation.models import Group
from tests.ops.people import fast_passwords, other_consultation, user, with_role

pytestmark = pytest.mark.django_db
LOGIN = "/konto/logga-in/"

# Pages anyone may open (or the holder of a personal link). Every other URL is a staff page and must be guarded;
# the admin has its own guard (staff accounts only) and is left out.
PUBLIC = {
    "set_language",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "results:index",
    "results:consultation",
    "results:results",
    "results:feedback",
    "results:accessibility",
    "results:logo",
    "privacy:record",
    "privacy:erased",
    "privacy:my_data",
    "privacy:download",
    "privacy:erase",
    "intake:survey",
    "intake:survey_thanks",
    "intake:notes_link",
    "participation:signup",
    "participation:resend",
    "participation:personal",
    "participation:confirmation",
    "participation:cancel",
    "followup:collaborations",
    "followup:index",
    "followup:goal",
    "followup:sector",
    "followup:activity",
    "followup:data_json",
    "followup:activities_csv",
    "followup:calendar",
    "followup:calendar_feed",
    "followup:event_ics",
    "followup:participation",
}


def _patterns(resolver=None, namespace="", prefix=""):
    """(URL name, route, view) of every named URL."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patterns(p, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield namespace + p.name, prefix + str(p.pattern), p.callback


def _served():
    return [(name, route, view) for name, route, view in _patterns() if not name.startswith("admin:")]


def test_every_staff_view_is_guarded_and_no_public_one_is():
    unguarded = sorted(name for name, _route, view in _served() if name not in PUBLIC and not hasattr(view, "guard"))
    assert unguarded == [], "staff views without samrad.core.guard (or add a public page to PUBLIC)"
    guarded_public = sorted(name for name, _route, view in _served() if name in PUBLIC and hasattr(view, "guard"))
    assert guarded_public == []
    assert PUBLIC - {name for name, _route, _view in _served()} == set(), "PUBLIC names URLs that are gone"


def test_guards_ask_rules_that_exist():
    asked = {view.guard.rule for _name, _route, view in _served() if hasattr(view, "guard")}
    assert {rule for rule in asked if rule is not None and not rules.perm_exists(rule)} == set()


def test_the_consultation_has_one_url_keyword_everywhere():
    """`consultation` (its slug) in every route that names one: never `slug`."""
    assert [route for _name, route, _view in _served() if "<slug:slug>" in route] == []
    for name, route, view in _served():
        if hasattr(view, "guard") and route.startswith(("<slug:", "personal/<slug:")):
            assert "<slug:consultation>" in route, name


@pytest.fixture
def people(example_plan, settings):
    fast_passwords(settings)
    return {
        "no_role": user("utan-roll"),
        "facilitator": with_role("ledare", example_plan, "facilitator"),
        "analyst": with_role("analytiker", example_plan, "analyst"),
        "administrator": with_role("admin", example_plan, "administrator"),
        "superuser": user("root", superuser=True),
    }


def _as(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_anonymous_get_is_sent_to_log_in_and_back(example_plan):
    response = Client().get("/personal/orebro-2022/roller/?visa=alla")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/personal/orebro-2022/roller/%3Fvisa%3Dalla"


def test_anonymous_post_is_sent_to_log_in_and_changes_nothing(example_plan):
    client = Client()
    # A page that also answers GET: back to it.
    response = client.post("/personal/orebro-2022/roller/", {"who": "ny@example.org", "role": "administrator"})
    assert response["Location"] == f"{LOGIN}?next=/personal/orebro-2022/roller/"
    # A POST-only action: back to the page it belongs to, or the staff landing page.
    response = client.post("/orebro-2022/granskning/analysera/")
    assert response["Location"] == f"{LOGIN}?next=/orebro-2022/granskning/"
    response = client.post("/orebro-2022/dialoger/kulturdialog-2022-06-01/grupper/bilda/")
    assert response["Location"] == f"{LOGIN}?next=/personal/"
    assert not ConsultationRole.objects.exists() and not AuditEvent.objects.exists()


def test_an_account_without_the_rule_gets_the_403_page_for_get_and_post(people, example_plan):
    client = _as(people["facilitator"])
    response = client.get("/personal/orebro-2022/roller/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Du har inte behörighet till den här sidan" in page and 'href="/orebro-2022/"' in page
    response = client.post("/personal/orebro-2022/roller/", {"who": "ny@example.org", "role": "administrator"})
    assert response.status_code == 403
    assert ConsultationRole.objects.filter(user__username="ny@example.org").count() == 0
    # A role on another consultation counts for nothing here.
    other = with_role("annan", other_consultation(), "administrator")
    assert _as(other).get("/personal/orebro-2022/roller/").status_code == 403


def test_a_deactivated_account_is_anonymous(people):
    admin = people["administrator"]
    admin.is_active = False
    admin.save(update_fields=["is_active"])
    response = _as(admin).get("/personal/orebro-2022/roller/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_an_unknown_consultation_is_404_for_everyone(people):
    for client in (Client(), _as(people["superuser"])):
        assert client.get("/personal/finns-inte/roller/").status_code == 404
        assert client.post("/finns-inte/granskning/analysera/").status_code == 404


def test_a_method_the_view_does_not_take_is_405(people):
    client = _as(people["administrator"])
    role = ConsultationRole.objects.get(user=people["facilitator"])
    response = client.get(f"/personal/orebro-2022/roller/{role.pk}/ta-bort/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert client.post("/personal/orebro-2022/logg/").status_code == 405
    assert Client().get(f"/personal/orebro-2022/roller/{role.pk}/ta-bort/").status_code == 405
    assert ConsultationRole.objects.filter(pk=role.pk).exists()


def test_a_staff_page_is_never_stored(people):
    response = _as(people["administrator"]).get("/personal/orebro-2022/roller/")
    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}


def test_a_rule_about_something_smaller_is_asked_about_it(people, example_plan):
    """A facilitator writes only their own group's notes: the rule is asked about the group in the URL."""
    round_ = example_plan.events.get(slug="kulturdialog-2022-06-01").rounds.get(number=2)
    other_facilitator = with_role("ledare-b", example_plan, "facilitator")
    own = Group.objects.create(round=round_, number=1, facilitator=people["facilitator"])
    theirs = Group.objects.create(round=round_, number=2, facilitator=other_facilitator)
    client = _as(people["facilitator"])
    assert client.get(f"/orebro-2022/anteckningar/grupp/{own.pk}/").status_code == 200
    assert client.get(f"/orebro-2022/anteckningar/grupp/{theirs.pk}/").status_code == 403
    assert client.get("/orebro-2022/anteckningar/grupp/999999/").status_code == 404
    assert Client().get("/orebro-2022/anteckningar/grupp/999999/").status_code == 404


def test_without_a_consultation_the_rule_is_asked_about_none(people):
    """The whole audit log: only a superuser; any account: its own landing page."""
    assert _as(people["superuser"]).get("/personal/logg/").status_code == 200
    assert _as(people["administrator"]).get("/personal/logg/").status_code == 403
    assert _as(people["no_role"]).get("/personal/").status_code == 200
    assert Client().get("/personal/")["Location"] == f"{LOGIN}?next=/personal/"
