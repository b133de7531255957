"""Quote candidates ("Utvalda exempel"): approve, reject, edit the redaction or shortening, order, propose."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import privacy
from ..models import Quote, Statement
from .common import ActionError, Actor, Section, move_in_order, next_order


def findings(quote: Quote) -> list[privacy.Finding]:
    """Personal data in the text to publish: what the redaction had removed, or new contact details."""
    return privacy.reintroduced(quote.original, quote.redactions, quote.text)


@transaction.atomic
def set_status(quote: Quote, status: str, *, by: Actor) -> bool:
    if status not in Quote.Status.values:
        raise ActionError(_("Unknown status."))
    if status == quote.status:
        return False
    before = quote.status
    quote.status = status
    quote.save()
    by.record(f"review.quote.{status}", quote.consultation, quote, before=before, after=status, text=quote.text)
    return True


@transaction.atomic
def edit_text(quote: Quote, *, text: str, by: Actor) -> list[privacy.Finding]:
    """Save the analyst's redaction or shortening; returns what personal data the new text contains."""
    text = text.strip()
    if not text:
        raise ActionError(_("The quote cannot be empty. Reject it instead if it should not be published."))
    if text != quote.text:
        before = quote.text
        quote.text, quote.edited = text, True
        quote.save()
        by.record("review.quote.edit", quote.consultation, quote, before=before, after=text)
    return findings(quote)


@transaction.atomic
def restore(quote: Quote, *, by: Actor) -> None:
    """Back to samrad's proposal (redacted by the machine)."""
    proposed = quote.proposed or privacy.redact(quote.original)
    if proposed == quote.text and not quote.edited:
        return
    before = quote.text
    quote.text, quote.edited = proposed, False
    quote.save()
    by.record("review.quote.restore", quote.consultation, quote, before=before, after=proposed)


@transaction.atomic
def reorder(section: Section, quote: Quote, direction: str, *, by: Actor) -> None:
    before, after = move_in_order(quote, section.quotes(), direction)
    if before != after:
        by.record("review.quote.order", quote.consultation, quote, before=before, after=after)


@transaction.atomic
def propose(section: Section, statement: Statement, *, by: Actor) -> Quote:
    """An analyst proposes a statement samrad did not choose as a quote candidate (redacted like samrad's own)."""
    if Quote.objects.filter(statement=statement).exists():
        raise ActionError(_("That statement is already a quote candidate."))
    text, redactions = privacy.redact_with_spans(statement.text)
    quote = Quote.objects.create(
        **section.scope,
        statement=statement,
        original=statement.text,
        text=text,
        proposed=text,
        redactions=redactions,
        order=next_order(section.quotes()),
    )
    by.record("review.quote.propose", section.consultation, quote, text=text, statement=statement.pk)
    return quote
