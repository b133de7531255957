"""The facilitators' notes page in Chromium: autosave with visible state, a dropped connection, conflicts,
text kept in the browser, no JavaScript, locked notes, axe-core."""

import re
import time

import pytest

from samrad.intake import notes
from samrad.intake.models import Contribution
from samrad.participation.models import Group, GroupMembership, Participant, Registration
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mixed_group(example_plan):
    event = example_plan.events.get(slug="kulturdialog-2022-06-01")
    group = Group.objects.create(round=event.rounds.get(number=2), number=3)
    for name, area in [("A", "musik"), ("B", "kulturarv")]:
        person = Participant.objects.create(consultation=example_plan, name=name)
        Registration.objects.create(event=event, participant=person, area=example_plan.areas.get(slug=area))
        GroupMembership.objects.create(group=group, participant=person)
    return group


SAVED = re.compile(r"^Sparat")


def wait_until(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def url(group):
    return f"/orebro-2022/anteckningar/lank/{group.token}/"


def saved_text(group, area):
    note = Contribution.objects.filter(group=group, area__slug=area).first()
    return note.raw_text if note else None


def test_autosave_shows_its_state_and_the_page_is_accessible(page, mixed_group):
    page.goto(url(mixed_group))
    assert page.locator("h1").inner_text() == "Anteckningar för grupp 2:3"
    assert_accessible(page)
    box = page.get_by_label("Musik")
    box.click()
    page.keyboard.type("- Festivalerna lockar besökare\n- Körerna finns överallt")
    # Sent as a form post sends it: line breaks as CR LF.
    assert wait_until(
        lambda: saved_text(mixed_group, "musik") == "- Festivalerna lockar besökare\r\n- Körerna finns överallt"
    )
    page.locator("#text-musik-status").filter(has_text=SAVED).wait_for()
    assert saved_text(mixed_group, "kulturarv") is None
    assert_accessible(page)


def test_a_dropped_connection_retries_and_loses_nothing(page, mixed_group):
    page.goto(url(mixed_group))
    page.context.set_offline(True)
    page.get_by_label("Kulturarv").fill("Bruksmiljöerna är unika")
    page.get_by_label("Kulturarv").blur()
    status = page.locator("#text-kulturarv-status")
    status.filter(has_text="Inte sparat – försöker igen").wait_for()
    assert saved_text(mixed_group, "kulturarv") is None
    page.context.set_offline(False)
    status.filter(has_text=SAVED).wait_for(timeout=15_000)
    assert saved_text(mixed_group, "kulturarv") == "Bruksmiljöerna är unika"
    assert Contribution.objects.get(group=mixed_group).revisions.count() == 1


def test_text_typed_while_offline_survives_closing_the_tab(browser, live_server, mixed_group):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    try:
        first = context.new_page()
        first.goto(url(mixed_group))
        # The closed tab's renderer can outlive close() by a moment; without this its retry timer could
        # deliver the text after we go back online, and the second tab would have nothing to restore.
        first.route(
            "**/anteckningar/**",
            lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
        )
        context.set_offline(True)
        first.get_by_label("Musik").fill("Skrivet utan uppkoppling")
        first.locator("#text-musik-status").filter(has_text="försöker igen").wait_for()
        first.close()
        context.set_offline(False)
        second = context.new_page()
        second.goto(url(mixed_group))
        assert second.get_by_label("Musik").input_value() == "Skrivet utan uppkoppling"
        # Either this tab saves the restored copy ("Sparat"), or the closed tab's renderer, which can outlive
        # close() and its routes, delivered its retry first, and this tab finds the text saved and has nothing to
        # save. What counts is that the text reaches the server.
        assert wait_until(lambda: saved_text(mixed_group, "musik") == "Skrivet utan uppkoppling")
        assert second.get_by_label("Musik").input_value() == "Skrivet utan uppkoppling"
    finally:
        context.close()


def test_a_conflict_shows_both_texts_and_lets_the_person_choose(page, mixed_group):
    page.goto(url(mixed_group))
    # Meanwhile someone else (another tab, another facilitator) saves this note.
    editor = notes.Editor(None, "link", "other tab")
    musik = mixed_group.round.event.consultation.areas.get(slug="musik")
    notes.save_note(mixed_group, musik, "Deras text", base_version=0, client="other", seq=1, editor=editor)
    page.get_by_label("Musik").fill("Min text")
    page.get_by_label("Musik").blur()
    page.locator("#text-musik-status").filter(has_text="någon annan har ändrat").wait_for()
    assert "Deras text" in page.locator(".theirs").inner_text()
    assert page.get_by_label("Musik").input_value() == "Min text"
    assert_accessible(page)
    page.get_by_role("button", name="Ersätt den med min text").click()
    page.locator("#text-musik-status").filter(has_text=SAVED).wait_for()
    assert saved_text(mixed_group, "musik") == "Min text"
    assert [r.text for r in Contribution.objects.get(area__slug="musik").revisions.all()] == ["Deras text", "Min text"]


def test_without_javascript_the_button_saves(browser, live_server, mixed_group):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(url(mixed_group))
        page.get_by_label("Musik").fill("Utan skript")
        page.get_by_label("Kulturarv").fill("Också utan skript")
        page.get_by_role("button", name="Spara anteckningarna").click()
        assert "Anteckningarna är sparade." in page.locator(".messages").inner_text()
        assert page.get_by_label("Musik").input_value() == "Utan skript"
    finally:
        context.close()
    assert saved_text(mixed_group, "musik") == "Utan skript"
    assert saved_text(mixed_group, "kulturarv") == "Också utan skript"


def test_locking_while_the_page_is_open_stops_autosave_with_a_message(page, mixed_group, django_user_model):
    page.goto(url(mixed_group))
    admin = django_user_model.objects.create_superuser("boss")
    notes.lock(mixed_group.round.event, admin)
    page.get_by_label("Musik").fill("För sent")
    page.get_by_label("Musik").blur()
    page.locator("#text-musik-status").filter(has_text="Inte sparat – anteckningarna är låsta").wait_for()
    assert "låstes" in page.locator("[data-announce]").inner_text()
    assert saved_text(mixed_group, "musik") is None
    page.reload()
    assert "kan inte längre ändras" in page.locator(".banner").inner_text()
    assert_accessible(page)
