"""Work `samrad purge` does beyond the privacy registry's retention periods, registered by the app that owns the
data (so privacy need not import it): each hook removes, or with dry_run only counts, what no longer has a
reason to exist, and returns how many items that is."""

from collections.abc import Callable

Hook = Callable[..., int]
HOOKS: list[Hook] = []


def register(hook: Hook) -> None:
    if hook not in HOOKS:
        HOOKS.append(hook)


def run(*, dry_run: bool = False) -> int:
    return sum(hook(dry_run=dry_run) for hook in HOOKS)
