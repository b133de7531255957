"""scripts/audit_dependencies.py decides what counts as audited; checked here on made-up data (no network)."""

import importlib.util
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
