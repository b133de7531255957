"""How a culture-area dialogue was run, told from its plan: "Vid fråga 1 bestod grupperna av …"."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from samrad.consultations.models import Consultation, Event, Round


@dataclass
class DialogueStory:
    event: Event
    sentences: list[str]


def dialogue_story(consultation: Consultation) -> list[DialogueStory]:
    stories = []
    for event in consultation.events.filter(kind=Event.Kind.AREA_DIALOGUE).prefetch_related("rounds__question"):
        sentences = []
        for r in event.rounds.all():
            n = _question_number(consultation, r)
            if r.rule == Round.Rule.SAME_AREA:
                sentences.append(
                    _(
                        "For question %(n)s the groups were made up of participants who had chosen the "
                        "same culture area."
                    )
                    % {"n": n}
                )
            elif r.rule == Round.Rule.MIXED:
                sentences.append(
                    _("For question %(n)s the groups were mixed, with people from different culture areas.") % {"n": n}
                )
            else:
                sentences.append(_("The same groups were kept for question %(n)s.") % {"n": n})
        stories.append(DialogueStory(event, sentences))
    return stories


def _question_number(consultation, r: Round) -> str:
    if r.question is None:
        return str(r.number)
    ordered = list(consultation.questions.values_list("pk", flat=True))
    return str(ordered.index(r.question_id) + 1)
