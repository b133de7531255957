"""The short privacy notice shown where personal data is collected (registration, survey consent step).

In a template:   {% load privacy %}{% processing_notice consultation %}
In Python:       from samrad.privacy.notice import processing_notice; html = processing_notice(consultation)
Or include the snippet yourself with the context from notice_context(consultation).
"""

from django.template.loader import render_to_string

from .models import ProcessingRecord
from .registry import providers


def notice_context(consultation) -> dict:
    record = ProcessingRecord.objects.filter(consultation=consultation).first()
    return {"consultation": consultation, "processing": record, "collected": collected(record)}


def collected(record) -> list[str]:
    """What is collected: the record's own list, else what samrad's providers store."""
    if record is not None and record.personal_data:
        return list(record.personal_data)
    return [str(f) for p in providers() for f in p.fields]


def processing_notice(consultation, request=None) -> str:
    return render_to_string("privacy/_processing_notice.html", notice_context(consultation), request=request)


def has_processing_record(consultation) -> bool:
    """Forms that collect personal data should not open before the organiser has described the processing."""
    return ProcessingRecord.objects.filter(consultation=consultation).exists()
