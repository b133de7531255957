"""The loader never deletes what people made without being told to, and refuses files that could do harm:
numbers and nesting beyond reason, logos outside the file's folder or that are not images."""

import tarfile
import textwrap

import pytest
from django.utils import timezone, translation

from samrad.cli import main
from samrad.consultations.loader import LoadError, load_file, load_text
from samrad.consultations.models import Consultation, Event
from samrad.intake.models import Contribution
from samrad.participation.models import Group, Participant, Registration
from tests.consultations.test_loader import MINIMAL

pytestmark = pytest.mark.django_db

SECOND_EVENT = """
[[events]]
slug = "verkstad"
title = "Verkstad"
starts = 2022-06-02T09:00:00+02:00
ends = 2022-06-02T12:00:00+02:00

[[events.rounds]]
question = "q1"

[[events.rounds]]
question = "q1"
"""


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield
    translation.activate("sv")


def _used(tmp_path):
    """A consultation whose second event has a registration, a group in its second round and a note."""
    plan = tmp_path / "plan.toml"
    plan.write_text(MINIMAL + SECOND_EVENT, encoding="utf-8")
    consultation, _ = load_file(plan)
    event = consultation.events.get(slug="verkstad")
    person = Participant.objects.create(consultation=consultation, name="Anna Andersson", email="anna@example.org")
    Registration.objects.create(event=event, participant=person)
    group = Group.objects.create(round=event.rounds.get(number=2), number=1)
    Contribution.objects.create(
        consultation=consultation,
        event=event,
        group=group,
        source="group_note",
        raw_text="Fler scener",
        received_at=timezone.now(),
    )
    return plan


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_removing_an_event_with_registrations_is_refused(tmp_path, capsys):
    plan = _used(tmp_path)
    plan.write_text(MINIMAL, encoding="utf-8")
    code, _out, err = run(capsys, "--lang", "en", "init", str(plan), "--no-migrate")
    assert code == 2
    assert "events: the event 'verkstad' (Verkstad) is no longer in the file, but it has 1 registration, " in err
    assert "1 group, 1 note" in err and "--allow-delete" in err and "keep its slug" in err
    assert Registration.objects.count() == 1 and Group.objects.count() == 1
    assert Event.objects.filter(slug="verkstad").exists()


