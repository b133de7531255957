"""What the public sees: one owner for publication.

- thresholds: which areas may be published at all (`thresholds.py`);
- snapshots: the last published version of each area, copied from the analysts' draft (`models.py`, `api.py`);
- the published summary every format is made from (`summary.py`) and the exports (`exports/`);
- participation counts with primary and complementary suppression (`counts.py`).

Review writes through `publish_area` / `withdraw_area`; results and follow-up only render what this module returns.
This package never imports samrad.review: the draft is read through the source review registers (`drafts.py`).
The API is imported lazily so that `import samrad.publication` does not need the app registry.
"""

__all__ = ["PublicationError", "pending_changes", "publish_area", "withdraw_area"]


def __getattr__(name):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
