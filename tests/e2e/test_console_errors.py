"""No page may make the browser complain: no console error, no uncaught exception, no Content-Security-Policy
violation. Follow-up and participation pages for now (tests/e2e/console.py is there for every other page)."""

import pytest

from samrad.accounts.models import ConsultationRole
from samrad.followup.places import import_places
from samrad.participation.models import Participant, Registration
from tests.conftest import EXAMPLE_DIR
from tests.e2e.console import assert_clean, watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOLLOW_UP = [
    "/orebro-2022/uppfoljning/",
    "/orebro-2022/uppfoljning/mal/mal-1/",
    "/orebro-2022/uppfoljning/sektor/energi-och-klimat/",
    "/orebro-2022/uppfoljning/aktivitet/tr-konsekvensanalys/",
    "/orebro-2022/samverkan/",
    "/orebro-2022/kalender/",
    "/orebro-2022/deltagande/",
]


@pytest.fixture(autouse=True)
def _patient(page):
    page.set_default_timeout(30_000)  # the machine may be busy: a slow page is not what these tests are about


def _participants(consultation):
    event = consultation.events.get(slug="kulturdialog-2022-06-01")
    area = consultation.areas.get(slug="musik")
    for slug, n in {"orebro": 9, "kumla": 6, "laxa": 2}.items():
        m = consultation.municipalities.get(slug=slug)
        for i in range(n):
            p = Participant.objects.create(consultation=consultation, name=f"{slug}{i}", municipality=m)
            Registration.objects.create(event=event, participant=p, area=area)


def test_follow_up_and_participation_pages_make_no_console_errors(page, example_plan):
    _participants(example_plan)
    import_places(example_plan, (EXAMPLE_DIR / "meeting-places.csv").read_bytes(), "meeting-places.csv")
    problems = watch(page)
    for path in FOLLOW_UP:
        page.goto(path)
        assert_clean(page, problems)
    # The progress bars are drawn, not blocked: their segments have a width in the browser.
    page.goto("/orebro-2022/uppfoljning/")
    widths = page.eval_on_selector_all(".bar rect", "rects => rects.map(r => r.getBoundingClientRect().width)")
    assert widths and all(w > 0 for w in widths)
    assert_clean(page, problems)


def test_staff_participation_page_makes_no_console_errors(page, example_plan, django_user_model):
    _participants(example_plan)
    user = django_user_model.objects.create_user("analys", password="pw-123456789", is_staff=True)
    ConsultationRole.objects.create(user=user, consultation=example_plan, role="analyst")
    page.goto("/admin/login/?next=/orebro-2022/deltagande/alla-siffror/")  # Django's admin login: not ours
    page.fill("#id_username", "analys")
    page.fill("#id_password", "pw-123456789")
    page.click("input[type=submit]")
    page.wait_for_url(lambda url: url.endswith("/deltagande/alla-siffror/"))
    problems = watch(page)
    for path in ("/orebro-2022/deltagande/alla-siffror/", "/orebro-2022/uppfoljning/hantera/"):
        page.goto(path)
        assert_clean(page, problems)


def test_the_check_catches_a_csp_violation(page, example_plan):
    """The watcher itself: an inline style, which the policy blocks, is reported."""
    problems = watch(page)
    page.goto("/orebro-2022/kalender/")
    page.evaluate("""document.body.insertAdjacentHTML('beforeend', '<div style="width:5px">x</div>')""")
    page.wait_for_timeout(200)
    with pytest.raises(AssertionError, match="style-src"):
        assert_clean(page, problems)


def test_participation_pages_for_dalarna_and_without_a_map(page):
    from tests.e2e.conftest import assert_accessible
    from tests.followup.test_any_county import PLACES, consultation, dalarna, register

    c = dalarna(with_population=False)
    register(c, {"2080": 9, "2062": 6})
    import_places(c, PLACES.encode(), "platser.csv")
    none = consultation("utan-karta", rest='[[municipalities]]\nslug = "annan"\nname = "Annan kommun"\n')
    problems = watch(page)
    page.goto(f"/{c.slug}/deltagande/")
    assert page.locator("svg.map path.municipality").count() == 15
    assert page.locator("svg.map circle.place").count() == 3
    assert page.get_by_text("Antalet invånare är okänt för").is_visible()
    assert_clean(page, problems)
    assert_accessible(page)
    page.goto(f"/{none.slug}/deltagande/")
    assert page.locator("svg.map").count() == 0
    assert page.locator("#map-note").inner_text().startswith("Det finns ingen karta")
    assert_clean(page, problems)
    assert_accessible(page)
