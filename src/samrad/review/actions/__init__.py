"""Everything an analyst can do in the workspace, as plain functions (used by the views, the demo and tests).

Each one checks what it is asked, changes the workspace in one transaction and records the change with
`samrad.audit.log.record` (who, when, before, after). Permissions are checked by the callers (views).
"""

from . import areas, consultation, points, quotes, themes
from .common import ActionError, Actor, Section

__all__ = ["ActionError", "Actor", "Section", "areas", "consultation", "points", "quotes", "themes"]
