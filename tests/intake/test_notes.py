"""Facilitator notes: access by account or group link, versioned idempotent saves, conflicts, locking, audit."""

import json

import pytest

from samrad.audit.models import AuditEvent
from samrad.intake import notes
from samrad.intake.models import AppendOnlyError, Contribution, NoteRevision
from tests.intake.conftest import make_user

pytestmark = pytest.mark.django_db


def link(group) -> str:
    return f"/orebro-2022/anteckningar/lank/{group.token}/"


def autosave(client, url, area, text, *, version, seq, tab="tab-a"):
    response = client.post(
        url,
        {"area": area, "text": text, "version": version, "client": tab, "seq": seq},
        HTTP_ACCEPT="application/json",
    )
    return response.status_code, json.loads(response.content)


def test_the_group_link_opens_the_page_for_the_rounds_question(client, groups):
    same, mixed = groups
    page = client.get(link(same))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Vilka är de stora utmaningarna" in html
    assert [f["area"].slug for f in page.context["fields"]] == ["bibliotek"]
    assert "Gruppens svar (Bibliotek)" in html
    mixed_page = client.get(link(mixed))
    assert [f["area"].slug for f in mixed_page.context["fields"]] == ["bibliotek", "musik"]
    assert "Skriv varje punkt under det kulturområde den gäller" in mixed_page.content.decode()


def test_a_wrong_token_or_consultation_is_not_found(client, groups):
    same, _mixed = groups
    assert client.get("/orebro-2022/anteckningar/lank/nope/").status_code == 404
    assert client.get(f"/annat-samrad/anteckningar/lank/{same.token}/").status_code == 404


def test_account_access_follows_the_rule(client, groups, facilitator, example_plan):
    same, _mixed = groups
    url = f"/orebro-2022/anteckningar/grupp/{same.pk}/"
    assert client.get(url).status_code == 302  # to the login page
    other = make_user(example_plan, "other-facilitator", "facilitator")
    client.force_login(other)
    assert client.get(url).status_code == 403
    client.force_login(facilitator)
    assert client.get(url).status_code == 200


def test_a_plain_form_post_saves_a_note_and_its_first_revision(client, groups, facilitator):
    same, _mixed = groups
    client.force_login(facilitator)
    url = f"/orebro-2022/anteckningar/grupp/{same.pk}/"
    page = client.get(url)
    client_id = page.context["client"]
    text = "- Läsfrämjande\r\n- Skolbibliotek saknas\r\n"
    response = client.post(url, {"client": client_id, "seq": 1, "text-bibliotek": text, "version-bibliotek": 0})
    assert response.status_code == 302
    note = Contribution.objects.get(group=same)
    assert note.raw_text == text
    assert (note.source, note.area.slug, note.question.slug, note.event.slug) == (
        "group_note",
        "bibliotek",
        "utmaningar",
        "kulturdialog-2022-06-01",
    )
    revision = note.revisions.get()
    assert (revision.version, revision.previous_text, revision.text) == (1, "", text)
    assert revision.actor == facilitator and revision.via == "account"
    # The same form sent twice (double click) adds nothing.
    client.post(url, {"client": client_id, "seq": 1, "text-bibliotek": text, "version-bibliotek": 0})
    assert note.revisions.count() == 1


def test_autosave_versions_retries_and_late_requests(client, groups):
    same, _mixed = groups
    url = link(same)
    code, body = autosave(client, url, "bibliotek", "Första", version=0, seq=1)
    assert (code, body["status"], body["version"]) == (200, "saved", 1)
    # The response was lost and the browser retries the very same request: stored once.
    code, body = autosave(client, url, "bibliotek", "Första", version=0, seq=1)
    assert (code, body["version"], body["text"]) == (200, 1, "Första")
    code, body = autosave(client, url, "bibliotek", "Första och andra", version=1, seq=2)
    assert (code, body["version"]) == (200, 2)
    # A late copy of the first request arrives after the newer text: it must not overwrite it.
    code, body = autosave(client, url, "bibliotek", "Första", version=0, seq=1)
    assert code == 200 and body["status"] == "stale" and body["text"] == "Första och andra"
    note = Contribution.objects.get(group=same)
    assert note.raw_text == "Första och andra"
    assert list(note.revisions.values_list("version", "previous_text", "text")) == [
        (1, "", "Första"),
        (2, "Första", "Första och andra"),
    ]
    assert note.revisions.first().via == "link" and "länken till grupp" in note.revisions.first().actor_label


