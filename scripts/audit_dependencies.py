#!/usr/bin/env python3
"""Audit the locked dependencies for known vulnerabilities, and say honestly how much was audited.

1. pip-audit against PyPI's vulnerability data (the per-version JSON API). Where that API cannot be reached,
   pip-audit marks every package "not found on PyPI and could not be audited" and still prints "No known
   vulnerabilities found"; this script does not count such a run as an audit.
2. For packages pip-audit skipped: PyPI's per-project JSON API, which lists the known vulnerabilities of the
   project's *latest* release. For a pin equal to the latest release that is a real audit; for an older pin
   it is not, and the package is reported as not audited (with the release it lags behind).

Exit 1 when a vulnerability is found. Packages that could not be audited are listed. With
SAMRAD_AUDIT_STRICT=1 (as `.ci/run` runs it) each of them fails the run unless the reviewed allow-list
(requirements/audit-allowlist.toml, or --allowlist FILE) names it with the exact pinned version and a
reason. An entry stops covering a package when the pin changes, or when a newer release of the pin's series
appears that the entry does not list under `accept_newer` (often a security fix): then someone looks again.
Exit 2 when the allow-list itself cannot be read.
    python scripts/audit_dependencies.py [--allowlist FILE] requirements/test.lock [more.lock …]
"""

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

PROJECT_API = os.environ.get("SAMRAD_PYPI_JSON", "https://pypi.org/pypi/{name}/json")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALLOWLIST = os.path.join(ROOT, "requirements", "audit-allowlist.toml")


@dataclass
class Result:
    audited: dict[str, str] = field(default_factory=dict)  # name -> how
    vulnerable: dict[str, list[str]] = field(default_factory=dict)  # name -> vulnerability ids
    not_audited: dict[str, str] = field(default_factory=dict)  # name -> why
    newer: dict[str, list[str]] = field(default_factory=dict)  # name -> newer releases in the pin's series


@dataclass(frozen=True)
class Allowed:
    """A reviewed allow-list entry: this pin may stay unaudited, for this reason."""

    version: str
    reason: str
    reviewed: dt.date
    accept_newer: tuple[str, ...] = ()


class AllowlistError(Exception):
    pass


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(paths: list[str]) -> dict[str, str]:
    pins: dict[str, str] = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                found = PIN.match(line.strip())
                if found:
                    pins[canonical(found.group(1))] = found.group(2)
    return pins


