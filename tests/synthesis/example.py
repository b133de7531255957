"""The example consultation's answers (examples/orebro-2022, invented) as engine records, without Django:
facilitators' notes one record per group × question, survey answers one record per area named."""

import csv
from pathlib import Path

from samrad.synthesis import Record

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "orebro-2022"
QUESTIONS = ("utmaningar", "attraktivitet", "hallbarhet")


def example_records() -> list[Record]:
    records = []
    with (EXAMPLE / "notes.csv").open(encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            records.append(Record(f"n{i}", row["text"], row["area"], row["question"], f"group:{row['group']}"))
    with (EXAMPLE / "survey.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for area in row["areas"].split(";"):
                for q in QUESTIONS:
                    if row[q].strip():
                        records.append(Record(f"{row['ref']}-{area}-{q}", row[q], area, q, row["ref"]))
    return records
