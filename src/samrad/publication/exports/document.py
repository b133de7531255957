"""The summary as a Word document (python-docx), ready to paste into the culture plan."""

import io

from django.utils.translation import gettext as _

from samrad.core.text import join_points, sentence

from ..summary import PublishedSummary


def as_docx(summary: PublishedSummary) -> bytes:
    from docx import Document

    c = summary.consultation
    doc = Document()
    doc.core_properties.title = f"{_('Summarised results')}: {c.name}"
    doc.core_properties.author = c.organiser
    doc.core_properties.language = "sv"
    doc.add_heading(f"{_('Summarised results')}: {c.name}", level=0)
    if c.is_example:
        doc.add_paragraph(
            _(
                "Example: the participants and answers in this consultation are invented. Only the "
                "structure follows a real consultation."
            )
        )
    if summary.banner:
        doc.add_paragraph().add_run(summary.banner).bold = True
    for text in (c.intro, c.results_intro):
        if text.strip():
            doc.add_paragraph(text.strip())
    for area in summary.areas:
        _add_area(doc, summary, area)
    if summary.last_updated:
        doc.add_paragraph(_("Last updated: %(date)s") % {"date": summary.last_updated.date().isoformat()})
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _add_area(doc, summary: PublishedSummary, area) -> None:
    doc.add_heading(area.name, level=1)
    if area.withheld:
        for text in (summary.withheld_text, summary.followup_text):
            if text.strip():
                doc.add_paragraph(text.strip())
        return
    if not area.sections:
        doc.add_paragraph(_("The summary for this culture area is being prepared."))
    for section in area.sections:
        _add_section(doc, section)


def _add_section(doc, section) -> None:
    doc.add_heading(section.display_heading, level=2)
    for theme in section.themes:
        line = sentence(theme.headline)
        if theme.points:
            line += f" {_('For example:')} {join_points(theme.points)}"
        doc.add_paragraph(line, style="List Bullet")
    if section.rest:
        doc.add_paragraph(f"{_('Other:')} {join_points(section.rest)}", style="List Bullet")
    for quote in section.quotes:
        doc.add_paragraph(quote, style="List Bullet")
