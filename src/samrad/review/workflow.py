"""`samrad review CONSULTATION ACTION --user EMAIL`: the review workflow without a browser, for a script or a
scheduled job.

    samrad review orebro-2022 list --user anna@region.se
    samrad review orebro-2022 coverage --user anna@region.se [--area musik]
    samrad review orebro-2022 approve --user anna@region.se --quote 12 --quote 14 --theme 3
    samrad review orebro-2022 approve --user anna@region.se --all --area musik
    samrad review orebro-2022 publish musik teater --user anna@region.se [--site DIR]
    samrad review orebro-2022 withdraw musik --user anna@region.se
    samrad review orebro-2022 status published --user anna@region.se

The command acts as the named staff account: it needs the same rule as the page's button (ACTIONS), and every
change goes through the same functions as the browser (samrad.review.actions), so it is audited the same way.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.core.cli import UserError, console, fail, get_consultation

# Subcommand -> the rule its browser counterpart is guarded by (tests/permissions enumerate these).
ACTIONS = {
    "list": "samrad.review",
    "coverage": "samrad.review",
    "approve": "samrad.review",
    "publish": "samrad.publish",
    "withdraw": "samrad.publish",
    "status": "samrad.publish",
}


def help() -> str:
    return _("review without a browser: list areas, approve themes and quotes, publish, set the status")


def add_arguments(parser) -> None:
    import argparse

    parser.add_argument("consultation", metavar=_("CONSULTATION"), help=_("the consultation's slug, e.g. orebro-2022"))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--user",
        required=True,
        metavar=_("EMAIL"),
        help=_("the staff account to act as; it needs the analyst role on this consultation"),
    )
    sub = parser.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = sub.add_parser("list", parents=[common], help=_("the culture areas, their state and what is pending"))
    p = sub.add_parser(
        "coverage", parents=[common], help=_("how many statements the published lines represent, and which not")
    )
    p.add_argument("--area", metavar=_("AREA"), help=_("only this culture area (slug)"))
    p = sub.add_parser("approve", parents=[common], help=_("approve quotes and include themes, by id or all"))
    p.add_argument("--quote", type=int, action="append", default=[], metavar="ID", help=_("a quote's id"))
    p.add_argument("--theme", type=int, action="append", default=[], metavar="ID", help=_("a theme's id"))
    p.add_argument(
        "--all",
        action="store_true",
        help=_("every quote candidate of the culture area given with --area, where quotes are published"),
    )
    p.add_argument("--area", metavar=_("AREA"), help=_("the culture area (slug) for --all"))
    for name, text in (
        ("publish", _("publish culture areas' summaries on the public results page")),
        ("withdraw", _("take culture areas' summaries off the public page (back to review)")),
    ):
        p = sub.add_parser(name, parents=[common], help=text)
        p.add_argument("areas", nargs="+", metavar=_("AREA"), help=_("culture area slugs"))
        p.add_argument("--site", metavar=_("DIR"), help=_("also write the static site to this folder"))
    p = sub.add_parser("status", parents=[common], help=_("set the consultation's status (drives the banner)"))
    from samrad.consultations.models import Consultation

    statuses = Consultation.Status.values
    p.add_argument("status", choices=statuses, metavar=_("STATUS"), help=" | ".join(statuses))
    p.add_argument("--site", metavar=_("DIR"), help=_("also write the static site to this folder"))


def run(args) -> int:
    from .actions import ActionError, Actor

    consultation = get_consultation(args.consultation)
    user = staff_user(args.user, consultation, ACTIONS[args.action])
    by = Actor(user=user, label="samrad review")
    try:
        code = COMMANDS[args.action](consultation, args, by)
    except ActionError as exc:
        return fail(str(exc), 1)
    site = getattr(args, "site", None)
    if site and code == 0:
        from pathlib import Path

        from samrad.results.cli import write_all

        written = write_all(consultation, Path(site))
        console.print(_("Wrote %(count)d files to %(dir)s") % {"count": len(written), "dir": site}, markup=False)
    return code


def staff_user(email: str, consultation, rule: str):
    """The active account with this e-mail (or user name) that holds `rule` on the consultation; a UserError
    (exit code 2) that says why otherwise."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    found = list(User.objects.filter(email__iexact=email.strip())[:2]) or list(
        User.objects.filter(username=email.strip())[:2]
    )
    if not found:
        raise UserError(
            _("There is no account %(email)s. Use the e-mail address of a staff account.") % {"email": email}
        )
    if len(found) > 1:
        raise UserError(
            _("Several accounts have the e-mail address %(email)s. Give the user name instead.") % {"email": email}
        )
    user = found[0]
    if not user.is_active:
        raise UserError(_("The account %(email)s is deactivated.") % {"email": email})
    if not user.has_perm(rule, consultation):
        raise UserError(
            _(
                "%(email)s may not do this in %(name)s: it needs the analyst role on the consultation. "
                "An administrator can give it under Personal › Roller."
            )
            % {"email": email, "name": consultation.name}
        )
    return user


