"""How high must a language model's phrase score on word support to count as resting on its statements?

`samrad.synthesis.llm.SUPPORT` is the share of a phrase's content words (lemmas, compound parts) that must
occur in the statements it cites. This measures, on the example consultation (no Django, no model):
- positives: each "Exempelvis:" item the engine chose, against the statement it was cut from (a supported
  phrase by construction, but after tidying and shorthand expansion);
- negatives: the same items against the statements of *another* theme of the same area × question (a phrase
  citing the wrong statements: the failure the check must catch).

    .venv/bin/python bench/llm_support.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samrad.synthesis import Params, synthesise
from samrad.synthesis.llm import SUPPORT, support
from samrad.synthesis.normalise import Normaliser
from tests.synthesis.example import example_records


def main() -> None:
    result = synthesise(example_records(), Params(lang="sv", backend="tfidf"))
    by_id = {s.id: s for s in result.statements}
    normaliser = Normaliser()
    normaliser.fit_transform([s.text for s in result.statements], [s.lang for s in result.statements])
    pos, neg = [], []
    for section in result.sections:
        for i, theme in enumerate(section.themes):
            others = [t for j, t in enumerate(section.themes) if j != i]
            for p in theme.points:
                pos.append(support(p.text, [by_id[p.statement_id]], normaliser, "sv"))
                for other in others[:2]:
                    cited = [by_id[x] for x in other.statement_ids[:3]]
                    neg.append(support(p.text, cited, normaliser, "sv"))
    for name, xs in (("own statement", pos), ("another theme's statements", neg)):
        xs = sorted(xs)
        passing = sum(x >= SUPPORT for x in xs) / len(xs)
        print(
            f"{name:28} n={len(xs):4}  min={xs[0]:.2f}  p10={xs[len(xs) // 10]:.2f}  "
            f"median={statistics.median(xs):.2f}  p90={xs[9 * len(xs) // 10]:.2f}  max={xs[-1]:.2f}  "
            f"≥{SUPPORT}: {passing:.0%}"
        )


if __name__ == "__main__":
    main()
