"""A small review workspace built from database fixtures: a few contributions about Musik, merged from an engine
result written by hand (the shape of samrad.synthesis SCHEMA.md), and one user per role."""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.utils import timezone, translation

from samrad.accounts.models import ConsultationRole
from samrad.consultations.models import Consultation
from samrad.intake.models import Contribution
from samrad.participation.models import Participant, Registration
from samrad.review import ingest
from samrad.review.models import Quote, Statement, Theme

EVENT = "kulturdialog-2022-06-01"

CHALLENGES = {
    "lokaler": [
        "Det saknas replokaler för unga band i hela länet.",
        "Lokalerna för mindre konserter är för dyra att hyra.",
        "Vi behöver en scen för 150 personer med bra ljud.",
    ],
    "ekonomi": [
        "Det går inte att leva på musiken, gagen har inte höjts sedan 2010.",
        "Frilansande musiker saknar trygghetssystem och fasta inkomster.",
        "Bidragen till föreningarna får inte dras ner, fleråriga satsningar behövs.",
    ],
    "rest": [
        "Samverkan över länsgränsen mot Värmland och Östergötland är viktig för oss.",
        "Hösten och vintern är helt döda, det finns inget att gå på efter sommaren.",
    ],
}
ATTRACTIVE = [
    "Sommarkonserterna vid Vättern lockar turister som sedan stannar kvar för kulturen i hela länet.",
    "Ring Anna Svensson på 070-123 45 67 om konserterna i Nora, de lockar besökare från hela landet varje år.",
    "Musiklivet gör att folk flyttar hit.",
]


@dataclass
class Workspace:
    consultation: Consultation
    area: object
    challenges: object
    attractive: object
    contributions: dict[str, list[Contribution]] = field(default_factory=dict)
    run: object = None

    def theme(self, label: str) -> Theme:
        return Theme.objects.get(area=self.area, label=label)

    def statement(self, text_start: str) -> Statement:
        return Statement.objects.get(area=self.area, text__startswith=text_start)

    def quote(self, text_start: str) -> Quote:
        return Quote.objects.get(area=self.area, original__startswith=text_start)

    def url(self, question=None) -> str:
        question = question or self.challenges
        return f"/{self.consultation.slug}/granskning/omrade/{self.area.slug}/{question.slug}/"


def contribute(consultation, area, question, text: str, respondent: str) -> Contribution:
    return Contribution.objects.create(
        consultation=consultation,
        area=area,
        question=question,
        source=Contribution.Source.SURVEY,
        raw_text=text,
        respondent=respondent,
        received_at=timezone.now(),
        provenance={"file": "survey.csv", "row": 2},
    )


def statement_of(c: Contribution) -> dict:
    return {"id": f"{c.pk}:1", "record_id": str(c.pk), "span": [0, len(c.raw_text)], "text": c.raw_text, "lang": "sv"}


def machine_theme(label: str, members: list[Contribution], points: list[Contribution]) -> dict:
    return {
        "label": label,
        "keywords": [label],
        "headline": {"statement_id": f"{members[0].pk}:1", "text": members[0].raw_text},
        "points": [{"statement_id": f"{p.pk}:1", "text": p.raw_text} for p in points],
        "statement_ids": [f"{c.pk}:1" for c in members],
        "support": {"statements": len(members), "records": len(members), "authors": len(members)},
    }


def quote_of(c: Contribution, text: str | None = None, redactions=()) -> dict:
    return {
        "statement_id": f"{c.pk}:1",
        "original": c.raw_text,
        "text": text or c.raw_text,
        "redactions": list(redactions),
        "shortened": False,
        "score": 0.5,
    }