def _area(consultation, slug: str):
    area = consultation.areas.filter(slug=slug).first()
    if area is None:
        known = ", ".join(consultation.areas.values_list("slug", flat=True))
        raise UserError(_("There is no culture area %(slug)r. Known: %(known)s.") % {"slug": slug, "known": known})
    return area


def _print(line: str) -> None:
    console.print(line, markup=False)


# -- list ------------------------------------------------------------------------------------------


def list_areas(consultation, args, by) -> int:
    from . import coverage
    from . import workspace as ws

    rows, unplaced = ws.overview(consultation)
    in_text: dict[int, list[int]] = {}  # area -> [represented, total] over the questions published as themes
    for cov in coverage.for_consultation(consultation):
        if not cov.quotes:
            counts = in_text.setdefault(cov.area.pk, [0, 0])
            counts[0] += cov.represented
            counts[1] += cov.total
    _print(
        _("%(name)s: status “%(status)s”.") % {"name": consultation.name, "status": consultation.get_status_display()}
    )
    for row in rows:
        statements = sum(c.statements for c in row.cells)
        themes = sum(c.themes for c in row.cells)
        included = sum(c.included for c in row.cells)
        candidates = sum(c.candidates for c in row.cells)
        approved = sum(c.approved for c in row.cells)
        _print(
            f"{row.area.name} ({row.area.slug}): {area_state(row, statements)}. "
            + _(
                "%(statements)d statements, %(included)d of %(themes)d themes included, "
                "%(approved)d quotes approved, %(candidates)d pending."
            )
            % {
                "statements": statements,
                "included": included,
                "themes": themes,
                "approved": approved,
                "candidates": candidates,
            }
            + (" " + _in_text(*in_text[row.area.pk]) if row.area.pk in in_text else "")
        )
    if unplaced:
        _print(_("%(n)d statements have no culture area or question.") % {"n": unplaced})
    return 0


def _in_text(represented: int, total: int) -> str:
    return ngettext(
        "%(n)d of %(total)d statement is in the text.", "%(n)d of %(total)d statements are in the text.", total
    ) % {"n": represented, "total": total}


def area_state(row, statements: int) -> str:
    from .models import AreaReview

    status = row.review.status if row.review else AreaReview.Status.DRAFT
    if row.status.withheld:
        return _("withheld: %(n)d of at least %(min)d people took part") % {
            "n": row.status.participants,
            "min": row.status.minimum,
        }
    if status == AreaReview.Status.PUBLISHED:
        return _("published")
    if status == AreaReview.Status.IN_REVIEW:
        return _("in review")
    return _("draft") if statements else _("not analysed")


# -- coverage --------------------------------------------------------------------------------------


def show_coverage(consultation, args, by) -> int:
    from . import coverage

    area = _area(consultation, args.area) if args.area else None
    for cov in coverage.for_consultation(consultation):
        if area is not None and cov.area.pk != area.pk:
            continue
        for line in coverage_lines(cov):
            _print(line)
    return 0


def coverage_lines(cov) -> list[str]:
    from .coverage import Reason

    head = f"{cov.area.name} · {cov.question.label}: "
    if cov.quotes:
        lines = [
            head
            + ngettext(
                "%(n)d of %(total)d statement is quoted (the question is published as selected quotes).",
                "%(n)d of %(total)d statements are quoted (the question is published as selected quotes).",
                cov.total,
            )
            % {"n": cov.represented, "total": cov.total}
        ]
        return lines
    lines = [head + _in_text(cov.represented, cov.total)]
    if cov.rest_hidden:
        lines.append(
            "  "
            + _("The Other line shows %(shown)d of the %(total)d statements in the rest; %(n)d more are not in it.")
            % {"shown": cov.rest_shown, "total": cov.rest_total, "n": cov.rest_hidden}
        )
    for m in cov.missing:
        where = (
            _("in the rest, on no Other line")
            if m.reason == Reason.REST
            else _("in the theme left out “%(headline)s”") % {"headline": m.theme.headline if m.theme else ""}
        )
        lines.append(f"  - [{m.statement.pk}] {m.statement.text[:100]} ({where})")
    return lines


