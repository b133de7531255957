#!/usr/bin/env python3
"""Audit the locked dependencies for known vulnerabilities, and say honestly how much was audited.

1. pip-audit against PyPI's vulnerability data (the per-version JSON API). Where that API cannot be reached,
   pip-audit marks every package "not found on PyPI and could not be audited" and still prints "No known
   vulnerabilities found"; this script does not count such a run as an audit.
2. For packages pip-audit skipped: PyPI's per-project JSON API, which lists the known vulnerabilities of the
   project's *latest* release. For a pin equal to the latest release that is a real audit; for an older pin
   it is not, and the package is reported as not audited (with the release it lags behind).

Exit 1 when a vulnerability is found. Packages that could not be audited are listed, and fail the run only
with SAMRAD_AUDIT_STRICT=1 (CI here has no other source of vulnerability data; see README, Development).
    python scripts/audit_dependencies.py requirements/test.lock [more.lock …]
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

PROJECT_API = os.environ.get("SAMRAD_PYPI_JSON", "https://pypi.org/pypi/{name}/json")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


@dataclass
class Result:
    audited: dict[str, str] = field(default_factory=dict)  # name -> how
    vulnerable: dict[str, list[str]] = field(default_factory=dict)  # name -> vulnerability ids
    not_audited: dict[str, str] = field(default_factory=dict)  # name -> why


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
        done = subprocess.run(args + ["-f", "json", "-o", out.name], capture_output=True, text=True)
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


def report(pins: dict[str, str], result: Result) -> int:
    total = len(pins)
    for name, ids in sorted(result.vulnerable.items()):
        print(f"VULNERABLE {name}=={pins[name]}: {', '.join(ids)}")
    if result.not_audited:
        print(f"NOT AUDITED ({len(result.not_audited)} of {total}): no vulnerability data for these pins here:")
        for name, why in sorted(result.not_audited.items()):
            print(f"  {name}=={pins[name]}: {why}")
    how = {}
    for name, source in result.audited.items():
        how.setdefault(source, []).append(name)
    for source, names in sorted(how.items()):
        print(f"audited with {source}: {len(names)}")
    print(
        f"dependency audit: {len(result.audited)} of {total} packages audited, "
        f"{len(result.vulnerable)} with known vulnerabilities, {len(result.not_audited)} not audited"
    )
    if result.vulnerable:
        return 1
    if result.not_audited and os.environ.get("SAMRAD_AUDIT_STRICT") == "1":
        print("SAMRAD_AUDIT_STRICT=1: packages that could not be audited fail the run.")
        return 1
    if result.not_audited:
        print("PARTIAL AUDIT: the packages above were NOT checked for vulnerabilities.")
    return 0


def main(argv: list[str]) -> int:
    paths = argv or ["requirements/test.lock"]
    pins, result = audit(paths)
    return report(pins, result)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
