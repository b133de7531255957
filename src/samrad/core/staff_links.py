"""The links on the staff landing page (/personal/), per consultation. Each app registers its tools:

    from samrad.core.staff_links import register
    register("notes", _("Group notes"), "intake:notes", "samrad.write_group_notes", order=30)

`url` is a URL name reversed with the consultation's slug (consultation=…), or a function consultation -> URL.
A link is shown to a user who has `permission` on the consultation. Call register() in AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class StaffLink:
    key: str
    label: str
    url: str | Callable
    permission: str
    order: int = 100

    def url_for(self, consultation) -> str:
        if callable(self.url):
            return self.url(consultation)
        return reverse(self.url, kwargs={"consultation": consultation.slug})


LINKS: dict[str, StaffLink] = {}


def register(key: str, label, url, permission: str, order: int = 100) -> None:
    LINKS[key] = StaffLink(key, label, url, permission, order)


def links_for(user, consultation) -> list[tuple[str, str]]:
    """(label, url) of the tools this user may use for this consultation, in order."""
    links = sorted(LINKS.values(), key=lambda link: (link.order, link.key))
    return [
        (str(link.label), link.url_for(consultation)) for link in links if user.has_perm(link.permission, consultation)
    ]