def test_a_retry_after_a_lost_response_with_more_text_is_accepted(client, groups):
    """Same tab: its own earlier save is not a conflict, even when it never heard the answer."""
    same, _mixed = groups
    autosave(client, link(same), "bibliotek", "A", version=0, seq=1)
    code, body = autosave(client, link(same), "bibliotek", "AB", version=0, seq=2)
    assert (code, body["version"], body["text"]) == (200, 2, "AB")


def test_another_tab_with_an_old_version_gets_a_conflict_and_nothing_is_lost(client, groups):
    same, _mixed = groups
    autosave(client, link(same), "bibliotek", "Skrivet i flik A", version=0, seq=1, tab="tab-a")
    code, body = autosave(client, link(same), "bibliotek", "Skrivet i flik B", version=0, seq=1, tab="tab-b")
    assert code == 409 and body["status"] == "conflict"
    assert body["text"] == "Skrivet i flik A" and body["version"] == 1
    # B decides to replace A's text, based on the version it was shown: allowed, and A's text stays in history.
    code, body = autosave(client, link(same), "bibliotek", "Skrivet i flik B", version=1, seq=2, tab="tab-b")
    assert code == 200 and body["version"] == 2
    assert list(NoteRevision.objects.values_list("text", flat=True)) == ["Skrivet i flik A", "Skrivet i flik B"]


def test_a_plain_form_post_with_a_conflict_keeps_both_texts(client, groups):
    same, _mixed = groups
    autosave(client, link(same), "bibliotek", "Från någon annan", version=0, seq=1, tab="tab-a")
    page = client.post(link(same), {"client": "tab-b", "seq": 1, "text-bibliotek": "Mitt", "version-bibliotek": 0})
    html = page.content.decode()
    assert page.status_code == 409
    assert "Någon annan sparade en nyare version" in html
    assert "Från någon annan" in html and ">\nMitt</textarea>" in html
    assert page.context["fields"][0]["version"] == 1  # saving again replaces, deliberately


def test_mixed_groups_write_per_area_and_only_their_areas(client, groups):
    _same, mixed = groups
    autosave(client, link(mixed), "musik", "Festivaler lockar", version=0, seq=1)
    autosave(client, link(mixed), "bibliotek", "Biblioteket som mötesplats", version=0, seq=2)
    assert set(Contribution.objects.filter(group=mixed).values_list("area__slug", "question__slug")) == {
        ("musik", "attraktivitet"),
        ("bibliotek", "attraktivitet"),
    }
    code, body = autosave(client, link(mixed), "teater", "Inte gruppens", version=0, seq=3)
    assert code == 400 and "hör inte till gruppen" in body["message"]


def test_locked_notes_refuse_edits_with_a_clear_message(client, groups, administrator, facilitator):
    same, _mixed = groups
    autosave(client, link(same), "bibliotek", "Före låsningen", version=0, seq=1)
    event = same.round.event
    # A facilitator may not lock; an administrator may.
    client.force_login(facilitator)
    assert client.post(f"/orebro-2022/anteckningar/{event.slug}/las/").status_code == 403
    client.force_login(administrator)
    assert client.post(f"/orebro-2022/anteckningar/{event.slug}/las/").status_code == 302
    assert AuditEvent.objects.filter(action="notes.lock", object_id=str(event.pk)).exists()
    client.logout()
    code, body = autosave(client, link(same), "bibliotek", "Efter låsningen", version=1, seq=2)
    assert code == 423 and "låstes" in body["message"] and "sparades inte" in body["message"]
    page = client.post(
        link(same), {"client": "x", "seq": 1, "text-bibliotek": "Efter, utan JS", "version-bibliotek": 1}
    )
    assert "kan inte längre ändras" in page.content.decode()
    assert Contribution.objects.get(group=same).raw_text == "Före låsningen"
    assert NoteRevision.objects.count() == 1
    # The page now shows the notes read-only.
    assert b"<textarea" not in client.get(link(same)).content


