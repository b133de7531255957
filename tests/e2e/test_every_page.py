"""Every page of the permission matrix, in the phases that change what pages show, in one browser: axe-core
reports no violation (WCAG 2.1 AA and best practice) and the browser no console error or CSP violation.

Each page is visited as the least privileged role that may see it (anonymous where it is public). Pages that
are not HTML (exports, feeds, files) and doors nobody may pass are left to tests/permissions.
"""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.e2e.conftest import _axe_source
from tests.e2e.console import watch
from tests.permissions.conftest import set_phase, world  # noqa: F401 (fixture)
from tests.permissions.matrix import DOORS, may_pass

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Registration open (the dialogue's day), the survey open, the results published.
PHASES = ("dialogue", "survey_open", "published")
ROLES = ("anonymous", "facilitator_a", "analyst", "administrator", "superuser")  # least privileged first
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _role_for(door, phase) -> str | None:
    return next((r for r in ROLES if may_pass(door, r, phase)), None)


def _pages(world, phase, clients):  # noqa: F811
    """(role, url) of every HTML page the matrix lists for this phase."""
    seen = set()
    for door in DOORS:
        role = _role_for(door, phase)
        if door.method != "GET" or role is None:
            continue
        url = reverse(door.name, kwargs=door.kwargs(world)) + door.query
        if url in seen:
            continue
        seen.add(url)
        response = clients[role].get(url)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            yield role, url


def _client(world, role) -> Client:  # noqa: F811
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _check(page, problems, url) -> list[str]:
    found = list(problems)
    found += [f"CSP: {v}" for v in page.evaluate("window.__cspViolations || []")]
    page.evaluate(_axe_source())
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    for v in result["violations"]:
        found.append(f"axe {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}")
    return found


def test_every_page_in_every_phase_is_accessible_and_clean(browser, live_server, world):  # noqa: F811
    clients = {role: _client(world, role) for role in ROLES}
    contexts = {}
    for role, client in clients.items():
        context = browser.new_context(base_url=live_server.url, locale="sv-SE")
        if role != "anonymous":
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(30_000)
        contexts[role] = (context, page, watch(page))
    failures: dict[str, list[str]] = {}
    visited = 0
    try:
        for phase in PHASES:
            set_phase(world, phase)
            for role, url in list(_pages(world, phase, clients)):
                _context, page, problems = contexts[role]
                problems.clear()
                page.goto(url)
                visited += 1
                found = _check(page, problems, url)
                if found:
                    failures[f"{phase} {role} {url}"] = found
    finally:
        for context, _page, _problems in contexts.values():
            context.close()
    assert visited > 3 * 40, visited  # the walk reached the matrix's pages, not a login page
    assert not failures, f"{len(failures)} pages with problems:\n" + json.dumps(failures, indent=1, ensure_ascii=False)
