"""The consultation's municipalities: named by county or by code from samrad.sweden, or written out in full.

    [consultation]
    county = "20"                      # all of a county's municipalities (or a list: ["20", "21"])
    municipalities = ["2031", "2062"]  # and/or single municipalities by SCB code

    [[municipalities]]                 # optional: change a name, slug or population, or add one by code
    code = "2080"
    name = "Falu kommun"
    population = 59000

    [[municipalities]]                 # a municipality outside SCB's list, written out as before (no map)
    slug = "annan"
    name = "Annan kommun"

Municipalities from a county come in Swedish alphabetical order, then those named by code, then the others in the
file's order. A `[[municipalities]]` entry with a code already chosen changes that municipality in place.
"""

import re
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from samrad import sweden

from .schema import MUNICIPALITIES as SPEC

if TYPE_CHECKING:
    from .validate import Ctx

KEYS = SPEC.names
CODE = re.compile(r"^\d{4}$")


def municipalities(data: dict, consultation: dict, ctx: "Ctx") -> list[dict]:
    """Normalised rows for the Municipality model (slug, name, code, population, order), problems to ctx."""
    chosen: dict[str, dict] = {}  # code -> row, in order
    for code in _county_codes(consultation, ctx):
        for m in sweden.municipalities(code):
            chosen[m.code] = _from_sweden(m)
    for code in _municipality_codes(consultation, ctx):
        chosen.setdefault(code, _from_sweden(sweden.municipality(code)))
    from_file = [] if "municipalities" not in data else ctx.table_list(data, "municipalities")
    others = []
    for path, item in from_file:
        row = _entry(path, item, chosen, ctx)
        if row is not None and row["code"] in chosen and "_path" not in chosen[row["code"]]:
            chosen[row["code"]] = row  # a change to a municipality the county or a code chose
        elif row is not None:
            others.append(row)
    rows = list(chosen.values()) + others
    _check_unique(rows, ctx)
    for order, row in enumerate(rows):
        row["order"] = order
    return rows


def _from_sweden(m: sweden.Municipality) -> dict:
    return {"slug": m.slug, "name": m.name, "code": m.code, "population": m.population, "_auto_slug": True}


def _county_codes(consultation: dict, ctx: "Ctx") -> list[str]:
    value = consultation.get("county")
    if value is None:
        return []
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values) or not values:
        ctx.problem(
            "consultation.county",
            _('should be a county code as text, e.g. county = "20", or a list of them, not %(value)r.')
            % {"value": value},
        )
        return []
    known = []
    for v in values:
        if sweden.county(v.strip()) is None:
            ctx.problem(
                "consultation.county",
                _("%(value)r is not a Swedish county code. Use one of: %(valid)s.")
                % {"value": v, "valid": ", ".join(f"{c.code} {c.name}" for c in sweden.counties())},
            )
        else:
            known.append(v.strip())
    return known


def _municipality_codes(consultation: dict, ctx: "Ctx") -> list[str]:
    value = consultation.get("municipalities")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        ctx.problem(
            "consultation.municipalities",
            _('should be a list of municipality codes as text, e.g. municipalities = ["2031", "2062"], not %(value)r.')
            % {"value": value},
        )
        return []
    known = []
    for i, v in enumerate(value):
        if sweden.municipality(v.strip()) is None:
            ctx.problem(
                "consultation.municipalities",
                _("item %(n)d: %(problem)s") % {"n": i + 1, "problem": _unknown_code(v)},
            )
        elif v.strip() in known:
            ctx.problem(
                "consultation.municipalities",
                _("item %(n)d: %(value)r is already in the list. Give each municipality once.")
                % {"n": i + 1, "value": v},
            )
        else:
            known.append(v.strip())
    return known


def _code(m: sweden.Municipality) -> str:
    return m.code


def _unknown_code(value: str) -> str:
    """What to say about a code that is not one of SCB's municipality codes."""
    county = sweden.county(value.strip()[:2]) if CODE.match(value.strip()) else None
    if county:
        return _("%(value)r is not a municipality code. The codes in %(county)s are: %(valid)s.") % {
            "value": value,
            "county": county.name,
            "valid": ", ".join(f"{m.code} {m.name}" for m in sorted(sweden.municipalities(county.code), key=_code)),
        }
    return _(
        '%(value)r is not a Swedish municipality code. Use SCB\'s four digits, e.g. "2031" for Rättvik '
        '(county = "…" lists a whole county).'
    ) % {"value": value}


def _entry(path: str, item: dict, chosen: dict[str, dict], ctx: "Ctx") -> dict | None:
    for key in item:
        if key not in KEYS:
            ctx.problem(
                f"{path}.{key}",
                _("is not a known key here. Known keys: %(known)s.") % {"known": ", ".join(sorted(KEYS))},
            )
    code = ctx.field(item, path, SPEC, "code")
    known = sweden.municipality(code) if code else None
    if code and known is None and "name" not in item:
        ctx.problem(
            f"{path}.code",
            _unknown_code(code) + " " + _("For a municipality outside that list, give its name and slug."),
        )
        return None
    base = chosen.get(code) or (_from_sweden(known) if known else {})
    required = not base
    row = {
        "_path": path,
        "slug": ctx.field(item, path, SPEC, "slug", required=required, default=base.get("slug")),
        "name": ctx.field(item, path, SPEC, "name", required=required, default=base.get("name")),
        "code": code,
        "population": ctx.field(item, path, SPEC, "population", default=base.get("population")),
        "_auto_slug": "slug" not in item and bool(base),
    }
    if not code and isinstance(row["slug"], str):
        taken = next((r for r in chosen.values() if r["slug"] == row["slug"]), None)
        if taken:
            ctx.problem(
                f"{path}.slug",
                _('%(slug)r is already %(name)s (%(code)s), chosen by code. To change it, add code = "%(code)s" here.')
                % {"slug": row["slug"], "name": taken["name"], "code": taken["code"]},
            )
            return None
    return row


def _check_unique(rows: list[dict], ctx: "Ctx") -> None:
    """Slugs must be unique: a generated one that clashes (Habo and Håbo) gets its code; a written one is an error.
    A code names one municipality once."""
    codes: dict[str, dict] = {}
    for row in rows:
        other = codes.setdefault(row["code"], row) if row["code"] else row
        if other is not row:
            ctx.problem(
                f"{row.get('_path', 'consultation')}.code",
                _("%(value)r is used twice (also at %(other)s). Give each municipality once.")
                % {"value": row["code"], "other": other.get("_path") or "consultation"},
            )
    seen: dict[str, dict] = {}
    for row in rows:
        slug = row["slug"]
        if not isinstance(slug, str):
            continue
        other = seen.get(slug)
        if other is None:
            seen[slug] = row
        elif row.get("_auto_slug"):
            row["slug"] = f"{slug}-{row['code']}"
            seen[row["slug"]] = row
        else:
            where = other.get("_path") or "consultation"
            ctx.problem(
                f"{row.get('_path', 'consultation')}.slug",
                _("%(value)r is used twice (also at %(other)s). Slugs must be unique.")
                % {"value": slug, "other": where},
            )