def run_pip_audit(paths: list[str]) -> dict | None:
    """pip-audit's JSON report, or None when pip-audit itself could not run."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = [sys.executable, "-m", "pip_audit", "--no-deps", "--disable-pip", "--progress-spinner", "off"]
        for path in paths:
            args += ["-r", path]
        done = subprocess.run([*args, "-f", "json", "-o", out.name], capture_output=True, text=True)
        try:
            with open(out.name, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, json.JSONDecodeError):
            sys.stderr.write(done.stderr)
            return None


def merge_pip_audit(report: dict | None, pins: dict[str, str], result: Result) -> None:
    for dep in (report or {}).get("dependencies", []):
        name = canonical(dep["name"])
        if name not in pins:
            continue
        if "skip_reason" in dep:
            result.not_audited[name] = dep["skip_reason"]
            continue
        result.audited[name] = "pip-audit"
        if dep.get("vulns"):
            result.vulnerable[name] = [v["id"] for v in dep["vulns"]]


def project_info(name: str) -> dict | None:
    try:
        with urllib.request.urlopen(PROJECT_API.format(name=name), timeout=30) as response:
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, json.JSONDecodeError, OSError):
        return None


def newer_in_series(version: str, releases: dict) -> list[str]:
    """Final releases with the same major.minor and a higher patch number: where security fixes land."""

    def parts(v: str) -> tuple[int, ...] | None:
        return tuple(int(x) for x in v.split(".")) if re.fullmatch(r"\d+(\.\d+)*", v) else None

    mine = parts(version)
    if mine is None or len(mine) < 2:
        return []
    newer = []
    for candidate, files in releases.items():
        other = parts(candidate)
        yanked = files and all(f.get("yanked") for f in files)
        if other and other[:2] == mine[:2] and other > mine and not yanked:
            newer.append(candidate)
    return sorted(newer, key=parts)


def check_latest(name: str, version: str, info: dict | None, result: Result) -> None:
    if info is None:
        result.not_audited[name] = "PyPI's JSON API could not be reached"
        return
    latest = info.get("info", {}).get("version")
    if latest != version:
        series = newer_in_series(version, info.get("releases") or {})
        note = f"newer in its series: {', '.join(series)}" if series else "newest release of its series"
        result.not_audited[name] = (
            f"pinned {version}, latest {latest} ({note}); PyPI lists vulnerabilities of the latest only"
        )
        result.newer[name] = series
        return
    result.not_audited.pop(name, None)
    result.audited[name] = "PyPI project JSON (pin is the latest release)"
    ids = [v["id"] for v in info.get("vulnerabilities") or [] if version not in (v.get("fixed_in") or [])]
    if ids:
        result.vulnerable[name] = ids


def audit(paths: list[str], *, use_pip_audit: bool = True) -> tuple[dict[str, str], Result]:
    pins = read_pins(paths)
    result = Result()
    if use_pip_audit:
        merge_pip_audit(run_pip_audit(paths), pins, result)
    todo = [name for name in pins if name not in result.audited]
    with ThreadPoolExecutor(max_workers=8) as pool:
        infos = dict(zip(todo, pool.map(project_info, todo), strict=True))
    for name in todo:
        check_latest(name, pins[name], infos[name], result)
    return pins, result


def load_allowlist(path: str) -> dict[str, Allowed]:
    """The reviewed allow-list: [package.<name>] tables with version, reason and reviewed (a date)."""
    if not os.path.exists(path):
        return {}
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AllowlistError(f"{path}: cannot be read: {exc}") from exc
    unknown = set(data) - {"package"}
    if unknown:
        raise AllowlistError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}; write [package.<name>]")
    allowed = {}
    for name, entry in (data.get("package") or {}).items():
        where = f"{path}: [package.{name}]"
        if not isinstance(entry, dict):
            raise AllowlistError(f"{where}: must be a table with version, reason and reviewed")
        extra = set(entry) - {"version", "reason", "reviewed", "accept_newer"}
        if extra:
            raise AllowlistError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        version, reason, reviewed = entry.get("version"), entry.get("reason"), entry.get("reviewed")
        accept = entry.get("accept_newer", [])
        if not isinstance(version, str) or not version.strip():
            raise AllowlistError(f'{where}: version is missing; write the pinned version, e.g. version = "1.2.3"')
        if not isinstance(reason, str) or len(reason.strip()) < 20:
            raise AllowlistError(f"{where}: reason is missing or too short; say why this pin may stay unaudited")
        if not isinstance(reviewed, dt.date):
            raise AllowlistError(
                f"{where}: reviewed is missing; write the date of the review, e.g. reviewed = 2026-12-03"
            )
        if not isinstance(accept, list) or not all(isinstance(v, str) for v in accept):
            raise AllowlistError(f'{where}: accept_newer must be a list of versions, e.g. ["4.3.2"]')
        allowed[canonical(name)] = Allowed(version.strip(), reason.strip(), reviewed, tuple(accept))
    return allowed


def excused(name: str, pins: dict[str, str], result: Result, allowed: dict[str, Allowed]) -> str | None:
    """Why an unaudited package does not fail a strict run, or None when it does."""
    entry = allowed.get(name)
    if entry is None or entry.version != pins[name]:
        return None
    unreviewed = [v for v in result.newer.get(name, []) if v not in entry.accept_newer]
    if unreviewed:
        return None
    return entry.reason


def report(pins: dict[str, str], result: Result, allowed: dict[str, Allowed] | None = None) -> int:
    allowed = allowed or {}
    strict = os.environ.get("SAMRAD_AUDIT_STRICT") == "1"
    total = len(pins)
    for name, ids in sorted(result.vulnerable.items()):
        print(f"VULNERABLE {name}=={pins[name]}: {', '.join(ids)}")
    reasons = {name: excused(name, pins, result, allowed) for name in result.not_audited}
    accepted = {name: why for name, why in reasons.items() if why is not None}
    failing = {name: why for name, why in result.not_audited.items() if name not in accepted}
    if accepted:
        print(f"NOT AUDITED, ALLOWED ({len(accepted)} of {total}): reviewed in the allow-list:")
        for name, why in sorted(accepted.items()):
            print(f"  {name}=={pins[name]}: {result.not_audited[name]}")
            print(f"    allowed after review on {allowed[name].reviewed}: {why.split('. ')[0]}.")
    if failing:
        print(f"NOT AUDITED ({len(failing)} of {total}): no vulnerability data for these pins here:")
        for name, why in sorted(failing.items()):
            print(f"  {name}=={pins[name]}: {why}")
            entry = allowed.get(name)
            if entry is not None and entry.version != pins[name]:
                print(f"    the allow-list's entry is for {entry.version}: review the new pin")
            elif entry is not None:
                news = [v for v in result.newer.get(name, []) if v not in entry.accept_newer]
                print(f"    newer in its series since the review: {', '.join(news)}: update the pin or review again")
    for name, entry in sorted(allowed.items()):
        if name not in accepted and name not in failing:
            state = f"not pinned (entry for {entry.version})" if name not in pins else "audited now"
            print(f"allow-list entry no longer needed: {name} ({state}); remove it")
    how = {}
    for name, source in result.audited.items():
        how.setdefault(source, []).append(name)
    for source, names in sorted(how.items()):
        print(f"audited with {source}: {len(names)}")
    print(
        f"dependency audit: {len(result.audited)} of {total} packages audited, "
        f"{len(result.vulnerable)} with known vulnerabilities, {len(result.not_audited)} not audited "
        f"({len(accepted)} of them allowed after review)"
    )
    if result.vulnerable:
        return 1
    if failing and strict:
        print("SAMRAD_AUDIT_STRICT=1: packages that could not be audited and are not on the allow-list fail the run.")
        return 1
    if failing:
        print("PARTIAL AUDIT: the packages above were NOT checked for vulnerabilities.")
    return 0


def main(argv: list[str]) -> int:
    allowlist = ALLOWLIST
    if argv[:1] == ["--allowlist"] and len(argv) > 1:
        allowlist, argv = argv[1], argv[2:]
    try:
        allowed = load_allowlist(allowlist)
    except AllowlistError as exc:
        print(f"dependency audit: {exc}", file=sys.stderr)
        return 2
    paths = argv or ["requirements/test.lock"]
    pins, result = audit(paths)
    return report(pins, result, allowed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
