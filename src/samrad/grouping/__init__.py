"""The grouping engine: people with attributes in, groups out. Pure Python, no Django.

plan = plan_event(people, [RoundSpec(1, "same_area"), RoundSpec(2, "mixed"),
                           RoundSpec(3, "keep_previous", keep_round=2)],
                  seed=1, time_limit=5, area_neighbours={"Litteratur": "Bibliotek"})
"""

from .errors import GroupingError, Issue
from .model import (
    EventPlan,
    Group,
    Move,
    Notice,
    Person,
    Report,
    RoundResult,
    RoundSpec,
    TierScore,
    Unmet,
)
from .plan import plan_event, plan_round
from .report import notice_text, report_lines, unmet_text

__all__ = [
    "EventPlan",
    "Group",
    "GroupingError",
    "Issue",
    "Move",
    "Notice",
    "Person",
    "Report",
    "RoundResult",
    "RoundSpec",
    "TierScore",
    "Unmet",
    "notice_text",
    "plan_event",
    "plan_round",
    "report_lines",
    "unmet_text",
]