def result_for(w: Workspace) -> dict:
    """An engine result for the workspace's contributions, as samrad.synthesis would write it."""
    lokaler, ekonomi, rest = (w.contributions[k] for k in ("lokaler", "ekonomi", "rest"))
    attractive = w.contributions["attractive"]
    named = attractive[1].raw_text
    start = named.index("Anna")
    redacted = named.replace("Anna Svensson", "[namn]").replace("070-123 45 67", "[telefon]")
    phone = named.index("070")
    everything = lokaler + ekonomi + rest + attractive
    return {
        "params": {"lang": "sv"},
        "backend": "tfidf",
        "counts": {"records": len(everything), "statements": len(everything), "sections": 2, "themes": 3},
        "warnings": [{"code": "short", "message": "1 påstående är bara ett ord långt."}],
        "statements": [statement_of(c) for c in everything],
        "duplicates": [],
        "sections": [
            {
                "area": w.area.slug,
                "question": w.challenges.slug,
                "themes": [
                    machine_theme("lokaler", lokaler, lokaler[1:]),
                    machine_theme("ekonomi", ekonomi, ekonomi[1:2]),
                ],
                "rest": {
                    "statement_ids": [f"{c.pk}:1" for c in rest],
                    "points": [rest_point(c) for c in rest],
                },
                "quotes": [quote_of(ekonomi[0])],
            },
            {
                "area": w.area.slug,
                "question": w.attractive.slug,
                "themes": [machine_theme("turism", attractive[:2], attractive[:1])],
                "rest": {"statement_ids": [f"{attractive[2].pk}:1"]},
                "quotes": [
                    quote_of(attractive[0]),
                    quote_of(
                        attractive[1],
                        redacted,
                        [
                            {"kind": "namn", "start": start, "end": start + len("Anna Svensson")},
                            {"kind": "telefon", "start": phone, "end": phone + len("070-123 45 67")},
                        ],
                    ),
                ],
            },
        ],
    }


def rest_point(c) -> dict:
    """A phrase for the "Övrigt:" line, as the engine proposes it (here the whole short statement)."""
    return {"statement_id": f"{c.pk}:1", "span": [0, len(c.raw_text)], "text": c.raw_text}


def enough_people(consultation, area, n=5):
    event = consultation.events.get(slug=EVENT)
    for i in range(n):
        p = Participant.objects.create(consultation=consultation, name=f"{area.slug}-{i}")
        Registration.objects.create(event=event, participant=p, area=area)


@pytest.fixture(autouse=True)
def _swedish_afterwards():
    """An English request (/en/…) or `samrad --lang en` leaves English active in this thread; tests after
    these expect the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def workspace(example_plan) -> Workspace:
    return build_workspace(example_plan)


def build_workspace(c: Consultation) -> Workspace:
    w = Workspace(
        consultation=c,
        area=c.areas.get(slug="musik"),
        challenges=c.questions.get(slug="utmaningar"),
        attractive=c.questions.get(slug="attraktivitet"),
    )
    enough_people(c, w.area)
    n = 0
    for key, texts in CHALLENGES.items():
        w.contributions[key] = []
        for text in texts:
            n += 1
            w.contributions[key].append(contribute(c, w.area, w.challenges, text, f"r{n}"))
    w.contributions["attractive"] = [
        contribute(c, w.area, w.attractive, text, f"a{i}") for i, text in enumerate(ATTRACTIVE)
    ]
    w.run = ingest.merge(c, result_for(w))
    return w


@pytest.fixture
def users(example_plan, django_user_model):
    return make_users(example_plan, django_user_model)


def make_users(example_plan, django_user_model) -> dict:
    """One user per role for the example consultation; a logged-in user without a role; an analyst of another
    consultation; a superuser. Participants have no login (a personal link only): the anonymous client."""
    made = {}
    for role in ["administrator", "analyst", "facilitator"]:
        user = django_user_model.objects.create_user(username=role)  # no password: no slow hashing
        ConsultationRole.objects.create(user=user, consultation=example_plan, role=role)
        made[role] = user
    made["no_role"] = django_user_model.objects.create_user(username="no-role", is_staff=True)
    other = Consultation.objects.create(
        slug="annat", name="Annat samråd", organiser="X", plan_period_start=2024, plan_period_end=2027
    )
    made["other_analyst"] = django_user_model.objects.create_user(username="other-analyst")
    ConsultationRole.objects.create(user=made["other_analyst"], consultation=other, role="analyst")
    made["superuser"] = django_user_model.objects.create_superuser(username="root", password=None)
    return made


@pytest.fixture
def analyst_client(client, users):
    client.force_login(users["analyst"])
    return client
