"""Plain helpers for the staff and privacy tests: users with a role, a second consultation, participants."""

import datetime as dt

from django.contrib.auth import get_user_model

from samrad.accounts.models import ConsultationRole
from samrad.consultations.models import Consultation

PASSWORD = "korrekt-hast-batteri-42"


def user(username: str, *, superuser: bool = False, email: str = ""):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, email or f"{username}@example.org", PASSWORD)
    return User.objects.create_user(username, email or f"{username}@example.org", PASSWORD)


def with_role(username: str, consultation, role: str):
    u = user(username)
    ConsultationRole.objects.create(user=u, consultation=consultation, role=role)
    return u


def other_consultation(slug: str = "annat-samrad") -> Consultation:
    return Consultation.objects.create(
        slug=slug, name="Ett annat samråd", organiser="Kommunen", plan_period_start=2025, plan_period_end=2028
    )


def participant(consultation, name="Vera Lindqvist-Åberg", email="vera.lindqvist@example.net", **extra):
    from samrad.participation.models import Participant

    return Participant.objects.create(consultation=consultation, name=name, email=email, **extra)


def register(participant, event, area, needs=""):
    from samrad.participation.models import Registration

    return Registration.objects.create(event=event, participant=participant, area=area, needs=needs)


def contribute(consultation, text, *, participant=None, area=None, question=None, source="survey"):
    from samrad.intake.models import Contribution

    return Contribution.objects.create(
        consultation=consultation,
        participant=participant,
        area=area,
        question=question,
        source=source,
        raw_text=text,
        received_at=dt.datetime(2022, 6, 3, 12, 0, tzinfo=dt.UTC),
    )


def fast_passwords(settings):
    """Tests log in often: a fast hasher instead of PBKDF2's deliberate slowness."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def dump_text() -> str:
    """Every row of every table, as Django's dumpdata writes it: what a full-text scan looks through."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def run_cli(capsys, *argv):
    from django.utils import translation

    from samrad.cli import main

    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    finally:
        translation.activate("sv")
    out = capsys.readouterr()
    return code, out.out, out.err
