"""The plan as an import sees it: questions, culture areas, role categories, municipalities and events, with
forgiving lookups by slug or name (regardless of case, spacing and accents) and the closest value as a
suggestion when a value is not known."""

import difflib
import re

from django.utils.text import slugify

from samrad.consultations.models import Consultation, Question


class ImportPlan:
    """The plan's values an import can refer to, with forgiving lookups by slug or name."""

    def __init__(self, consultation: Consultation):
        self.consultation = consultation
        self.questions = {q.slug: q for q in consultation.questions.all()}
        self.events = {e.slug: e for e in consultation.events.all()}
        self.objects: dict[str, dict] = {
            "area": {a.slug: a for a in consultation.areas.all()},
            "role": {r.slug: r for r in consultation.role_categories.all()},
            "municipality": {m.slug: m for m in consultation.municipalities.all()},
            "question": self.questions,
        }
        self.index: dict[str, dict[str, str]] = {}
        for kind, objects in self.objects.items():
            index = {}
            for slug, obj in objects.items():
                for name in (slug, *names_of(obj)):
                    index[norm(name)] = slug
                    index[slugify(name)] = slug
            self.index[kind] = index

    def slugs(self, kind: str) -> dict:
        return self.objects[kind]

    def find(self, kind: str, value: str, explicit: dict[str, str]) -> tuple[bool, str]:
        """(known, slug). An explicit mapping of "" means: known, no value."""
        if value in explicit:
            return True, explicit[value]
        normalised = norm(value)
        for key, slug in explicit.items():
            if norm(key) == normalised:
                return True, slug
        slug = self.index[kind].get(normalised) or self.index[kind].get(slugify(value))
        return (True, slug) if slug else (False, "")

    def suggestion(self, kind: str, value: str) -> str:
        """The closest value of the plan: by spelling, else a plan name the value contains ("Karlskoga kommun")."""
        if kind == "question":
            return self.closest_question(value)
        names = {norm(obj.name): slug for slug, obj in self.objects[kind].items()}
        names.update({slug: slug for slug in self.objects[kind]})
        wanted = norm(value)
        words = set(re.split(r"\W+", wanted))
        contained = {slug for name, slug in names.items() if set(re.split(r"\W+", name)) <= words}
        if len(contained) == 1:
            return contained.pop()
        match = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.5)
        return names[match[0]] if match else ""

    def closest_question(self, value: str, *, strict: bool = False) -> str:
        """The question whose label or text is most alike, by spelling or by shared words (stems of 6 letters):
        a survey tool's wording of a question often differs a little from the plan's. Strict: only a close
        spelling or at least two shared words, as when guessing which column names questions."""
        wanted = norm(value)
        stems = _stems(wanted)
        scores: dict[str, float] = {}
        for slug, question in self.questions.items():
            texts = [norm(t) for t in (slug, *names_of(question))]
            spelling = max(difflib.SequenceMatcher(None, wanted, t).ratio() for t in texts)
            shared = stems & _stems(" ".join(texts))
            by_words = len(shared) / len(stems) if stems and (len(shared) >= 2 or not strict) else 0.0
            scores[slug] = max(spelling if spelling >= (0.8 if strict else 0.5) else 0.0, by_words)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < 0.5 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return ""
        return ranked[0][0]


def names_of(obj) -> tuple[str, ...]:
    """The names a value of the plan is known by: a question by its label and its text."""
    if isinstance(obj, Question):
        return (obj.label, " ".join(obj.text.split()))
    return (obj.name,)


def _stems(text: str) -> set[str]:
    return {word[:6] for word in re.split(r"\W+", text) if len(word) >= 4}


def norm(value: str) -> str:
    return " ".join(value.split()).casefold()
