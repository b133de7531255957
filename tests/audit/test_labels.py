"""The audit log in words: every action used anywhere in samrad has a readable name, and details read as
"Headline: 'A' → 'B'", never as a Python dict."""

import ast
import re
from pathlib import Path

import pytest

from samrad.audit import actions
from samrad.audit.details import describe
from samrad.audit.log import record
from samrad.review.models import Quote
from tests.ops.people import with_role

SRC = Path(__file__).resolve().parents[2] / "src" / "samrad"

# Actions whose key is built at run time: the values each placeholder takes, in order.
DYNAMIC = {
    "review.quote.{}": [Quote.Status.values],
    "followup.{}.{}": [["collaboration", "goal", "sector", "focusarea"], ["created", "updated"]],
    "followup.activity.{}": [["created", "updated"]],
}


def _keys(node) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _keys(node.body) + _keys(node.orelse)
    if isinstance(node, ast.JoinedStr):
        pattern = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        assert pattern in DYNAMIC, f"add the values of the action {pattern!r} to DYNAMIC"
        keys = [pattern]
        for values in DYNAMIC[pattern]:
            keys = [k.replace("{}", v, 1) for k in keys for v in values]
        return keys
    return []  # a name passed on (Actor.record): its callers are scanned


def used_actions() -> dict[str, str]:
    """Every action key given to record() (or an Actor's .record()) in src, with where it is used."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "record":
                for key in _keys(node.args[0]):
                    found.setdefault(key, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_every_action_used_in_samrad_has_a_label():
    used = used_actions()
    assert len(used) > 40 and "contributions.import" in used and "review.quote.approved" in used
    missing = {key: where for key, where in used.items() if key not in actions.LABELS}
    assert missing == {}, "give these audit actions a label (samrad.audit.actions): " + repr(missing)


def test_every_label_has_a_swedish_translation():
    from django.utils import translation

    def both(label):
        with translation.override("en"):
            english = str(label)
        with translation.override("sv"):
            return english, str(label)

    same = [key for key, label in actions.LABELS.items() if len(set(both(label))) == 1]
    assert same == []


class Event:
    def __init__(self, action, **data):
        self.action, self.data = action, data


def test_a_change_reads_as_before_and_after():
    lines = describe(
        Event("review.theme.edit", before={"headline": "A", "label": "L"}, after={"headline": "B", "label": "L"})
    )
    assert lines == ["Rubrik: 'A' → 'B'"]
    assert describe(Event("review.point.edit", before="gammal", after="ny")) == ["Text: 'gammal' → 'ny'"]
    assert describe(Event("review.area.status", area="dans", before="draft", after="published")) == [
        "Status: 'draft' → 'published'",
        "Kulturområde: 'dans'",
    ]


def test_no_dict_or_list_repr_in_any_details():
    snapshot = {"id": 3, "label": "L", "headline": "Rubrik ett", "included": True, "statements": [1, 2], "points": []}
    samples = [
        Event("review.theme.merge", before={"into": snapshot, "merged": [snapshot]}, after=snapshot),
        Event("review.statements.move", statements=[4, 5], before={"4": 1, "5": None}, after=2, points_followed=[]),
        Event(
            "privacy.erased",
            reason="request",
            participants=[7, 8],
            kept_contributions=True,
            changed={"intake.contribution": 2, "participation.participant": 2},
        ),
        Event("registrations.exported", format="csv", rows=3, filters={"status": "registered"}),
        Event("review.analysis.run", counts={"statements": 10, "themes": 3}, new_themes=3),
        Event("review.theme.delete", before=snapshot),
    ]
    for event in samples:
        text = " ".join(describe(event))
        assert not re.search(r"[{}\[\]]|': |\bTrue\b|\bNone\b", text), text


@pytest.mark.django_db
def test_the_log_page_shows_labels_and_changes(client, example_plan):
    admin = with_role("admin", example_plan, "administrator")
    record("contributions.import", actor=admin, consultation=example_plan, file="enkat.csv", added=12, skipped=0)
    record(
        "review.theme.edit",
        actor=admin,
        consultation=example_plan,
        before={"headline": "Fler lokaler", "label": "Lokaler"},
        after={"headline": "Fler repetitionslokaler", "label": "Lokaler"},
    )
    client.force_login(admin)
    page = client.get("/personal/orebro-2022/logg/").content.decode()
    page = page[page.index("<tbody>") : page.index("</tbody>")]  # the filter's options keep the keys as values
    assert "Inspel importerade" in page and "contributions.import" not in page
    assert "Rubrik: &#x27;Fler lokaler&#x27; → &#x27;Fler repetitionslokaler&#x27;" in page
    assert "{&#x27;" not in page and "Fil: &#x27;enkat.csv&#x27;" in page
