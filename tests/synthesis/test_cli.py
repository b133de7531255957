import json
import subprocess
import sys
from pathlib import Path

import pytest

from samrad.synthesis.cli import eval_main, themes_main
from samrad.synthesis.validate import validate

from .corpus import THEMES


def rows():
    n = 0
    for theme, texts in THEMES.items():
        for t in texts:
            n += 1
            yield {"id": f"r{n}", "svar": t, "område": "Kultur", "tema": theme}


def write_csv(path: Path, encoding: str = "utf-8", delim: str = ";", bom: bool = False) -> Path:
    lines = [delim.join(["id", "svar", "område", "tema"])]
    for r in rows():
        lines.append(delim.join([r["id"], '"' + r["svar"].replace('"', '""') + '"', r["område"], r["tema"]]))
    data = "\r\n".join(lines).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


@pytest.mark.parametrize("encoding,delim,bom", [("utf-8", ";", True), ("cp1252", ";", False), ("utf-8", ",", False)])
def test_themes_csv_encodings(tmp_path, capsys, encoding, delim, bom):
    src = write_csv(tmp_path / "svar.csv", encoding, delim, bom)
    out = tmp_path / "out.json"
    code = themes_main(
        [
            str(src),
            "--text",
            "svar",
            "--id",
            "id",
            "--area",
            "område",
            "--lang",
            "sv",
            "--out",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert validate(doc) == []
    assert doc["counts"]["records"] == 40
    assert doc["sections"][0]["area"] == "Kultur"
    texts = {s["text"] for s in doc["statements"]}
    assert "Läsfrämjande insatser för barn på biblioteken i hela länet är viktigt." in texts
    assert "Skrev" in capsys.readouterr().err


def test_themes_xlsx_and_jsonl(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "svar"])
    for r in rows():
        ws.append([r["id"], r["svar"]])
    wb.save(tmp_path / "svar.xlsx")
    (tmp_path / "svar.jsonl").write_text(
        "\n".join(json.dumps({"id": r["id"], "svar": r["svar"]}, ensure_ascii=False) for r in rows()),
        encoding="utf-8",
    )
    for name in ("svar.xlsx", "svar.jsonl"):
        out = tmp_path / f"{name}.json"
        assert themes_main([str(tmp_path / name), "--text", "svar", "--id", "id", "--out", str(out), "--quiet"]) == 0
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert doc["counts"]["records"] == 40 and doc["counts"]["themes"] >= 2


def test_missing_column_message_and_exit_code(tmp_path, capsys):
    src = write_csv(tmp_path / "svar.csv")
    assert themes_main([str(src), "--text", "answer", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert '"answer"' in err and "'svar'" in err and "--text" in err and "Traceback" not in err
    assert themes_main([str(src), "--text", "answer", "--quiet"], lang="en") == 2
    assert "Available columns" in capsys.readouterr().err


def test_missing_file_bad_format_and_unreadable(tmp_path, capsys):
    assert themes_main([str(tmp_path / "nope.csv"), "--text", "svar", "--quiet"]) == 2
    assert "finns inte" in capsys.readouterr().err
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    assert themes_main([str(tmp_path / "x.pdf"), "--text", "svar", "--quiet"]) == 2
    assert "Okänt filformat" in capsys.readouterr().err
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip file")
    assert themes_main([str(tmp_path / "bad.xlsx"), "--text", "svar", "--quiet"]) == 2
    assert "gick inte att läsa" in capsys.readouterr().err
    (tmp_path / "bad.jsonl").write_text('{"svar": "ok"}\n{broken\n', encoding="utf-8")
    assert themes_main([str(tmp_path / "bad.jsonl"), "--text", "svar", "--quiet"]) == 2
    assert "line 2" in capsys.readouterr().err
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert themes_main([str(tmp_path / "empty.csv"), "--text", "svar", "--quiet"]) == 2
    assert "inga rader" in capsys.readouterr().err


def test_bad_options(tmp_path, capsys):
    src = write_csv(tmp_path / "svar.csv")
    assert themes_main([str(src)]) == 2  # --text missing
    assert "--text" in capsys.readouterr().err
    assert themes_main([str(src), "--text", "svar", "--lang", "xx"]) == 2
    assert themes_main([str(src), "--text", "svar", "--backend", "st:/no/such/model", "--quiet"]) == 2
    assert "st:/no/such/model" in capsys.readouterr().err
    assert themes_main([str(src), "--text", "svar", "--backend", "magic", "--quiet"]) == 2


def test_unwritable_output(tmp_path, capsys):
    src = write_csv(tmp_path / "svar.csv")
    code = themes_main([str(src), "--text", "svar", "--out", str(tmp_path / "no" / "dir" / "o.json"), "--quiet"])
    assert code == 2
    assert "Kunde inte skriva" in capsys.readouterr().err


def test_summary_file(tmp_path):
    src = write_csv(tmp_path / "svar.csv")
    out, summary = tmp_path / "o.json", tmp_path / "s.txt"
    args = [str(src), "--text", "svar", "--backend", "tfidf", "--out", str(out), "--summary", str(summary)]
    assert themes_main([*args, "--quiet"]) == 0
    text = summary.read_text(encoding="utf-8")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "Exempelvis:" in text and "Utvalda exempel" in text
    assert doc["sections"][0]["themes"][0]["headline"]["text"][:40] in text


def test_stdout_when_no_out(tmp_path, capsys):
    src = write_csv(tmp_path / "svar.csv")
    assert themes_main([str(src), "--text", "svar", "--quiet"]) == 0
    assert json.loads(capsys.readouterr().out)["schema_version"] == 2


def test_eval(tmp_path, capsys):
    src = write_csv(tmp_path / "svar.csv")
    out = tmp_path / "out.json"
    assert themes_main([str(src), "--text", "svar", "--id", "id", "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    assert eval_main([str(out), "--gold", str(src), "--gold-label", "tema", "--gold-id", "id", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["n"] == 40 and 0.3 < scores["nmi"] <= 1.0 and 0.0 <= scores["rest_share"] <= 0.25
    # Without --gold-id both sides use row numbers.
    out2 = tmp_path / "out2.json"
    assert themes_main([str(src), "--text", "svar", "--out", str(out2), "--quiet"]) == 0
    assert eval_main([str(out2), "--gold", str(src), "--gold-label", "tema"]) == 0
    text = capsys.readouterr().out
    assert "NMI" in text and "ARI" in text and "rest" in text


def test_eval_errors(tmp_path, capsys):
    src = write_csv(tmp_path / "svar.csv")
    (tmp_path / "p.json").write_text('{"hello": 1}', encoding="utf-8")
    assert eval_main([str(tmp_path / "p.json"), "--gold", str(src), "--gold-label", "tema"]) == 2
    assert "inte en resultatfil" in capsys.readouterr().err
    out = tmp_path / "out.json"
    themes_main([str(src), "--text", "svar", "--id", "id", "--out", str(out), "--quiet"])
    assert eval_main([str(out), "--gold", str(src), "--gold-label", "nope"]) == 2
    assert '"nope"' in capsys.readouterr().err
    assert eval_main([str(out), "--gold", str(src), "--gold-label", "tema"]) == 2  # ids row2… ≠ r1…
    assert "--gold-id" in capsys.readouterr().err


def test_python_dash_m(tmp_path):
    src = write_csv(tmp_path / "svar.csv")
    out = tmp_path / "o.json"
    p = subprocess.run(
        [sys.executable, "-m", "samrad.synthesis", "themes", str(src), "--text", "svar", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 2
    p = subprocess.run(
        [sys.executable, "-m", "samrad.synthesis", "themes", str(src), "--text", "x"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 2 and "Traceback" not in p.stderr
