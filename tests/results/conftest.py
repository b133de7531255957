import pytest
from django.utils import timezone

from samrad.intake.models import Contribution
from samrad.participation.models import Participant, Registration
from samrad.review.models import AreaReview, Point, Quote, Statement, Theme

SECRET = "Hemlig text från Litteratur som aldrig får publiceras"


def _statement(consultation, area, question, text, respondent):
    c = Contribution.objects.create(
        consultation=consultation,
        area=area,
        question=question,
        source="survey",
        raw_text=text,
        respondent=respondent,
        received_at=timezone.now(),
    )
    return Statement.objects.create(
        consultation=consultation, contribution=c, start=0, end=len(text), text=text, area=area, question=question
    )


@pytest.fixture
def published(example_plan):
    """Every area has five participants except Litteratur (three); every area has a reviewed summary,
    including Litteratur — which must still be withheld everywhere."""
    consultation = example_plan
    event = consultation.events.get(slug="kulturdialog-2022-06-01")
    q_challenges = consultation.questions.get(slug="utmaningar")
    q_attractive = consultation.questions.get(slug="attraktivitet")
    for area in consultation.areas.all():
        n = 3 if area.slug == "litteratur" else 5
        for i in range(n):
            p = Participant.objects.create(consultation=consultation, name=f"{area.slug}-{i}")
            Registration.objects.create(event=event, participant=p, area=area)
        secret = SECRET if area.slug == "litteratur" else ""
        s1 = _statement(
            consultation, area, q_challenges, f"Mer pengar till {area.name.lower()} {secret}", f"r-{area.slug}"
        )
        s2 = _statement(
            consultation, area, q_attractive, f"{area.name} lockar besökare =SUM(A1) {secret}", f"r-{area.slug}"
        )
        theme = Theme.objects.create(
            consultation=consultation,
            area=area,
            question=q_challenges,
            label="ekonomi",
            headline=f"Ekonomin för {area.name.lower()} {secret}",
        )
        Point.objects.create(
            consultation=consultation, area=area, question=q_challenges, theme=theme, text=f"höjda bidrag {secret}"
        ).sources.add(s1)
        Point.objects.create(
            consultation=consultation, area=area, question=q_challenges, theme=None, text=f"fler lokaler {secret}"
        ).sources.add(s1)
        Quote.objects.create(
            consultation=consultation,
            area=area,
            question=q_attractive,
            statement=s2,
            original=s2.text,
            text=s2.text,
            status=Quote.Status.APPROVED,
        )
        AreaReview.objects.create(
            consultation=consultation, area=area, status=AreaReview.Status.PUBLISHED, published_at=timezone.now()
        )
    return consultation
