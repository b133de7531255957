"""One consultation with something behind every door, and the people who knock.

Markers are planted in everything that must stay behind a door: a draft area's summary, a withheld area's
summary, raw answers, another group's notes, a resident's name and e-mail, a feedback comment. The matrix then
asks every view as every role in every phase, and the leak scan reads every answer for the markers.
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from samrad.accounts.models import ConsultationRole
from samrad.consultations.models import Consultation
from samrad.followup.models import ActivityNote
from samrad.intake.models import Contribution
from samrad.participation.models import Group, GroupMembership, Participant, Registration
from samrad.results.models import Feedback
from samrad.review.models import AreaReview, Point, Quote, Statement, Theme
from tests.ops.people import fast_passwords, other_consultation, user

# Text that must stay behind a door, by door.
PUBLISHED = "Publiceradmarkör"  # the published area's theme: visible to everyone once published
DRAFT = "Utkastmarkör"  # a theme of an area still in draft
WITHHELD = "Undanhållenmarkör"  # a reviewed, published theme of an area with too few participants
RAW = "Råsvarsmarkör"  # a survey answer that no theme or quote uses
NOTE_A = "Anteckningamarkör"  # group A's notes (facilitator A's group)
NOTE_B = "Anteckningbmarkör"  # group B's notes (facilitator B's group)
PERSON = "Hemligperson Matrisdotter"  # a registrant's name
EMAIL = "hemlig.matris@example.net"  # and e-mail
FEEDBACK = "Återkopplingsmarkör"  # a comment left with the feedback widget
MARKERS = (PUBLISHED, DRAFT, WITHHELD, RAW, NOTE_A, NOTE_B, PERSON, EMAIL, FEEDBACK)

PHASES = ("before_registration", "dialogue", "survey_open", "survey_closed", "published")
ROLES = (
    "anonymous",
    "no_role",
    "facilitator_a",
    "facilitator_b",
    "analyst",
    "administrator",
    "superuser",
    "deactivated",
    "other_consultation",
)


@dataclass
class World:
    consultation: Consultation
    other: Consultation
    event: object
    round: object
    group_a: Group
    group_b: Group
    holder: Participant  # the resident whose personal links are used
    holder_registration: Registration
    secret_registration: Registration
    theme: Theme
    point: Point
    quote: Quote
    note: object
    role_pk: int  # facilitator B's role, for the revoke page
    activity_note_pk: int
    users: dict = field(default_factory=dict)


def _statement(c, area, question, text, source="survey", **extra):
    contribution = Contribution.objects.create(
        consultation=c, area=area, question=question, source=source, raw_text=text, received_at=timezone.now(), **extra
    )
    return Statement.objects.create(
        consultation=c, contribution=contribution, start=0, end=len(text), text=text, area=area, question=question
    )


def _summary(c, area, question, marker, quotes_question):
    s1 = _statement(c, area, question, f"Lokalerna räcker inte {marker}", respondent=f"r-{area.slug}")
    s2 = _statement(c, area, quotes_question, f"Här lockar {area.name.lower()} {marker}", respondent=f"r-{area.slug}")
    theme = Theme.objects.create(
        consultation=c, area=area, question=question, label="lokaler", headline=f"Lokaler saknas {marker}"
    )
    s1.theme = theme
    s1.save(update_fields=["theme"])
    point = Point.objects.create(
        consultation=c, area=area, question=question, theme=theme, text=f"Fler repetitionslokaler {marker}"
    )
    point.sources.add(s1)
    quote = Quote.objects.create(
        consultation=c,
        area=area,
        question=quotes_question,
        statement=s2,
        original=s2.text,
        text=s2.text,
        status=Quote.Status.APPROVED,
    )
    AreaReview.objects.create(consultation=c, area=area)
    return theme, point, quote


def _people(c, other) -> dict:
    def role(name, consultation, kind):
        u = user(name)
        ConsultationRole.objects.create(user=u, consultation=consultation, role=kind)
        return u

    users = {
        "no_role": user("utan-roll"),
        "facilitator_a": role("ledare-a", c, "facilitator"),
        "facilitator_b": role("ledare-b", c, "facilitator"),
        "analyst": role("analytiker", c, "analyst"),
        "administrator": role("administrator", c, "administrator"),
        "superuser": user("superanvandare", superuser=True),
        "deactivated": role("avslutad", c, "administrator"),
        "other_consultation": role("annan-admin", other, "administrator"),
    }
    users["deactivated"].is_active = False
    users["deactivated"].save(update_fields=["is_active"])
    return users


@pytest.fixture
def world(example_plan, settings) -> World:
    fast_passwords(settings)
    c = example_plan
    other = other_consultation()
    event = c.events.get(slug="kulturdialog-2022-06-01")
    round_ = event.rounds.get(number=2)
    musik, teater, litteratur = (c.areas.get(slug=s) for s in ("musik", "teater", "litteratur"))
    challenges, attractive = c.questions.get(slug="utmaningar"), c.questions.get(slug="attraktivitet")

    # Participants: five per area (litteratur three, so it is withheld), the link holder and the secret one.
    for area in c.areas.all():
        for i in range(3 if area == litteratur else 5):
            p = Participant.objects.create(consultation=c, name=f"Deltagare {area.slug} {i}")
            Registration.objects.create(event=event, participant=p, area=area)
    holder = Participant.objects.create(consultation=c, name="Tove Länkhållare", email="tove@example.net")
    holder_registration = Registration.objects.create(event=event, participant=holder, area=musik)
    secret = Participant.objects.create(consultation=c, name=PERSON, email=EMAIL, organisation="Matrisföreningen")
    secret_registration = Registration.objects.create(event=event, participant=secret, area=teater)

    users = _people(c, other)
    group_a = Group.objects.create(round=round_, number=1, facilitator=users["facilitator_a"])
    group_b = Group.objects.create(round=round_, number=2, facilitator=users["facilitator_b"])
    GroupMembership.objects.create(group=group_a, participant=holder)
    GroupMembership.objects.create(group=group_b, participant=secret)
    notes = [
        Contribution.objects.create(
            consultation=c,
            area=area,
            question=round_.question,
            source="group_note",
            group=group,
            raw_text=text,
            received_at=timezone.now(),
        )
        for group, area, text in [
            (group_a, musik, f"Gruppen vill ha fler scener {NOTE_A}"),
            (group_b, teater, f"Gruppen saknar turnéstöd {NOTE_B}"),
        ]
    ]
    Contribution.objects.create(
        consultation=c,
        area=teater,
        question=challenges,
        source="survey",
        raw_text=f"Ensamt svar {RAW}",
        received_at=timezone.now(),
    )

    theme, point, quote = _summary(c, musik, challenges, PUBLISHED, attractive)
    _summary(c, teater, challenges, DRAFT, attractive)
    _summary(c, litteratur, challenges, WITHHELD, attractive)
    Feedback.objects.create(consultation=c, page="resultat", helpful=False, comment=f"Svårläst {FEEDBACK}")

    return World(
        consultation=c,
        other=other,
        event=event,
        round=round_,
        group_a=group_a,
        group_b=group_b,
        holder=holder,
        holder_registration=holder_registration,
        secret_registration=secret_registration,
        theme=theme,
        point=point,
        quote=quote,
        note=notes[1],
        role_pk=ConsultationRole.objects.get(user=users["facilitator_b"]).pk,
        activity_note_pk=ActivityNote.objects.filter(activity__consultation=c).first().pk,
        users=users,
    )


def set_phase(world: World, phase: str) -> None:
    """Move the plan's dates and statuses so that `now` falls in the given phase."""
    now = timezone.now()
    day = dt.timedelta(days=1)
    c, event = world.consultation, world.event
    status = Consultation.Status
    dates = {
        # phase: (status, registration opens, registration closes, event starts, survey opens, survey closes)
        "before_registration": (status.PLANNING, now + 10 * day, now + 20 * day, now + 30 * day, 40, 60),
        "dialogue": (status.OPEN, now - 10 * day, now - day, now - dt.timedelta(hours=1), 5, 30),
        "survey_open": (status.OPEN, now - 30 * day, now - 20 * day, now - 15 * day, -1, 30),
        "survey_closed": (status.ANALYSING, now - 90 * day, now - 80 * day, now - 75 * day, -70, -10),
        "published": (status.PUBLISHED, now - 90 * day, now - 80 * day, now - 75 * day, -70, -10),
    }[phase]
    c.status, opens, closes, starts, survey_opens, survey_closes = dates
    c.save(update_fields=["status"])
    if phase == "dialogue":
        # Registration is still open for the walk-in the day of the dialogue.
        closes = now + dt.timedelta(hours=6)
    event.registration_opens_at, event.registration_closes_at = opens, closes
    event.starts_at, event.ends_at = starts, starts + dt.timedelta(hours=3)
    event.save(update_fields=["registration_opens_at", "registration_closes_at", "starts_at", "ends_at"])
    c.survey.opens_at, c.survey.closes_at = now + survey_opens * day, now + survey_closes * day
    c.survey.save(update_fields=["opens_at", "closes_at"])
    published = phase == "published"
    for review in AreaReview.objects.filter(consultation=c).select_related("area"):
        # The draft area stays a draft in every phase; the others are published in the last one.
        review.status = AreaReview.Status.PUBLISHED if published and review.area.slug != "teater" else "draft"
        review.published_at = now if review.status == AreaReview.Status.PUBLISHED else None
        review.save(update_fields=["status", "published_at"])
