"""Every URL samrad serves, with the method it is asked with and who may pass.

Who may pass is written out here, not derived from the rules: the matrix checks that each view enforces
the rule this table names, and `EXPECTED_PERMS` that each role holds what this table says.
`test_every_url_is_in_the_matrix` fails when a URL is added without a line here.
"""

from collections.abc import Callable
from dataclasses import dataclass

ALL_PERMS = frozenset(
    {
        "samrad.manage_consultation",
        "samrad.view_registrations",
        "samrad.export_personal_data",
        "samrad.manage_groups",
        "samrad.lock_notes",
        "samrad.import_contributions",
        "samrad.view_unpublished",
        "samrad.review",
        "samrad.publish",
        "samrad.view_feedback",
        "samrad.edit_followup",
        "samrad.view_audit_log",
        "samrad.view_staff_tools",
        "samrad.manage_roles",
        "samrad.manage_personal_data",
        "samrad.view_participation_counts",
    }
)
FACILITATOR = frozenset({"samrad.view_registrations", "samrad.view_staff_tools"})
ANALYST = FACILITATOR | {
    "samrad.import_contributions",
    "samrad.view_unpublished",
    "samrad.review",
    "samrad.publish",
    "samrad.view_feedback",
    "samrad.edit_followup",
    "samrad.view_participation_counts",
}
# What each role may do on the matrix's consultation.
EXPECTED_PERMS = {
    "anonymous": frozenset(),
    "no_role": frozenset(),
    "facilitator_a": FACILITATOR,
    "facilitator_b": FACILITATOR,
    "analyst": ANALYST,
    "administrator": ALL_PERMS,
    "superuser": ALL_PERMS,
    "deactivated": frozenset(),  # an administrator whose account was closed
    "other_consultation": frozenset(),  # an administrator of another consultation
}
LOGGED_IN = {"no_role", "facilitator_a", "facilitator_b", "analyst", "administrator", "superuser", "other_consultation"}


@dataclass(frozen=True)
class Door:
    name: str  # URL name
    kwargs: Callable  # world -> URL kwargs
    # public | token | nobody | login | superuser | group_a | survey_window | registration_window | perm:<rule>
    audience: str
    method: str = "GET"
    query: str = ""
    label: str = ""
    data: Callable = lambda w: {}  # world -> POST data  # tells two lines for the same URL apart

    @property
    def key(self) -> str:
        return self.label or self.name


def may_pass(door: Door, role: str, phase: str) -> bool:
    if door.audience in ("public", "token"):
        return True
    if door.audience == "survey_window":  # answers are taken only while the survey is open
        return phase == "survey_open"
    if door.audience == "registration_window":
        return phase == "dialogue"
    if door.audience == "nobody":
        return False
    if door.audience == "login":
        return role in LOGGED_IN
    if door.audience == "superuser":
        return role == "superuser"
    if door.audience == "group_a":
        # Facilitators write their own groups' notes; analysts and administrators any group's.
        return role in ("facilitator_a", "analyst", "administrator", "superuser")
    perm = door.audience.removeprefix("perm:")
    assert perm in ALL_PERMS, door
    return perm in EXPECTED_PERMS[role]


def _c(w):
    return {"consultation": w.consultation.slug}


def _e(w):
    return {"consultation": w.consultation.slug, "event": w.event.slug}


def _r(w):
    return {"consultation": w.consultation.slug}


def _g(w):
    return {**_r(w), "area": w.theme.area.slug, "question": w.theme.question.slug}


def _q(w):
    return {**_r(w), "area": w.quote.area.slug, "question": w.quote.question.slug}


def _f(**extra):
    return lambda w: {**_c(w), **extra}


BAD_TOKEN = "inte-en-riktig-lank-0000000000000000"