# -- approve ---------------------------------------------------------------------------------------


def approve(consultation, args, by) -> int:
    from .actions import quotes, themes
    from .models import Quote, Theme

    if args.all and not args.area:
        raise UserError(_("--all needs --area: the culture area whose proposals to approve."))
    if not (args.all or args.quote or args.theme):
        raise UserError(_("Say what to approve: --quote ID, --theme ID, or --all --area AREA."))
    chosen_quotes = _by_ids(Quote.objects.filter(consultation=consultation), args.quote, _("quote"))
    chosen_themes = _by_ids(Theme.objects.filter(consultation=consultation), args.theme, _("theme"))
    held_back, left_out = [], []
    if args.all:
        area = _area(consultation, args.area)
        from .workspace import QUOTE_KINDS

        # Only where quotes are published: elsewhere an approval would change nothing the public sees.
        candidates = Quote.objects.filter(
            consultation=consultation, area=area, status=Quote.Status.CANDIDATE, question__kind__in=QUOTE_KINDS
        )
        for q in candidates.order_by("question__order", "order", "pk"):
            # A machine proposal with personal data in it waits for a person to look at it.
            (held_back if quotes.findings(q) else chosen_quotes).append(q)
        # samrad's themes are in the summary unless a person left them out: that decision stands.
        left_out = list(Theme.objects.filter(consultation=consultation, area=area, published=False))
    approved = sum(quotes.set_status(q, Quote.Status.APPROVED, by=by) for q in chosen_quotes)
    included = 0
    for t in chosen_themes:
        if not t.published:
            themes.set_included(t, True, by=by)
            included += 1
    _print(
        _("%(q)d quotes approved, %(t)d themes included (the others already were).") % {"q": approved, "t": included}
    )
    for q in chosen_quotes:
        if found := quotes.findings(q):
            _print(
                _("Check quote %(id)d: it contains what looks like personal data (%(found)s).")
                % {"id": q.pk, "found": ", ".join(f"{f.kind}: {f.text}" for f in found)}
            )
    if left_out:
        _print(
            _("Left out of the summary by an analyst, so not included: %(ids)s. Include one with --theme ID.")
            % {"ids": ", ".join(f"{t.pk} “{t.headline}”" for t in left_out)}
        )
    for q in held_back:
        _print(
            _("Quote %(id)d was not approved: it contains what looks like personal data. Edit it in the browser.")
            % {"id": q.pk}
        )
    return 0


def _by_ids(queryset, ids: list[int], what: str) -> list:
    found = {o.pk: o for o in queryset.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise UserError(
            _("There is no %(what)s with id %(ids)s in this consultation. `samrad review … list` shows them.")
            % {"what": what, "ids": ", ".join(map(str, missing))}
        )
    return [found[i] for i in dict.fromkeys(ids)]


# -- publish, withdraw, status --------------------------------------------------------------------


def set_area_status(area, status: str, by):
    """The one place this command publishes or withdraws an area: the workspace button's own path, which hands
    publishing to samrad.publication where that exists (its snapshot is what the public sees)."""
    from .actions import areas

    return areas.set_status(area, status, by=by)


def publish(consultation, args, by) -> int:
    from .models import AreaReview

    return _set_areas(consultation, args.areas, AreaReview.Status.PUBLISHED, by)


def withdraw(consultation, args, by) -> int:
    from .models import AreaReview

    return _set_areas(consultation, args.areas, AreaReview.Status.IN_REVIEW, by)


def _set_areas(consultation, slugs: list[str], status: str, by) -> int:
    areas = [_area(consultation, s) for s in slugs]
    for area in areas:
        review = set_area_status(area, status, by)
        _print(
            _("%(area)s: the summary is now “%(status)s”.") % {"area": area.name, "status": review.get_status_display()}
        )
    return 0


def set_status(consultation, args, by) -> int:
    from .actions import consultation as actions

    changed = actions.set_status(consultation, args.status, by=by)
    consultation.refresh_from_db()
    message = _("%(name)s: the status is now “%(status)s”.") if changed else _("%(name)s is already “%(status)s”.")
    _print(message % {"name": consultation.name, "status": consultation.get_status_display()})
    return 0


COMMANDS = {
    "list": list_areas,
    "coverage": show_coverage,
    "approve": approve,
    "publish": publish,
    "withdraw": withdraw,
    "status": set_status,
}
