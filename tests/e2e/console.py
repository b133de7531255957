"""Catch what a page reports to the browser's console: errors, uncaught exceptions and Content-Security-Policy
violations (the policy refuses inline style and script, and says so only there).

    problems = watch(page)        # before page.goto(...)
    page.goto(path)
    assert_clean(page, problems)
"""

import json

# Listens before any page script runs; injected by Playwright through DevTools, so the site's CSP does not block it.
_LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile || ''}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${where}`);
});
"""


def watch(page) -> list[str]:
    """Start collecting the page's console errors and uncaught exceptions; returns the (growing) list."""
    problems: list[str] = []
    page.add_init_script(_LISTEN)
    page.on("console", lambda m: problems.append(f"console error: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    page.on("response", lambda r: _failed(problems, r))
    return problems


def _failed(problems: list[str], response) -> None:
    """Name the stylesheet, image or script that did not load (the console says only "404")."""
    if response.status >= 400 and response.request.resource_type != "document":
        problems.append(f"{response.status} for {response.request.resource_type} {response.url}")


def assert_clean(page, problems: list[str]) -> None:
    violations = page.evaluate("window.__cspViolations || []")
    found = problems + [f"CSP: {v}" for v in violations]
    assert not found, f"{page.url}: the browser reported {len(found)} problems:\n" + json.dumps(
        found[:20], indent=2, ensure_ascii=False
    )
