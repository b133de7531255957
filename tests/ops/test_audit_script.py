"""scripts/audit_dependencies.py decides what counts as audited; checked here on made-up data (no network)."""

import importlib.util
import re
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def test_pins_are_read_from_lock_files(tmp_path):
    lock = tmp_path / "x.lock"
    lock.write_text(
        "# comment\nDjango==5.2.19\n    # via samrad\npsycopg[binary]==3.3.9\nsome_pkg==1.0 ; python_version>'3'\n"
    )
    assert audit.read_pins([str(lock)]) == {"django": "5.2.19", "psycopg": "3.3.9", "some-pkg": "1.0"}


def test_a_skipped_pip_audit_is_not_an_audit():
    result = audit.Result()
    report = {"dependencies": [{"name": "rules", "skip_reason": "Dependency not found on PyPI"}]}
    audit.merge_pip_audit(report, {"rules": "3.5"}, result)
    assert result.audited == {} and "rules" in result.not_audited


def test_latest_release_is_audited_and_older_pin_is_not():
    result = audit.Result()
    info = {"info": {"version": "3.5"}, "vulnerabilities": [{"id": "PYSEC-1", "fixed_in": []}]}
    audit.check_latest("rules", "3.5", info, result)
    assert result.vulnerable == {"rules": ["PYSEC-1"]} and "rules" in result.audited
    releases = {"5.2.18": [{}], "5.2.19": [{}], "5.2.20": [{"yanked": True}], "6.1.3": [{}]}
    audit.check_latest("django", "5.2.18", {"info": {"version": "6.1.3"}, "releases": releases}, result)
    assert "django" not in result.audited
    assert "newer in its series: 5.2.19" in result.not_audited["django"]
    audit.check_latest("scipy", "1.0", None, result)
    assert "could not be reached" in result.not_audited["scipy"]


@pytest.mark.parametrize(
    "vulnerable, not_audited, strict, code",
    [({}, {}, "0", 0), ({"x": ["GHSA-1"]}, {}, "0", 1), ({}, {"y": "why"}, "0", 0), ({}, {"y": "why"}, "1", 1)],
)
def test_exit_codes(monkeypatch, capsys, vulnerable, not_audited, strict, code):
    monkeypatch.setenv("SAMRAD_AUDIT_STRICT", strict)
    result = audit.Result(audited={"x": "test"}, vulnerable=vulnerable, not_audited=not_audited)
    assert audit.report({"x": "1", "y": "2"}, result) == code
    out = capsys.readouterr().out
    if not_audited:
        assert "NOT AUDITED (1 of 2)" in out
    assert "dependency audit:" in out


def _allowlist(tmp_path, text: str) -> str:
    path = tmp_path / "allow.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


ENTRY = """
[package.django]
version = "5.2.19"
reason = "The newest release of the long-term support series; nothing newer to move to."
reviewed = 2026-12-03
"""


def _unaudited(name="django", version="5.2.19", newer=()):
    result = audit.Result(audited={"rules": "test"})
    result.not_audited[name] = f"pinned {version}, latest 9.9"
    result.newer[name] = list(newer)
    return {"rules": "3.5", name: version}, result


def test_strict_fails_on_what_is_not_on_the_allow_list(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("SAMRAD_AUDIT_STRICT", "1")
    pins, result = _unaudited("numpy", "2.4.6")
    allowed = audit.load_allowlist(_allowlist(tmp_path, ENTRY))
    assert audit.report(pins, result, allowed) == 1
    out = capsys.readouterr().out
    assert "NOT AUDITED (1 of 2)" in out and "numpy==2.4.6" in out and "fail the run" in out
    assert "allow-list entry no longer needed: django (not pinned" in out


def test_strict_passes_what_the_allow_list_names_with_its_reason(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("SAMRAD_AUDIT_STRICT", "1")
    pins, result = _unaudited()
    assert audit.report(pins, result, audit.load_allowlist(_allowlist(tmp_path, ENTRY))) == 0
    out = capsys.readouterr().out
    assert "NOT AUDITED, ALLOWED (1 of 2)" in out and "allowed after review on 2026-12-03: The newest release" in out
    assert "1 not audited (1 of them allowed after review)" in out and "NOT AUDITED (" not in out
    # A vulnerability fails whatever the allow-list says.
    result.vulnerable["rules"] = ["GHSA-1"]
    assert audit.report(pins, result, audit.load_allowlist(_allowlist(tmp_path, ENTRY))) == 1


def test_an_entry_covers_its_own_pin_only(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("SAMRAD_AUDIT_STRICT", "1")
    pins, result = _unaudited(version="5.2.20")
    assert audit.report(pins, result, audit.load_allowlist(_allowlist(tmp_path, ENTRY))) == 1
    assert "the allow-list's entry is for 5.2.19: review the new pin" in capsys.readouterr().out


def test_a_newer_release_in_the_series_needs_a_new_review(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("SAMRAD_AUDIT_STRICT", "1")
    pins, result = _unaudited(newer=["5.2.20"])
    allowed = audit.load_allowlist(_allowlist(tmp_path, ENTRY))
    assert audit.report(pins, result, allowed) == 1
    assert "newer in its series since the review: 5.2.20" in capsys.readouterr().out
    reviewed = audit.load_allowlist(_allowlist(tmp_path, ENTRY + 'accept_newer = ["5.2.20"]\n'))
    assert audit.report(pins, result, reviewed) == 0


def test_without_strict_the_run_passes_and_says_it_is_partial(monkeypatch, capsys):
    monkeypatch.delenv("SAMRAD_AUDIT_STRICT", raising=False)
    pins, result = _unaudited("numpy", "2.4.6")
    assert audit.report(pins, result, {}) == 0
    assert "PARTIAL AUDIT" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text, message",
    [
        ('[package.x]\nversion = "1"\nreviewed = 2026-12-03\n', "[package.x]: reason is missing"),
        ('[package.x]\nversion = "1"\nreason = "ok"\nreviewed = 2026-12-03\n', "reason is missing or too short"),
        ('[package.x]\nreason = "' + "r" * 30 + '"\nreviewed = 2026-12-03\n', "[package.x]: version is missing"),
        ('[package.x]\nversion = "1"\nreason = "' + "r" * 30 + '"\n', "[package.x]: reviewed is missing"),
        ('[packages.x]\nversion = "1"\n', "unknown section(s) packages"),
        ("[package.x\n", "cannot be read"),
    ],
)
def test_a_broken_allow_list_is_named_and_stops_the_run(tmp_path, capsys, text, message):
    path = _allowlist(tmp_path, text)
    with pytest.raises(audit.AllowlistError, match=re.escape(message)):
        audit.load_allowlist(path)
    assert audit.main(["--allowlist", path, "requirements/test.lock"]) == 2  # before any network
    assert message in capsys.readouterr().err


def test_the_reviewed_allow_list_matches_the_locks():
    """Every entry names a pin that is in the lock files, with a reason: a changed pin needs a new review."""
    locks = sorted(str(p) for p in (SCRIPT.parents[1] / "requirements").glob("*.lock"))
    pins = audit.read_pins(locks)
    allowed = audit.load_allowlist(audit.ALLOWLIST)
    assert allowed, "requirements/audit-allowlist.toml is missing or empty"
    for name, entry in allowed.items():
        assert pins.get(name) == entry.version, (
            f"{name}: the allow-list reviewed {entry.version}, the locks pin {pins.get(name)}"
        )