DOORS = [
    # Public pages.
    Door("results:index", lambda w: {}, "public"),
    Door("results:consultation", _c, "public"),
    Door("results:results", _c, "public"),
    # An error page tells nothing either.
    Door("results:results", lambda w: {"consultation": "finns-inte"}, "nobody", label="results of no consultation"),
    Door("results:feedback", _c, "public", method="POST"),
    Door("results:accessibility", _c, "public"),
    Door("results:logo", _c, "public"),
    Door("privacy:record", _c, "public"),
    Door("privacy:erased", _c, "public"),
    Door("intake:survey", _c, "public"),
    Door("intake:survey", _c, "survey_window", method="POST", label="intake:survey POST"),
    Door("intake:survey_thanks", _c, "public"),
    Door("participation:signup", _e, "public"),
    Door("participation:signup", _e, "public", method="POST", label="participation:signup POST"),
    Door("participation:resend", _e, "public"),
    Door("followup:collaborations", _c, "public"),
    Door("followup:index", _c, "public"),
    Door("followup:goal", lambda w: {**_c(w), "item": w.consultation.goals.first().slug}, "public"),
    Door("followup:sector", lambda w: {**_c(w), "item": w.consultation.sectors.first().slug}, "public"),
    Door("followup:activity", lambda w: {**_c(w), "item": w.consultation.activities.first().slug}, "public"),
    Door("followup:data_json", _c, "public"),
    Door("followup:activities_csv", _c, "public"),
    Door("followup:calendar", _c, "public"),
    Door("followup:calendar_feed", _c, "public"),
    Door("followup:event_ics", lambda w: {**_c(w), "event": w.event.slug}, "public"),
    Door("followup:participation", _c, "public"),
    Door("accounts:login", lambda w: {}, "public"),
    Door("accounts:logout", lambda w: {}, "public", method="POST"),
    Door("accounts:password_reset", lambda w: {}, "public"),
    Door("accounts:password_reset_done", lambda w: {}, "public"),
    Door("accounts:password_reset_confirm", lambda w: {"uidb64": "MQ", "token": "fel-fel"}, "public"),
    Door("accounts:password_reset_complete", lambda w: {}, "public"),
    Door("set_language", lambda w: {}, "public", method="POST"),
    # Personal links: whoever holds the link is its owner; a wrong link opens nothing.
    Door("participation:personal", lambda w: {"token": w.holder_registration.token}, "token"),
    Door("participation:confirmation", lambda w: {"token": w.holder_registration.token}, "token"),
    Door("participation:cancel", lambda w: {"token": w.holder_registration.token}, "token"),
    Door("privacy:my_data", lambda w: {"token": w.holder.token}, "token"),
    Door("privacy:download", lambda w: {"token": w.holder.token}, "token"),
    Door("privacy:erase", lambda w: {"token": w.holder.token}, "token"),
    Door("intake:notes_link", lambda w: {**_c(w), "token": w.group_a.token}, "token"),
    Door("participation:personal", lambda w: {"token": BAD_TOKEN}, "nobody", label="personal, wrong link"),
    Door("participation:cancel", lambda w: {"token": BAD_TOKEN}, "nobody", label="cancel, wrong link"),
    Door("privacy:my_data", lambda w: {"token": BAD_TOKEN}, "nobody", label="my_data, wrong link"),
    Door("privacy:download", lambda w: {"token": BAD_TOKEN}, "nobody", label="download, wrong link"),
    Door("privacy:erase", lambda w: {"token": BAD_TOKEN}, "nobody", method="POST", label="erase, wrong link"),
    Door("intake:notes_link", lambda w: {**_c(w), "token": BAD_TOKEN}, "nobody", label="notes, wrong link"),
    # A group's link under another consultation's address opens nothing either.
    Door(
        "intake:notes_link",
        lambda w: {"consultation": w.other.slug, "token": w.group_a.token},
        "nobody",
        label="notes, link under another consultation",
    ),
    # Staff: any account sees its own landing page; the rest needs a role on this consultation.
    Door("accounts:home", lambda w: {}, "login"),
    Door("accounts:roles", _c, "perm:samrad.manage_roles"),
    Door("accounts:revoke", lambda w: {**_c(w), "pk": w.role_pk}, "perm:samrad.manage_roles", method="POST"),
    Door("audit:all", lambda w: {}, "superuser"),
    Door("audit:consultation", _c, "perm:samrad.view_audit_log"),
    Door("admin:index", lambda w: {}, "superuser"),
    Door("privacy:staff", _c, "perm:samrad.manage_personal_data"),
    Door(
        "privacy:staff_export",
        lambda w: {**_c(w), "pk": w.secret_registration.participant_id},
        "perm:samrad.manage_personal_data",
        method="POST",
    ),
    Door(
        "privacy:staff_erase",
        lambda w: {**_c(w), "pk": w.secret_registration.participant_id},
        "perm:samrad.manage_personal_data",
        method="POST",
    ),
    Door("followup:participation_staff", _c, "perm:samrad.view_participation_counts"),
    Door("followup:staff", _c, "perm:samrad.edit_followup"),
    Door("followup:staff_activity_new", _c, "perm:samrad.edit_followup"),
    Door(
        "followup:staff_activity",
        lambda w: {**_c(w), "pk": w.consultation.activities.first().pk},
        "perm:samrad.edit_followup",
    ),
    Door(
        "followup:staff_note",
        lambda w: {**_c(w), "pk": w.consultation.activities.first().pk},
        "perm:samrad.edit_followup",
        method="POST",
    ),
    Door(
        "followup:staff_note_delete",
        lambda w: {**_c(w), "pk": w.activity_note_pk},
        "perm:samrad.edit_followup",
        method="POST",
    ),
    Door("followup:staff_places", _c, "perm:samrad.edit_followup"),
    Door("followup:staff_new", _f(kind="mal"), "perm:samrad.edit_followup"),
    Door(
        "followup:staff_edit",
        lambda w: {**_c(w), "kind": "mal", "pk": w.consultation.goals.first().pk},
        "perm:samrad.edit_followup",
    ),
    # Registrations and groups.
    Door("participation:registrations", _e, "perm:samrad.view_registrations"),
    Door("participation:export_csv", _e, "perm:samrad.export_personal_data"),
    Door("participation:export_xlsx", _e, "perm:samrad.export_personal_data"),
    Door(
        "participation:status",
        lambda w: {**_e(w), "pk": w.secret_registration.pk},
        "perm:samrad.manage_groups",
        method="POST",
    ),
    Door("participation:walk_in", _e, "perm:samrad.manage_groups", method="POST"),
    Door("participation:groups", _e, "perm:samrad.view_registrations"),
    Door("participation:form_groups", _e, "perm:samrad.manage_groups", method="POST"),
    Door("participation:rebalance", lambda w: {**_e(w), "number": 2}, "perm:samrad.manage_groups", method="POST"),
    Door(
        "participation:facilitator",
        lambda w: {**_e(w), "group_id": w.group_b.pk},
        "perm:samrad.manage_groups",
        method="POST",
    ),
    Door("participation:print", _e, "perm:samrad.view_registrations"),
    Door("participation:pdf", _e, "perm:samrad.view_registrations"),
    Door("participation:zoom", lambda w: {**_e(w), "number": 2}, "perm:samrad.export_personal_data"),
    Door("participation:teams", lambda w: {**_e(w), "number": 2}, "perm:samrad.export_personal_data"),
    # Notes.
    Door("intake:notes_overview", _c, "perm:samrad.view_registrations"),
    Door("intake:notes_group", lambda w: {**_c(w), "pk": w.group_a.pk}, "group_a"),
    Door(
        "intake:notes_group",
        lambda w: {**_c(w), "pk": w.group_a.pk},
        "group_a",
        method="POST",
        label="intake:notes_group POST",
    ),
    # A group's edit history: for those who oversee the notes, not for the facilitators who write them.
    Door("intake:notes_history", lambda w: {**_c(w), "pk": w.group_a.pk}, "perm:samrad.view_unpublished"),
    Door("intake:notes_lock", lambda w: {**_c(w), "event_slug": w.event.slug}, "perm:samrad.lock_notes", method="POST"),
    Door("intake:contributions", _c, "perm:samrad.view_unpublished"),
    Door("intake:contributions", _c, "perm:samrad.view_unpublished", query="?q=Råsvarsmarkör", label="search"),
    Door("intake:import", _c, "perm:samrad.import_contributions"),
    # The analysts' workspace.
    Door("review:overview", _r, "perm:samrad.review"),
    Door("review:analyse", _r, "perm:samrad.review", method="POST"),
    Door("review:download", lambda w: {**_r(w), "fmt": "json"}, "perm:samrad.review", label="review:download json"),
    Door("review:download", lambda w: {**_r(w), "fmt": "csv"}, "perm:samrad.review", label="review:download csv"),
    Door("review:download", lambda w: {**_r(w), "fmt": "docx"}, "perm:samrad.review", label="review:download docx"),
    Door("review:download", lambda w: {**_r(w), "fmt": "pdf"}, "perm:samrad.review", label="review:download pdf"),
    Door(
        "review:download",
        lambda w: {**_r(w), "fmt": "webbplats.zip"},
        "perm:samrad.review",
        label="review:download zip",
    ),
    Door("review:feedback", _r, "perm:samrad.view_feedback"),
    Door(
        "review:area_status",
        lambda w: {**_r(w), "area": w.theme.area.slug},
        "perm:samrad.publish",
        method="POST",
    ),
    Door("review:section", _g, "perm:samrad.review"),
    Door(
        "review:section",
        lambda w: {**_r(w), "area": "teater", "question": w.theme.question.slug},
        "perm:samrad.review",
        label="review:section of the draft area",
    ),
    Door("review:theme_add", _g, "perm:samrad.review", method="POST"),
    Door("review:theme_edit", lambda w: {**_g(w), "pk": w.theme.pk}, "perm:samrad.review", method="POST"),
    Door("review:theme_include", lambda w: {**_g(w), "pk": w.theme.pk}, "perm:samrad.review", method="POST"),
    Door("review:theme_proposal", lambda w: {**_g(w), "pk": w.theme.pk}, "perm:samrad.review", method="POST"),
    Door("review:theme_order", lambda w: {**_g(w), "pk": w.theme.pk}, "perm:samrad.review", method="POST"),
    Door("review:theme_merge", lambda w: {**_g(w), "pk": w.theme.pk}, "perm:samrad.review", method="POST"),
    Door("review:theme_delete", lambda w: {**_g(w), "pk": w.theme.pk}, "perm:samrad.review", method="POST"),
    Door("review:selection", lambda w: {**_g(w), "source": str(w.theme.pk)}, "perm:samrad.review", method="POST"),
    Door(
        "review:pick",
        _g,
        "perm:samrad.review",
        method="POST",
        data=lambda w: {"point": w.theme.statements.first().pk},
    ),
    Door("review:point_add", lambda w: {**_g(w), "source": str(w.theme.pk)}, "perm:samrad.review", method="POST"),
    Door("review:point_edit", lambda w: {**_g(w), "pk": w.point.pk}, "perm:samrad.review", method="POST"),
    Door("review:point_order", lambda w: {**_g(w), "pk": w.point.pk}, "perm:samrad.review", method="POST"),
    Door("review:point_delete", lambda w: {**_g(w), "pk": w.point.pk}, "perm:samrad.review", method="POST"),
    Door("review:quote_edit", lambda w: {**_q(w), "pk": w.quote.pk}, "perm:samrad.review", method="POST"),
    Door("review:quote_status", lambda w: {**_q(w), "pk": w.quote.pk}, "perm:samrad.review", method="POST"),
    Door("review:quote_order", lambda w: {**_q(w), "pk": w.quote.pk}, "perm:samrad.review", method="POST"),
]

