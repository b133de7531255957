"""Fuzz: the example consultation file, mutated. Whatever the mutation, `samrad init` either loads the file or
exits 2 with a file:line message and the database exactly as it was; never exit 1 or a traceback."""

import re
import shutil

import pytest
from django.apps import apps
from django.core import serializers
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from samrad.cli import main
from tests.conftest import EXAMPLE_DIR

pytestmark = pytest.mark.django_db

LINES = (EXAMPLE_DIR / "consultation.toml").read_text(encoding="utf-8").splitlines()
KEY_LINES = [i for i, line in enumerate(LINES) if re.match(r"^[a-z_]+ = ", line)]
APPS = ("consultations", "participation", "intake", "followup", "privacy")

SAMPLES = st.sampled_from(
    [
        "12345678901234567890",
        "-12345678901234567890",
        "[" * 5000 + "]" * 5000,
        "[" * 20 + "]" * 20,
        "0",
        "-1",
        "1.5",
        "inf",
        "nan",
        "true",
        '""',
        '"   "',
        '"' + "x" * 400 + '"',
        '"../../../../etc/passwd"',
        '"/etc/passwd"',
        '"logo.svg"',
        "0001-01-01",
        "9999-12-31T23:59:59+14:00",
        "2022-06-01",
        "{ a = 1 }",
        '["x", 1]',
        "[[1]]",
        '"Not A Slug"',
        '"planning"',
        '"keep_previous"',
        '"same_area"',
    ]
)
VALUES = st.one_of(
    SAMPLES,
    SAMPLES,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)


@st.composite
def mutated(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(st.sampled_from(["value", "value", "value", "delete", "duplicate", "insert", "swap"]))
        if kind == "value":
            i = draw(st.sampled_from(KEY_LINES))
            key = lines[i].split(" = ", 1)[0] if " = " in lines[i] else "x"
            lines[i] = f"{key} = {draw(VALUES)}"
        elif kind == "delete":
            del lines[draw(st.integers(0, len(lines) - 1))]
        elif kind == "duplicate":
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
        elif kind == "insert":
            i = draw(st.integers(0, len(lines)))
            lines.insert(i, draw(st.one_of(st.text(max_size=20), VALUES.map(lambda v: f"extra = {v}"))))
        else:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


def dump() -> str:
    models = [m for label in APPS for m in apps.get_app_config(label).get_models()]
    return "\n".join(serializers.serialize("json", m.objects.order_by("pk")) for m in models)


@pytest.fixture
def folder(tmp_path, example_plan):
    """A folder for the mutated file, beside the example's logo; `baseline`: the dump every example starts from
    (each one is rolled back)."""
    shutil.copy(EXAMPLE_DIR / "logo.svg", tmp_path / "logo.svg")
    return {"path": tmp_path / "consultation.toml", "baseline": dump()}


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=mutated())
@example(text="\n".join(LINES).replace("min_participants = 5", "min_participants = 12345678901234567890"))
@example(text="\n".join(LINES).replace('rule = "mixed"', "rule = " + "[" * 5000 + "]" * 5000))
@example(text="\n".join(LINES).replace('logo = "logo.svg"', 'logo = "../../../../etc/passwd"'))
def test_a_mutated_consultation_file_loads_or_is_refused_cleanly(folder, capsys, text):
    path = folder["path"]
    path.write_text(text, encoding="utf-8")
    with transaction.atomic():  # each example starts from the loaded example, whatever the last one did
        try:
            code = main(["--lang", "en", "init", str(path), "--no-migrate"])
        except SystemExit as exc:  # pragma: no cover - argparse only
            code = exc.code
        err = capsys.readouterr().err
        assert code in (0, 2), err
        if code == 2:
            assert re.search(rf"^  {re.escape(str(path))}:\d+: ", err, re.MULTILINE), err
            assert err.startswith(f"Could not load {path}") and "Traceback" not in err, err
            assert dump() == folder["baseline"]
        transaction.set_rollback(True)
