"""The one permission guard of the staff pages.

    @guard("samrad.review")                                   # GET; the rule asked about the URL's consultation
    def overview(request, consultation): ...                  # the view gets the Consultation, not the slug

    @guard("samrad.manage_groups", methods=("POST",), after_login="participation:registrations")

The consultation comes from the URL keyword `consultation` (its slug), the same in every route. A view whose
rule is about something smaller than the consultation names a loader: `on=lambda consultation, pk: …` gets
the consultation and the URL's other keywords and returns the object the rule is asked about (or raises 404).
A URL without a consultation asks the rule about no object, which only a superuser's rules grant;
`rule=None` lets in any logged-in account.

The answers, in this order, for GET and POST alike:
- 404 when the consultation (or the loader's object) is not there: it is not a secret, the public pages name it;
- 405 for a method the view does not take;
- anonymous: a redirect to log in, coming back to this page (after a POST to a page without GET: to
  `after_login`, else the staff landing page), so nothing is changed;
- an account without the rule (or deactivated): a 403 page, so nothing is changed;
- otherwise the view's answer, marked never to be stored (`Cache-Control: private, no-store`): staff pages show
  personal data and unpublished text.

`tests/core/test_guard.py` checks that every URL not listed there as public is guarded.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render, resolve_url
from django.urls import reverse
from django.utils.cache import patch_cache_control

FORBIDDEN_TEMPLATE = "core/forbidden.html"


@dataclass(frozen=True)
class Guard:
    """What a guarded view asks; kept on the view as `view.guard` for tests and readers."""

    rule: str | None
    methods: tuple[str, ...]
    on: Callable | None = None
    after_login: str | None = None

    def consultation(self, slug: str | None):
        if slug is None:
            return None
        from samrad.consultations.models import Consultation

        return get_object_or_404(Consultation, slug=slug)

    def refusal(self, request, consultation, kwargs: dict):
        """The answer for a request that may not pass, or None when it may."""
        target = self.on(consultation, **kwargs) if self.on is not None else consultation
        if request.method not in self.methods:
            return HttpResponseNotAllowed(self.methods)
        if not request.user.is_authenticated:
            return redirect_to_login(self._come_back_to(request, consultation))
        if self.rule is not None and not request.user.has_perm(self.rule, target):
            return render(request, FORBIDDEN_TEMPLATE, {"consultation": consultation}, status=403)
        return None

    def _come_back_to(self, request, consultation) -> str:
        if request.method == "GET" or "GET" in self.methods:
            return request.get_full_path()
        if self.after_login and consultation is not None:
            return reverse(self.after_login, kwargs={"consultation": consultation.slug})
        return resolve_url(settings.LOGIN_REDIRECT_URL)


def guard(
    rule: str | None,
    *,
    methods: tuple[str, ...] = ("GET",),
    on: Callable | None = None,
    after_login: str | None = None,
):
    """View decorator: see the module's docstring."""
    check = Guard(rule, tuple(methods), on, after_login)

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            slug = kwargs.pop("consultation", None)
            consultation = check.consultation(slug)
            if refused := check.refusal(request, consultation, kwargs):
                return refused
            if slug is not None:
                kwargs["consultation"] = consultation
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response

        guarded.guard = check  # type: ignore[attr-defined]
        return guarded

    return decorate
