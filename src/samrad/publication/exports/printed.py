"""The summary as PDF (WeasyPrint), from a print template that uses the same published summary."""

from django.template.loader import render_to_string

from ..summary import PublishedSummary


def as_html(summary: PublishedSummary) -> str:
    return render_to_string("results/print.html", {"summary": summary, "consultation": summary.consultation})


def as_pdf(summary: PublishedSummary) -> bytes:
    from weasyprint import HTML

    # base_url None: the print template embeds its styles and loads nothing from the network.
    return HTML(string=as_html(summary), base_url=None).write_pdf()