def test_renaming_an_event_slug_is_a_removal(tmp_path):
    plan = _used(tmp_path)
    plan.write_text((MINIMAL + SECOND_EVENT).replace('slug = "verkstad"', 'slug = "verkstad-2"'), encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_file(plan)
    assert "'verkstad'" in str(info.value)
    assert Registration.objects.count() == 1


def test_dropping_a_round_with_groups_is_refused_and_points_at_the_event(tmp_path):
    plan = _used(tmp_path)
    text = MINIMAL + SECOND_EVENT.rsplit("[[events.rounds]]", 1)[0]
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_file(plan)
    [problem] = info.value.problems
    assert problem.key == "events[1]" and "round 2 of the event 'verkstad'" in problem.message
    assert text.splitlines()[problem.line - 1] == "[[events]]"
    assert Group.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # a backup reads committed data, as it does outside tests
def test_allow_delete_lists_what_goes_and_backs_up_first(tmp_path, capsys, settings):
    settings.VAR_DIR = tmp_path / "var"
    plan = _used(tmp_path)
    plan.write_text(MINIMAL, encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "init", str(plan), "--no-migrate", "--allow-delete")
    assert code == 0, err
    assert "the event verkstad (Verkstad): 1 registration, 1 group, 1 note" in out
    [backup] = (tmp_path / "var" / "backups").glob("samrad-backup-*-before-init.tar.gz")
    assert str(backup) in out
    with tarfile.open(backup) as tar:
        assert "manifest.json" in tar.getnames()
    assert out.index("Backup of everything") < out.index("Updated:")
    assert not Event.objects.filter(slug="verkstad").exists()
    assert Registration.objects.count() == 0
    assert Contribution.objects.get().raw_text == "Fler scener"  # the note's text stays


def test_unused_events_go_without_asking(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(MINIMAL + SECOND_EVENT, encoding="utf-8")
    load_file(plan)
    plan.write_text(MINIMAL, encoding="utf-8")
    _consultation, report = load_file(plan)
    assert report.removed["events"] == ["verkstad"] and report.deleted == []


def problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        load_text(textwrap.dedent(text), filename="plan.toml")
    return [p.format("plan.toml") for p in info.value.problems]


def test_a_twenty_digit_number_is_a_problem_with_a_line():
    text = MINIMAL.replace('rule = "same_area"', 'rule = "same_area"\nmax_size = 12345678901234567890')
    [found] = problems(text)
    line = text.splitlines().index("max_size = 12345678901234567890") + 1
    assert found.startswith(f"plan.toml:{line}: events[0].rounds[0].max_size: 12345678901234567890 is too large")


def test_a_large_number_in_a_registered_section_is_caught_too():
    text = MINIMAL + "\n[privacy]\nretention_months = 99999999999999999999\n"
    found = problems(text)
    assert any(
        p.startswith("plan.toml:") and "privacy.retention_months: 99999999999999999999 is too large" in p for p in found
    )


def test_an_array_nested_5000_deep_is_a_problem_with_a_line():
    text = MINIMAL + "\n[extra]\nx = " + "[" * 5000 + "]" * 5000 + "\n"
    [found] = problems(text)
    line = len(MINIMAL.splitlines()) + 3
    assert found.startswith(f"plan.toml:{line}: lists or tables are nested too deeply")


def test_nesting_the_parser_manages_is_still_refused():
    text = MINIMAL + "\n[extra]\nx = " + "[" * 40 + "]" * 40 + "\n"
    found = problems(text)
    assert any("extra.x" in p and "nested more than 16 levels" in p for p in found)


def test_too_long_text_and_implausible_years():
    text = MINIMAL.replace('title = "Dialog"', 'title = "' + "x" * 201 + '"')
    text = text.replace("starts = 2022-06-01T09:00:00+02:00", "starts = 0001-06-01T09:00:00+02:00")
    found = problems(text)
    assert any("events[0].title: is 201 characters long. Shorten it to at most 200." in p for p in found)
    assert any("events[0].starts: the year 1 is not plausible" in p for p in found)


def test_unknown_key_in_consultation_is_reported():
    found = problems(MINIMAL.replace('name = "Test"', 'name = "Test"\nstatuss = "open"'))
    assert any("consultation.statuss: is not a known key here" in p for p in found)


def test_a_file_without_privacy_loads_with_a_warning(tmp_path, capsys):
    plan = tmp_path / "plan.toml"
    plan.write_text(MINIMAL, encoding="utf-8")
    _c, report = load_file(plan)
    [warning] = report.warnings
    assert warning.key == "privacy" and "no [privacy] section" in warning.message
    code, _out, err = run(capsys, "--lang", "sv", "init", str(plan), "--no-migrate")
    assert code == 0
    assert f"{plan}: privacy: " in err and err.startswith("Varning: ")


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.mark.parametrize(
    "logo, expected",
    [
        ("../../../../etc/passwd", "lies outside the consultation file's folder"),
        ("/etc/passwd", "is an absolute path"),
        ("link.png", "lies outside the consultation file's folder"),  # a symlink out of the folder
        ("notes.png", "is not a PNG, JPEG, WebP or SVG image"),
        ("big.png", "a logo may be at most 2 MB"),
        ("evil.svg", "is an SVG with scripts"),
        ("handler.svg", "is an SVG with scripts"),
    ],
)
def test_bad_logos_are_refused(tmp_path, logo, expected):
    folder = tmp_path / "plan"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    (folder / "link.png").symlink_to(tmp_path / "secret.png")
    (folder / "notes.png").write_text("Anna Andersson, anna@example.org\n")
    (folder / "big.png").write_bytes(PNG + b"\0" * (2 * 1024 * 1024))
    (folder / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (folder / "handler.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')
    plan = folder / "plan.toml"
    plan.write_text(MINIMAL.replace('organiser = "Region Test"', f'organiser = "Region Test"\nlogo = "{logo}"'))
    with pytest.raises(LoadError) as info:
        load_file(plan)
    [problem] = info.value.problems
    assert problem.key == "consultation.logo" and expected in problem.message
    assert problem.line == 6
    assert Consultation.objects.count() == 0


def test_a_logo_in_a_subfolder_is_stored_by_its_content_type(tmp_path, client, settings):
    (tmp_path / "bilder").mkdir()
    (tmp_path / "bilder" / "logo.bin").write_bytes(PNG)
    plan = tmp_path / "plan.toml"
    plan.write_text(MINIMAL.replace('organiser = "Region Test"', 'organiser = "Region Test"\nlogo = "bilder/logo.bin"'))
    consultation, _ = load_file(plan)
    assert consultation.logo == "logos/test.png"
    response = client.get("/test/logotyp/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_the_logo_view_serves_only_images(tmp_path, client, settings):
    """A logo stored before these checks (or changed on disk since) is not served unless it is a safe image."""
    consultation, _ = load_text(MINIMAL)
    logos = settings.MEDIA_ROOT / "logos"
    logos.mkdir(parents=True)
    (logos / "test").write_text("root:x:0:0:root:/root:/bin/bash\n")
    Consultation.objects.filter(pk=consultation.pk).update(logo="logos/test")
    assert client.get("/test/logotyp/").status_code == 404
    (logos / "test.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    Consultation.objects.filter(pk=consultation.pk).update(logo="logos/test.svg")
    assert client.get("/test/logotyp/").status_code == 404
    (logos / "test.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    response = client.get("/test/logotyp/")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"


def test_the_static_site_copies_only_a_safe_logo(settings):
    from samrad.publication.exports.site import _asset_source

    consultation, _ = load_text(MINIMAL)
    logos = settings.MEDIA_ROOT / "logos"
    logos.mkdir(parents=True)
    (logos / "test").write_text("root:x:0:0:root:/root:/bin/bash\n")
    consultation.logo = "logos/test"
    assert _asset_source("/test/logotyp/", consultation) is None
    consultation.logo = "../../../../etc/passwd"
    assert _asset_source("/test/logotyp/", consultation) is None
    (logos / "test.png").write_bytes(PNG)
    consultation.logo = "logos/test.png"
    assert _asset_source("/test/logotyp/", consultation) == str((logos / "test.png").resolve())
