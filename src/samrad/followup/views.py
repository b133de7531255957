"""Public pages: the collaboration sections, and the follow-up of goals, sectors and activities."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from samrad.consultations.models import Consultation

from .history import history
from .models import STATUS_EXPLAINED, Activity, FocusArea, FollowupInfo, Goal, Sector, Status
from .rollup import goal_activities, progress_of


def _consultation(slug: str) -> Consultation:
    return get_object_or_404(Consultation, slug=slug)


def base_context(consultation: Consultation, **extra) -> dict:
    return {
        "consultation": consultation,
        "followup_info": FollowupInfo.objects.filter(consultation=consultation).first(),
        **extra,
    }


def _activities():
    return Activity.objects.select_related("sector").prefetch_related("goals", "theme_links")


def _statuses():
    return [(s.value, s.label, STATUS_EXPLAINED[s]) for s in Status]


def collaborations_context(consultation: Consultation) -> dict:
    """What the collaboration sections show; shared by the standalone page and the results page."""
    goals = list(
        consultation.goals.select_related("collaboration").prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk"))
        )
    )
    sectors = list(
        consultation.sectors.select_related("collaboration").prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk")),
            Prefetch("activities", queryset=Activity.objects.filter(is_invented=False).order_by("order", "pk")),
        )
    )
    for goal in goals:
        goal.progress = progress_of(goal_activities(goal))
    for sector in sectors:
        sector.progress = progress_of(sector.activities.all())
    collaborations = []
    for c in consultation.collaborations.prefetch_related("events"):
        c.goal_list = [g for g in goals if g.collaboration_id == c.pk]
        c.sector_list = [s for s in sectors if s.collaboration_id == c.pk]
        collaborations.append(c)
    return base_context(consultation, collaborations=collaborations)


def collaborations(request, consultation):
    c = _consultation(consultation)
    return render(request, "followup/collaborations.html", collaborations_context(c))


def index(request, consultation):
    c = _consultation(consultation)
    goals = list(c.goals.select_related("collaboration"))
    for goal in goals:
        goal.progress = progress_of(goal_activities(goal))
    sectors = list(c.sectors.prefetch_related("activities"))
    for sector in sectors:
        sector.progress = progress_of(sector.activities.all())
    activities = list(_activities().filter(consultation=c))
    unlinked = [a for a in activities if a.sector_id is None and not a.goals.all()]
    return render(
        request,
        "followup/index.html",
        base_context(
            c,
            goals=goals,
            sectors=sectors,
            total=progress_of(activities),
            unlinked=unlinked,
            recent=history(activities)[:8],
            statuses=_statuses(),
            perms_edit=request.user.has_perm("samrad.edit_followup", c),
        ),
    )


def _followup_page(request, consultation, template: str, owner, activities, **extra):
    """A goal's or a sector's page: the same focus areas, progress and history, whichever owns them."""
    focus_areas = list(owner.focus_areas.order_by("order", "pk"))
    for fa in focus_areas:
        fa.progress = progress_of(fa.activities.all())
    return render(
        request,
        template,
        base_context(
            consultation,
            **extra,
            focus_areas=focus_areas,
            activities=activities,
            progress=progress_of(activities),
            entries=history(activities),
            statuses=_statuses(),
        ),
    )


def goal(request, consultation, item):
    c = _consultation(consultation)
    g = get_object_or_404(Goal.objects.select_related("collaboration"), consultation=c, slug=item)
    return _followup_page(request, c, "followup/goal.html", g, goal_activities(g), goal=g)


def sector(request, consultation, item):
    c = _consultation(consultation)
    s = get_object_or_404(Sector.objects.select_related("collaboration"), consultation=c, slug=item)
    activities = list(_activities().filter(sector=s).order_by("order", "pk"))
    return _followup_page(request, c, "followup/sector.html", s, activities, sector=s)


def activity(request, consultation, item):
    c = _consultation(consultation)
    a = get_object_or_404(
        Activity.objects.select_related("sector").prefetch_related("goals", "focus_areas__goal", "focus_areas__sector"),
        consultation=c,
        slug=item,
    )
    areas = {area.slug: area for area in c.areas.all()}
    questions = {q.slug: q for q in c.questions.all()}
    themes = [(t, areas.get(t.area_slug), questions.get(t.question_slug)) for t in a.theme_links.all()]
    return render(
        request,
        "followup/activity.html",
        base_context(
            c,
            activity=a,
            themes=themes,
            entries=history([a], newest_first=False),
            can_edit=request.user.has_perm("samrad.edit_followup", c),
        ),
    )
