"""Open data: the follow-up as JSON (everything) and the activities as CSV (one row each)."""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from samrad.consultations.models import Consultation
from samrad.core.spreadsheet import safe_row

from .history import history
from .models import Activity, FollowupInfo
from .rollup import goal_activities, progress_of


def _progress(p) -> dict:
    return {"counts": p.counts, "done": p.done, "counted": p.counted, "dropped": p.dropped, "share_done": p.share}


def data_json(request, consultation):
    c = get_object_or_404(Consultation, slug=consultation)
    info = FollowupInfo.objects.filter(consultation=c).first()
    activities = list(
        Activity.objects.filter(consultation=c).select_related("sector").prefetch_related("goals", "focus_areas")
    )
    notes = {}
    for entry in history(activities, newest_first=False):
        notes.setdefault(entry.activity.pk, []).append(
            {
                "date": entry.date.isoformat(),
                "text": entry.note.text,
                "status_from": entry.old_status or None,
                "status_to": entry.new_status or None,
                "author": entry.note.author,
                "invented": entry.note.is_invented,
            }
        )
    data = {
        "consultation": {"slug": c.slug, "name": c.name, "organiser": c.organiser, "plan_period": c.plan_period},
        "invented": bool(info and info.is_invented),
        "note": info.note if info else "",
        "progress_rule": "share of activities done among those not dropped; a goal counts activities linked to it "
        "or to one of its focus areas, each once",
        "collaborations": [
            {
                "slug": col.slug,
                "title": col.title,
                "intro": col.intro,
                "results": col.results,
                "events": [e.slug for e in col.events.all()],
            }
            for col in c.collaborations.prefetch_related("events")
        ],
        "goals": [
            {
                "slug": g.slug,
                "name": g.name,
                "text": g.text,
                "collaboration": g.collaboration.slug if g.collaboration else None,
                "target_groups": g.target_groups,
                "focus_areas": [{"slug": f.slug, "text": f.text} for f in g.focus_areas.all()],
                "progress": _progress(progress_of(goal_activities(g))),
            }
            for g in c.goals.select_related("collaboration").prefetch_related("focus_areas")
        ],
        "sectors": [
            {
                "slug": s.slug,
                "name": s.name,
                "intro": s.intro,
                "focus_text": s.focus_text,
                "focus_areas": [{"slug": f.slug, "text": f.text} for f in s.focus_areas.all()],
                "progress": _progress(progress_of(s.activities.all())),
            }
            for s in c.sectors.prefetch_related("focus_areas", "activities")
        ],
        "activities": [
            {
                "slug": a.slug,
                "text": a.text,
                "sector": a.sector.slug if a.sector else None,
                "goals": [g.slug for g in a.goals.all()],
                "focus_areas": [f.slug for f in a.focus_areas.all()],
                "status": a.status,
                "responsible": a.responsible,
                "starts": a.starts.isoformat() if a.starts else None,
                "ends": a.ends.isoformat() if a.ends else None,
                "themes": [
                    {"area": t.area_slug, "question": t.question_slug, "theme": t.label, "id": t.ref}
                    for t in a.theme_links.all()
                ],
                "notes": notes.get(a.pk, []),
                "invented_activity": a.is_invented,
                "invented_progress": a.progress_invented,
            }
            for a in activities
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


COLUMNS = [
    "slug",
    "activity",
    "sector",
    "goals",
    "focus_areas",
    "status",
    "responsible",
    "starts",
    "ends",
    "last_note",
    "invented_activity",
    "invented_progress",
]


def activities_csv(request, consultation):
    c = get_object_or_404(Consultation, slug=consultation)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for a in Activity.objects.filter(consultation=c).select_related("sector").prefetch_related("goals", "focus_areas"):
        last = a.notes.order_by("-date", "-pk").first()
        writer.writerow(
            safe_row(
                [
                    a.slug,
                    a.text,
                    a.sector.name if a.sector else "",
                    "; ".join(g.name for g in a.goals.all()),
                    "; ".join(f.slug for f in a.focus_areas.all()),
                    a.status,
                    a.responsible,
                    a.starts.isoformat() if a.starts else "",
                    a.ends.isoformat() if a.ends else "",
                    last.date.isoformat() if last else "",
                    "yes" if a.is_invented else "no",
                    "yes" if a.progress_invented else "no",
                ]
            )
        )
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{c.slug}-aktiviteter.csv"'
    return response
