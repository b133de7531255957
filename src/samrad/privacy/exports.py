"""Staff exports of personal data are logged. Call this wherever staff download a file with personal data:

    from samrad.privacy.exports import log_personal_data_export
    log_personal_data_export(request.user, consultation, "participants.xlsx", rows=len(rows),
                             fields=["name", "email", "organisation"])

The log says who exported what, when, how many rows and which fields — never the data itself.
"""

from samrad.audit.log import record


def log_personal_data_export(actor, consultation, what: str, *, rows: int, fields=(), **extra):
    return record(
        "privacy.export",
        actor=actor,
        consultation=consultation,
        what=what,
        rows=rows,
        fields=list(fields),
        **extra,
    )
