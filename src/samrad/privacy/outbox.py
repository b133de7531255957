"""E-mails written to files (the file-based backend, samrad's default outside production: var/mail/): each
one names its recipient. On erasure every message naming the person goes; a purge empties the folder's
messages about the consultation's people the same way (they are anonymised one by one)."""

import email
import email.policy
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samrad.core.personaldata import Provider, Subject, register


def folder() -> Path | None:
    if settings.EMAIL_BACKEND != "django.core.mail.backends.filebased.EmailBackend":
        return None
    path = Path(settings.EMAIL_FILE_PATH)
    return path if path.is_dir() else None


def _text(path: Path) -> str:
    """The file as written, and each part decoded (a body may be quoted-printable or base64)."""
    data = path.read_bytes()
    texts = [data.decode("utf-8", "replace")]
    # One file may hold several messages, each ending in a line of dashes.
    for chunk in data.split(b"\n" + b"-" * 79 + b"\n"):
        message = email.message_from_bytes(chunk, policy=email.policy.default)
        for part in message.walk():
            payload = part.get_payload(decode=True)
            if payload:
                texts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
        texts += [str(v) for v in message.values()]
    return "\n".join(texts)


def erase_messages(subject: Subject) -> int:
    root = folder()
    if root is None or not subject.identifiers:
        return 0
    emails = {i.strip().lower() for i in subject.identifiers if "@" in i}
    removed = 0
    for path in sorted(root.iterdir()):
        if not path.is_file():
            continue
        text = _text(path)
        if subject.scrub(text) != text or any(e in text.lower() for e in emails):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def register_provider() -> None:
    register(
        Provider(
            key="privacy.outbox",
            label=_("E-mails kept as files"),
            fields=(_("e-mails sent to you, where the site keeps a copy of each in a folder"),),
            erase=erase_messages,
        )
    )
