"""Open data: the published content only, as JSON and CSV."""

import csv
import io
import json

from samrad.core.spreadsheet import safe_row

from ..counts import COMPLEMENTARY, NOT_ASKED, SMALL
from ..summary import PublishedSummary

SCHEMA_VERSION = 2  # 2: participants with dialogue/survey and why a count is hidden


def as_dict(summary: PublishedSummary) -> dict:
    c = summary.consultation
    return {
        "schema_version": SCHEMA_VERSION,
        "consultation": {
            "slug": c.slug,
            "name": c.name,
            "organiser": c.organiser,
            "plan_period": c.plan_period,
            "example_with_invented_data": c.is_example,
        },
        "last_updated": summary.last_updated.date().isoformat() if summary.last_updated else None,
        "texts_final": not summary.banner,
        "minimum_participants_per_area": summary.minimum,
        "participants": participants(summary),
        "areas": [
            {
                "slug": a.slug,
                "name": a.name,
                "status": "withheld" if a.withheld else ("published" if a.published else "in_preparation"),
                "notice": (summary.withheld_text + "\n\n" + summary.followup_text).strip() if a.withheld else None,
                "sections": [
                    {
                        "question": s.question_slug,
                        "heading": s.display_heading,
                        "themes": [{"headline": t.headline, "examples": t.points} for t in s.themes],
                        "other": s.rest,
                        "quotes": s.quotes,
                    }
                    for s in a.sections
                ],
            }
            for a in summary.areas
        ],
    }


HIDDEN = {SMALL: "fewer_than_minimum", COMPLEMENTARY: "hidden_to_protect_others", NOT_ASKED: "not_stated"}


def _count(cell) -> dict:
    """A protected count: `count` is null when hidden, and `hidden` says why."""
    return {"count": cell.shown, "hidden": HIDDEN.get(cell.reason) if cell.hidden else None}


def participants(summary: PublishedSummary) -> dict:
    """Distinct people, protected as on the pages; survey respondents are included in the total."""
    o = summary.participation
    return {
        "total": o.people.shown,
        "dialogue": _count(o.participants),
        "survey": _count(o.respondents),
        "by_role": [{"role": str(r.label), **_count(r.cell)} for r in o.roles.rows],
        "by_municipality": [
            {"municipality": str(r.label), "code": r.code, **_count(r.cell)} for r in o.municipalities.rows
        ],
    }


def as_json(summary: PublishedSummary) -> str:
    return json.dumps(as_dict(summary), ensure_ascii=False, indent=2)


CSV_HEADER = ["area", "area_status", "question", "kind", "theme", "text"]


def csv_rows(summary: PublishedSummary):
    yield CSV_HEADER
    for a in summary.areas:
        status = "withheld" if a.withheld else ("published" if a.published else "in_preparation")
        if not a.sections:
            yield [a.name, status, "", "", "", ""]
        for s in a.sections:
            for i, t in enumerate(s.themes, start=1):
                yield [a.name, status, s.question_slug, "theme", i, t.headline]
                for p in t.points:
                    yield [a.name, status, s.question_slug, "example", i, p]
            for r in s.rest:
                yield [a.name, status, s.question_slug, "other", "", r]
            for q in s.quotes:
                yield [a.name, status, s.question_slug, "quote", "", q]


def as_csv(summary: PublishedSummary) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv_rows(summary):
        writer.writerow(safe_row(row))
    return out.getvalue()