# URLs the matrix leaves to Django's own tests: the admin's inner pages (superusers only, like its index,
# which is in the matrix) and the JavaScript catalogue of translations if one is added.
NOT_IN_MATRIX_PREFIXES = ("admin:",)


@dataclass(frozen=True)
class Command:
    """A `samrad review` subcommand, run as a role's account with `--user`: the rule it must hold."""

    action: str
    audience: str  # perm:<rule>, as for a door
    args: Callable = lambda w: []  # world -> arguments after the action
    prepare: Callable = lambda w: None  # world -> None: something for the command to change (rolled back)

    @property
    def key(self) -> str:
        return f"samrad review {self.action}"


# `test_every_review_command_is_in_the_matrix` fails when a subcommand is added without a line here.
COMMANDS = [
    Command("list", "perm:samrad.review"),
    Command("coverage", "perm:samrad.review"),
    Command(
        "approve",
        "perm:samrad.review",
        lambda w: ["--quote", str(w.quote.pk), "--theme", str(w.theme.pk)],
        prepare=lambda w: type(w.quote).objects.filter(pk=w.quote.pk).update(status="candidate"),
    ),
    Command("publish", "perm:samrad.publish", lambda w: [w.theme.area.slug]),
    Command("withdraw", "perm:samrad.publish", lambda w: [w.theme.area.slug]),
    Command("status", "perm:samrad.publish", lambda w: ["published"]),
]
