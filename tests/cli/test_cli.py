"""The `samrad` command, run in-process against the test database."""

import pytest
from django.utils import translation

from samrad.cli import main
from samrad.consultations.models import Consultation
from tests.conftest import EXAMPLE_DIR


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    translation.activate("sv")


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's --help
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_help_in_swedish_and_english(capsys):
    code, out, _ = run(capsys, "--lang", "sv", "--help")
    assert code == 0
    assert "skapa eller uppdatera ett samråd" in out
    code, out, _ = run(capsys, "--lang", "en", "--help")
    assert "create or update a consultation" in out


@pytest.mark.django_db
def test_init_twice_is_idempotent(capsys):
    code, out, err = run(capsys, "init", str(EXAMPLE_DIR / "consultation.toml"), "--lang", "en")
    assert code == 0, err
    assert out.startswith("Created:")
    code, out, err = run(capsys, "init", str(EXAMPLE_DIR / "consultation.toml"), "--lang", "en")
    assert code == 0 and out.startswith("Updated:")
    assert Consultation.objects.count() == 1


@pytest.mark.django_db
def test_broken_file_exit_code_2_and_message(capsys, tmp_path):
    bad = tmp_path / "plan.toml"
    bad.write_text("[consultation]\nslug = 'x'\n", encoding="utf-8")
    code, _out, err = run(capsys, "--lang", "sv", "init", str(bad))
    assert code == 2
    assert f"Kunde inte läsa in {bad}" in err
    assert f"{bad}:1: consultation.name: saknas" in err
    assert "Traceback" not in err
    assert Consultation.objects.count() == 0


@pytest.mark.django_db
def test_django_commands_pass_through(capsys):
    code, out, _err = run(capsys, "showmigrations", "consultations")
    assert code == 0
    assert "0001_initial" in out


def test_argparse_words_are_swedish_too(capsys):
    code, out, _ = run(capsys, "--lang", "sv", "--help")
    assert out.startswith("användning: samrad")
    assert "visa den här hjälpen och avsluta" in out
    code, out, err = run(capsys, "--lang", "sv", "init")
    assert code == 2 and "följande argument saknas" in err


def test_themes_and_eval_without_a_database(capsys, tmp_path):
    """`samrad themes` and `samrad eval` pass their arguments to the engine; the command's own --lang is
    the language of the texts, not of the messages."""
    data = tmp_path / "svar.csv"
    rows = ["id,text,omrade"]
    rows += [f'{i},"Biblioteken behöver mer pengar till böcker, nummer {i}.",bibliotek' for i in range(8)]
    rows += [f'{i + 8},"Dansen saknar scener och lokaler i länet, nummer {i}.",dans' for i in range(8)]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out_file = tmp_path / "teman.json"
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "themes",
        str(data),
        "--id",
        "id",
        "--text",
        "text",
        "--area",
        "omrade",
        "--lang",
        "sv",
        "--backend",
        "tfidf",
        "--out",
        str(out_file),
    )
    assert code == 0, err
    assert out_file.exists()
    code, out, err = run(
        capsys, "eval", str(out_file), "--gold", str(data), "--gold-label", "omrade", "--gold-id", "id"
    )
    assert code == 0, err
    assert "NMI" in out
    code, out, err = run(capsys, "--lang", "en", "themes", str(data), "--text", "nope")
    assert code == 2 and 'Column "nope"' in err