def test_unlocking_is_recorded(client, groups, administrator):
    same, _mixed = groups
    event = same.round.event
    client.force_login(administrator)
    client.post(f"/orebro-2022/anteckningar/{event.slug}/las/")
    client.post(f"/orebro-2022/anteckningar/{event.slug}/las/", {"action": "unlock"})
    actions = AuditEvent.objects.filter(action__startswith="notes.").order_by("pk").values_list("action", flat=True)
    assert list(actions) == ["notes.lock", "notes.unlock"]
    code, _body = autosave(client, link(same), "bibliotek", "Rättelse", version=0, seq=1)
    assert code == 200


def test_save_note_refuses_after_lock_at_the_service_level(groups, administrator):
    same, _mixed = groups
    notes.lock(same.round.event, administrator)
    editor = notes.Editor(None, "link", "test")
    with pytest.raises(notes.NotesLocked):
        notes.save_note(
            same, same.round.event.consultation.areas.first(), "x", base_version=0, client="c", seq=1, editor=editor
        )


def test_revisions_are_append_only(client, groups):
    same, _mixed = groups
    autosave(client, link(same), "bibliotek", "Text", version=0, seq=1)
    revision = NoteRevision.objects.get()
    revision.text = "ändrad"
    with pytest.raises(AppendOnlyError):
        revision.save()
    with pytest.raises(AppendOnlyError):
        revision.delete()


def test_history_and_overview_for_staff(client, groups, administrator, facilitator):
    same, _mixed = groups
    autosave(client, link(same), "bibliotek", "Version ett", version=0, seq=1)
    autosave(client, link(same), "bibliotek", "Version två", version=1, seq=2)
    history = f"/orebro-2022/anteckningar/grupp/{same.pk}/historik/"
    client.force_login(facilitator)
    assert client.get(history).status_code == 403
    overview = client.get("/orebro-2022/anteckningar/")
    assert overview.status_code == 200 and same.token not in overview.content.decode()  # links are for managers
    client.force_login(administrator)
    html = client.get(history).content.decode()
    assert html.index("Version ett") < html.index("Version två")
    assert same.token in client.get("/orebro-2022/anteckningar/").content.decode()


def test_nul_in_a_note_is_removed_and_the_rest_kept(client, groups):
    same, _mixed = groups
    code, _body = autosave(client, link(same), "bibliotek", "a\x00b\x07c", version=0, seq=1)
    assert code == 200
    assert Contribution.objects.get(group=same).raw_text == "ab\x07c"


def test_editing_an_imported_note_updates_it_instead_of_adding_a_second(client, groups, facilitator, tmp_path):
    """Notes brought in by the example loader (or any import) carry another key than the page's `note:` key;
    an edit on the page must change that note, not add a second one beside it."""
    from samrad.intake.example import _load_notes

    same, _mixed = groups
    path = tmp_path / "notes.csv"
    path.write_text(
        "round,group,area,question,text\n1,r1-bibliotek-1,bibliotek,utmaningar,Importerad text\n", encoding="utf-8"
    )
    _load_notes(same.round.event.consultation, path)
    imported = Contribution.objects.get(group=same)
    assert not imported.dedup_key.startswith("note:")
    total = Contribution.objects.count()
    client.force_login(facilitator)
    url = f"/orebro-2022/anteckningar/grupp/{same.pk}/"
    page = client.get(url)
    field = page.context["fields"][0]
    assert field["text"] == "Importerad text"
    response = client.post(
        url,
        {"client": page.context["client"], "seq": 1, "text-bibliotek": "Rättad text", "version-bibliotek": 0},
    )
    assert response.status_code == 302
    assert Contribution.objects.count() == total
    note = Contribution.objects.get(group=same)
    assert note.pk == imported.pk and note.raw_text == "Rättad text"
    revision = note.revisions.get()
    assert (revision.version, revision.previous_text, revision.text) == (1, "Importerad text", "Rättad text")
    # Autosave goes the same way.
    status, body = autosave(client, url, "bibliotek", "Rättad igen", version=1, seq=2, tab=page.context["client"])
    assert status == 200 and body["status"] == "saved"
    assert Contribution.objects.count() == total
    assert Contribution.objects.get(group=same).raw_text == "Rättad igen"
    # Loading the example's notes again keeps the edit.
    _load_notes(same.round.event.consultation, path)
    assert Contribution.objects.count() == total
    assert Contribution.objects.get(group=same).raw_text == "Rättad igen"
