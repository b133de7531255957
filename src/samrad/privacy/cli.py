"""samrad purge: remove the personal data of closed consultations whose retention period has ended."""

import sys

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.core.cli import console, fail, get_consultation


def help() -> str:
    return _("remove personal data whose retention period has ended (try --dry-run first)")


def add_arguments(parser) -> None:
    parser.add_argument("--consultation", metavar="SLUG", help=_("only this consultation"))
    parser.add_argument("--dry-run", action="store_true", help=_("only list what would be removed"))
    parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))


def run(args) -> int:
    from samrad.consultations.models import Consultation
    from samrad.core import purgehooks
    from samrad.core.personaldata import PROVIDERS

    from .erasure import due_records, purge, purge_plan

    # Vectors of statements that are gone (review's embedding cache): dropped whatever else is due (the cache
    # holds no text, but a vector is still derived from what someone wrote).
    dropped = purgehooks.run(dry_run=args.dry_run)
    if dropped:
        text = (
            ngettext(
                "%(n)d stored vector of a statement that no longer exists would be removed.",
                "%(n)d stored vectors of statements that no longer exist would be removed.",
                dropped,
            )
            if args.dry_run
            else ngettext(
                "%(n)d stored vector of a statement that no longer exists was removed.",
                "%(n)d stored vectors of statements that no longer exist were removed.",
                dropped,
            )
        )
        console.print(text % {"n": dropped}, markup=False)

    if args.consultation:
        get_consultation(args.consultation)
    _expire_pending_imports(dry_run=args.dry_run)
    records = due_records(slug=args.consultation)
    ready, waiting = [], []
    for r in records:
        (ready if r.consultation.status == Consultation.Status.CLOSED else waiting).append(r)
    for r in waiting:
        console.print(
            _(
                "%(slug)s: the retention period ended %(date)s, but the consultation is not closed. Close it "
                '(status = "closed") or move the retention date; nothing is removed until then.'
            )
            % {"slug": r.consultation.slug, "date": r.retention_date()},
            markup=False,
        )
    plans = [(r, purge_plan(r.consultation)) for r in ready]
    plans = [(r, plan) for r, plan in plans if any(plan.values())]
    if not plans:
        console.print(_("No personal data is due for removal."), markup=False)
        return 0
    for r, plan in plans:
        console.print(
            _("%(slug)s (retention ended %(date)s):") % {"slug": r.consultation.slug, "date": r.retention_date()},
            markup=False,
        )
        for key, count in plan.items():
            if count:
                provider = PROVIDERS[key]
                fields = ", ".join(str(f) for f in provider.fields)
                console.print(f"  {provider.label}: {count} ({fields})", markup=False)
    if args.dry_run:
        console.print(_("Dry run: nothing was removed."), markup=False)
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            return fail(_("Add --yes to remove the data listed above (or run in a terminal to be asked)."))
        answer = input(_("Remove this personal data for good? Type yes: "))
        if answer.strip().lower() not in {"yes", "ja"}:
            console.print(_("Nothing was removed."), markup=False)
            return 1
    for r, _plan in plans:
        counts = purge(r.consultation)
        console.print(
            _("%(slug)s: personal data removed (%(count)d records changed).")
            % {"slug": r.consultation.slug, "count": sum(counts.values())},
            markup=False,
        )
    return 0


def _expire_pending_imports(*, dry_run: bool) -> None:
    """Files checked on the import page but never imported belong to no consultation: past their time they go
    on every run, whatever the consultations' retention."""
    from samrad.intake import pending

    count = len(pending.expired()) if dry_run else pending.expire()
    if count:
        if dry_run:
            message = ngettext(
                "%(count)d file checked for import but never imported is older than %(hours)g hours and would be "
                "removed.",
                "%(count)d files checked for import but never imported are older than %(hours)g hours and would "
                "be removed.",
                count,
            )
        else:
            message = ngettext(
                "%(count)d file checked for import but never imported was older than %(hours)g hours: removed.",
                "%(count)d files checked for import but never imported were older than %(hours)g hours: removed.",
                count,
            )
        console.print(message % {"count": count, "hours": pending.max_age_hours()}, markup=False)
