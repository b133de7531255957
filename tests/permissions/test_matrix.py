"""Every view × every role × every phase: allowed or refused, and nothing behind a door leaks out.

One test per phase asks all doors as all roles (each request rolled back, so an allowed POST changes nothing
for the next one) and reports every wrong answer at once. A refusal is 403, 404 or a redirect to the login
page; a 500 is always wrong. Every answer a role receives (HTML, JSON, CSV, ICS, XLSX, DOCX, PDF, ZIP) is
read for the markers that role must not see.
"""

import io
import subprocess
import tempfile
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import (
    DRAFT,
    EMAIL,
    FEEDBACK,
    MARKERS,
    NOTE_A,
    NOTE_B,
    PERSON,
    PHASES,
    PUBLISHED,
    RAW,
    ROLES,
    set_phase,
)
from .matrix import ALL_PERMS, COMMANDS, DOORS, EXPECTED_PERMS, NOT_IN_MATRIX_PREFIXES, may_pass

pytestmark = pytest.mark.django_db
LOGIN_URL = "/konto/logga-in/"
ADMIN_LOGIN_URL = "/admin/login/"


def _names(resolver, namespace=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield namespace + p.name


def test_every_url_is_in_the_matrix():
    served = {n for n in _names(get_resolver()) if not n.startswith(NOT_IN_MATRIX_PREFIXES)}
    in_matrix = {d.name for d in DOORS}
    assert served - in_matrix == set(), "URLs without a line in tests/permissions/matrix.py"
    assert in_matrix - served - {"admin:index"} == set(), "lines in the matrix for URLs that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_holds_the_rules_the_matrix_expects(world, role):
    person = world.users.get(role) or AnonymousUser()
    granted = {p for p in ALL_PERMS if person.has_perm(p, world.consultation)}
    assert granted == EXPECTED_PERMS[role]


def _client(world, role) -> Client:
    client = Client()
    if role in world.users:
        # A deactivated account is logged in here on purpose: its session must count for nothing.
        client.force_login(world.users[role])
    return client


def _body(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    assert "charset" in kind or not kind.startswith("text/") or not data, kind
    return _text(data)


def _text(data: bytes) -> str:
    """What a reader gets out of a file: PDFs through pdftotext, XLSX/DOCX/ZIP member by member."""
    if data.startswith(b"%PDF"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            return subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(_text(z.read(name)) for name in z.namelist())
    return data.decode("utf-8", errors="replace")


def _refused(response) -> bool:
    if response.status_code in (403, 404):
        return True
    # Sent to log in, with the page to come back to (logging out also ends on the login page, without one).
    location = response.get("Location", "") if response.status_code == 302 else ""
    path, _, query = location.partition("?")
    return path.endswith((LOGIN_URL, ADMIN_LOGIN_URL)) and "next=" in query


def forbidden_markers(role: str, phase: str, door) -> set[str]:
    """The markers this role must not find behind this door in this phase."""
    perms = EXPECTED_PERMS[role]
    if "samrad.view_unpublished" in perms:
        return set()
    hidden = set(MARKERS)
    if phase == "published":
        hidden.discard(PUBLISHED)
    if "samrad.view_registrations" in perms:  # facilitators see who registered
        hidden -= {PERSON, EMAIL}
    if role == "facilitator_a" or (door.name == "intake:notes_link" and door.audience == "token"):
        hidden.discard(NOTE_A)  # their own group's notes, or group A's link
    if role == "facilitator_b":
        hidden.discard(NOTE_B)
    return hidden


def _ask(world, client, door, role):
    if door.name == "accounts:logout":
        client = _client(world, role)  # logging out ends the session: not the one the other doors use
    url = reverse(door.name, kwargs=door.kwargs(world)) + door.query
    with transaction.atomic():
        response = client.post(url, door.data(world)) if door.method == "POST" else client.get(url)
        body = _body(response)
        transaction.set_rollback(True)
    return url, response, body


@pytest.mark.parametrize("phase", PHASES)
def test_matrix(world, phase):
    set_phase(world, phase)
    wrong, leaks, seen = [], [], {}
    for role in ROLES:
        client = _client(world, role)
        for door in DOORS:
            try:
                url, response, body = _ask(world, client, door, role)
            except Exception as exc:  # a crash is a wrong answer, reported with the rest
                wrong.append(f"{door.key} as {role}: {type(exc).__name__}: {exc}")
                continue
            refused = _refused(response)
            if response.status_code >= 500 or refused == may_pass(door, role, phase):
                expected = "allowed" if may_pass(door, role, phase) else "refused"
                wrong.append(f"{door.key} ({url}) as {role}: {response.status_code}, expected {expected}")
            found = {m for m in forbidden_markers(role, phase, door) if m in body}
            if found:
                leaks.append(f"{door.key} ({url}) as {role} shows {sorted(found)}")
            seen[door.key, role] = body
    assert not wrong, f"{len(wrong)} wrong answers in phase {phase}:\n" + "\n".join(wrong)
    assert not leaks, f"{len(leaks)} leaks in phase {phase}:\n" + "\n".join(leaks)

    # The scan can see each marker where it belongs, so a clean scan means something.
    assert RAW in seen["search", "analyst"]
    assert FEEDBACK in seen["review:feedback", "analyst"]
    assert DRAFT in seen["review:section of the draft area", "analyst"]
    assert PERSON in seen["participation:registrations", "facilitator_a"]
    assert EMAIL in seen["participation:export_xlsx", "administrator"]
    assert NOTE_A in seen["intake:notes_group", "facilitator_a"]
    if phase == "published":
        assert PUBLISHED in seen["results:results", "anonymous"]
        assert PUBLISHED in seen["review:download pdf", "analyst"]
        assert PUBLISHED in seen["review:download zip", "analyst"]


@pytest.mark.parametrize("phase", PHASES)
def test_the_static_site_holds_only_what_is_published(world, phase, tmp_path):
    """`samrad publish` writes the public site with its JSON, CSV, DOCX and PDF: read every file."""
    from samrad.results.cli import write_all

    set_phase(world, phase)
    written = write_all(world.consultation, tmp_path / "site")
    hidden = forbidden_markers("anonymous", phase, DOORS[0])
    texts = {}
    for path in written:
        texts[str(path.relative_to(tmp_path / "site"))] = _text(path.read_bytes())
    leaks = {name: sorted(m for m in hidden if m in text) for name, text in texts.items()}
    assert {name: found for name, found in leaks.items() if found} == {}
    if phase == "published":
        for name in ("index.html", "sammanfattning.json", "sammanfattning.csv", "sammanfattning.docx"):
            assert PUBLISHED in texts[name], name
        assert PUBLISHED in texts["sammanfattning.pdf"].replace("\n", " ")


def test_every_review_command_is_in_the_matrix():
    from samrad.review.workflow import ACTIONS

    assert {c.action for c in COMMANDS} == set(ACTIONS)
    assert {c.action: c.audience.removeprefix("perm:") for c in COMMANDS} == ACTIONS


def test_review_commands_as_every_role(world, capsys):
    """`samrad review … --user EMAIL` as each role's account: done (exit 0, audited when it changes something)
    or refused (exit 2, nothing changed, nothing audited). Anonymous has no account to name."""
    from samrad.audit.models import AuditEvent
    from samrad.cli import main

    set_phase(world, "survey_closed")
    wrong = []
    for role in ROLES:
        if role == "anonymous":
            continue
        email = world.users[role].email
        for command in COMMANDS:
            expected = 0 if may_pass(command, role, "survey_closed") else 2
            with transaction.atomic():
                command.prepare(world)
                events = AuditEvent.objects.count()
                argv = ["review", world.consultation.slug, command.action, *command.args(world), "--user", email]
                code = main(argv)
                audited = AuditEvent.objects.count() - events
                transaction.set_rollback(True)
            out = capsys.readouterr()
            if code != expected:
                wrong.append(f"{command.key} as {role}: exit {code}, expected {expected}: {out.err.strip()}")
            elif code == 2 and audited:
                wrong.append(f"{command.key} as {role}: refused but {audited} events recorded")
            elif code == 0 and command.action not in ("list", "coverage") and not audited:
                wrong.append(f"{command.key} as {role}: done but not audited")
            leaked = {m for m in MARKERS if m in out.out} if code == 2 else set()
            if leaked:
                wrong.append(f"{command.key} as {role}: refused but printed {sorted(leaked)}")
    assert not wrong, "\n".join(wrong)
