"""The stages `samrad demo` runs on the example consultation, in order.

Each stage is "module:function" taking (consultation, example_dir) and returning a short summary line.
Every stage must be idempotent: running the demo twice gives the same result.
"""

from pathlib import Path

EXAMPLE_SLUG = "orebro-2022"
EXAMPLE_EVENT = "kulturdialog-2022-06-01"

STAGES: list[tuple[str, str]] = [
    ("participants", "samrad.participation.example:load_participants"),
    ("groups", "samrad.participation.example:form_example_groups"),
    ("contributions", "samrad.intake.example:load_contributions"),
    ("follow-up", "samrad.followup.example:load_places"),
    ("analysis", "samrad.review.example:run_analysis"),
    ("review", "samrad.review.example:play_analyst"),
]


def example_dir() -> Path:
    """examples/orebro-2022 in the working directory, else beside the source checkout."""
    candidates = [
        Path.cwd() / "examples" / EXAMPLE_SLUG,
        Path(__file__).resolve().parents[2] / "examples" / EXAMPLE_SLUG,
    ]
    for candidate in candidates:
        if (candidate / "consultation.toml").is_file():
            return candidate
    raise FileNotFoundError(candidates[0] / "consultation.toml")
