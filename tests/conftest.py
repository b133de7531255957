"""Shared fixtures. Tests run against a real database: SQLite by default, PostgreSQL when
SAMRAD_DATABASE_URL says so (CI runs both)."""

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests are deterministic by default so that a run is reproducible and CI cannot fail by chance;
# `HYPOTHESIS_PROFILE=explore make test` searches with fresh random examples (and found real bugs).
hypothesis_settings.register_profile("deterministic", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DIR = ROOT / "examples" / "orebro-2022"


@pytest.fixture(scope="session")
def _embedding_cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("embeddings")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, _embedding_cache_dir):
    """Uploaded files and logos go to a temporary folder, never into the checkout's var/. The embedding cache
    is shared by the session's tests (the example is embedded once), never the checkout's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SAMRAD_EMBEDDING_CACHE_DIR = _embedding_cache_dir
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A separate process cannot see the test database; tests/review/test_background.py covers that path.
    settings.SAMRAD_ANALYSIS_IN_BACKGROUND = False


@pytest.fixture(autouse=True)
def _rate_limit_clock_held_still(monkeypatch):
    """Rate limits count in fixed windows: a test that ran across the end of one would see its count start
    afresh. The limits' clock stands still, 100 seconds into a window of 10 or 15 minutes."""
    from samrad.core import ratelimit

    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_100.0)


@pytest.fixture
def example_plan(db):
    """The example consultation's plan (no participants or answers)."""
    from samrad.consultations.loader import load_file

    consultation, _report = load_file(EXAMPLE_DIR / "consultation.toml")
    return consultation


@pytest.fixture
def example(example_plan):
    """The example consultation with its invented participants and answers, as `samrad demo` loads them."""
    from samrad import demo
    from samrad.commands.demo import run_stages

    run_stages(example_plan, EXAMPLE_DIR, demo.STAGES)
    return example_plan
