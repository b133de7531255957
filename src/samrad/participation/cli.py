"""`samrad groups EVENT`: form and store an event's groups from its registrations, and print them."""

import json
import sys

from django.utils.translation import gettext as _

from samrad.core.cli import console, fail

FORMATS = ("table", "csv", "zoom", "json")


def help() -> str:
    return _("form the groups of an event's rounds from its registrations, store them and print them")


def add_arguments(parser) -> None:
    parser.add_argument("event", metavar=_("EVENT"), help=_("the event's slug, e.g. kulturdialog-2022-06-01"))
    parser.add_argument("--round", type=int, default=None, help=_("form only this round (and rounds that keep it)"))
    parser.add_argument("--seed", type=int, default=0, help=_("random seed; the same seed gives the same groups"))
    parser.add_argument(
        "--time-limit", type=float, default=10.0, help=_("seconds the solver may use for the event (default 10)")
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help=_("output format (default: table)"))
    parser.add_argument(
        "--consultation", default=None, help=_("the consultation's slug, if the event slug is not unique")
    )


def _find_event(args):
    from samrad.consultations.models import Event

    events = Event.objects.select_related("consultation").filter(slug=args.event)
    if args.consultation:
        events = events.filter(consultation__slug=args.consultation)
    events = list(events)
    if not events:
        known = ", ".join(Event.objects.order_by("slug").values_list("slug", flat=True)) or "–"
        return None, _("There is no event %(event)s. Known events: %(known)s.") % {"event": args.event, "known": known}
    if len(events) > 1:
        return None, _("%(event)s exists in several consultations (%(list)s): add --consultation SLUG.") % {
            "event": args.event,
            "list": ", ".join(e.consultation.slug for e in events),
        }
    return events[0], None


def run(args) -> int:
    from samrad.participation.formation import FormationError, form
    from samrad.participation.groupview import event_rounds

    if args.time_limit <= 0:
        return fail(_("--time-limit must be greater than zero."))
    if args.seed < 0:
        return fail(_("--seed must be 0 or more."))
    event, problem = _find_event(args)
    if problem:
        return fail(problem)
    try:
        formed = form(event, round_number=args.round, seed=args.seed, time_limit=args.time_limit)
    except FormationError as exc:
        return fail(
            _("The groups of %(event)s were not formed:") % {"event": event.slug}
            + "\n"
            + "\n".join(f"  {m}" for m in exc.messages)
        )
    numbers = [r.spec.number for r in formed.results]
    views = [v for v in event_rounds(event) if v.round.number in numbers]
    for warning in formed.roster.warnings:
        sys.stderr.write(_("Note: %(warning)s") % {"warning": warning} + "\n")
    _print(views, formed, args.format)
    return 0


def _print(views, formed, fmt: str) -> None:
    from samrad.participation import group_exports

    if fmt == "csv":
        sys.stdout.write(group_exports.groups_csv(views))
    elif fmt == "zoom":
        for view in views:
            if view.round.rule == "keep_previous" and len(views) > 1:
                continue  # the same rooms as the round it keeps
            text, missing = group_exports.zoom_csv(view)
            sys.stdout.write(text)
            for name in missing:
                sys.stderr.write(_("No e-mail, not in the Zoom file: %(name)s") % {"name": name} + "\n")
    elif fmt == "json":
        out = {"event": formed.event.slug, "seed": None, "rounds": []}
        for view in views:
            out["seed"] = view.report.seed if view.report else None
            out["rounds"].append(
                {
                    "round": view.round.number,
                    "rule": view.round.rule,
                    "report": (view.round.grouping_report.data.get("report") if view.report else None),
                    "groups": [
                        {
                            "number": g.group.number,
                            "area": g.group.area.name if g.group.area_id else None,
                            "members": [
                                {"name": m.name, "area": m.area, "municipality": m.municipality, "role": m.role}
                                for m in g.members
                            ],
                        }
                        for g in view.groups
                    ],
                }
            )
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        _table(views)


def _table(views) -> None:
    from rich.table import Table

    for view in views:
        title = _("Round %(n)s") % {"n": view.round.number}
        if view.round.question:
            title += f": {view.round.question.label}"
        table = Table(title=title)
        for heading in (_("Group"), _("Name"), _("Culture area"), _("Municipality"), _("Role")):
            table.add_column(heading)
        for g in view.groups:
            for i, m in enumerate(g.members):
                table.add_row(
                    g.label if i == 0 else "",
                    m.name,
                    m.area,
                    m.municipality,
                    m.role,
                    end_section=i == len(g.members) - 1,
                )
        console.print(table)
        report = view.report
        if report and report.status in ("optimal", "feasible"):
            console.print(
                _("Objective %(objective)s, bound %(bound)s, gap %(gap)s, %(time)s s (%(status)s).")
                % {
                    "objective": report.objective,
                    "bound": report.bound,
                    "gap": report.gap_percent,
                    "time": f"{report.solve_time:.2f}",
                    "status": report.status,
                },
                markup=False,
            )
        if report:
            for line in report.notices + report.unmet:
                console.print("  " + line, markup=False)
