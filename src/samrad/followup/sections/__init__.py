"""The follow-up's sections of the consultation file: [[collaborations]], [[goals]], [[sectors]], [followup].

Registered with the consultation-file loader when the app starts (apps.py). Order matters: later sections refer to
earlier ones, and the loader validates and applies them in the order they were registered.
"""

from samrad.consultations.loader import register_section

from .apply import apply_collaborations, apply_followup, apply_goals, apply_sectors
from .validate import validate_collaborations, validate_followup, validate_goals, validate_sectors


def register() -> None:
    register_section("collaborations", validate_collaborations, apply_collaborations)
    register_section("goals", validate_goals, apply_goals)
    register_section("sectors", validate_sectors, apply_sectors)
    register_section("followup", validate_followup, apply_followup)
