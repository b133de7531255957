"""Where a form may send the browser back to: a path on this site, never another site (no open redirect)."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_path(request, target: str, default: str) -> str:
    """`target` when it is a path on this host (e.g. a form's `next` or `page` field), else `default`."""
    on_this_site = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if target and target.startswith("/") and on_this_site else default
