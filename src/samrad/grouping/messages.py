"""Message table, Swedish and English. The engine cannot use Django's gettext, so it keeps its own.

Templates use str.format with named fields; every code must exist in both languages (tested).
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANG = "sv"
LANGS = ("sv", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors: bad input -------------------------------------------------------------------------
    "duplicate_person": {
        "sv": "Deltagar-id {person} förekommer {count} gånger; varje deltagare får bara finnas en gång.",
        "en": "Participant id {person} occurs {count} times; each participant may appear only once.",
    },
    "empty_person_id": {
        "sv": "En deltagare saknar id (rad {index}).",
        "en": "A participant has no id (row {index}).",
    },
    "missing_area": {
        "sv": "{name} ({person}) har inget kulturområde, men omgång {round} grupperar efter kulturområde.",
        "en": "{name} ({person}) has no culture area, but round {round} groups by culture area.",
    },
    "min_below_one": {
        "sv": "Omgång {round}: minsta gruppstorlek är {min}, men den måste vara minst 1.",
        "en": "Round {round}: the smallest group size is {min}, but it must be at least 1.",
    },
    "min_above_max": {
        "sv": "Omgång {round}: minsta gruppstorlek ({min}) är större än största ({max}).",
        "en": "Round {round}: the smallest group size ({min}) is larger than the largest ({max}).",
    },
    "cannot_split": {
        "sv": "Omgång {round}: {count} deltagare kan inte delas i grupper om {min}–{max} personer.",
        "en": "Round {round}: {count} participants cannot be split into groups of {min}–{max} people.",
    },
    "unknown_rule": {
        "sv": "Omgång {round}: okänd grupperingsregel {rule!r} (tillåtna: same_area, mixed, keep_previous).",
        "en": "Round {round}: unknown grouping rule {rule!r} (allowed: same_area, mixed, keep_previous).",
    },
    "duplicate_round": {
        "sv": "Omgång {round} förekommer mer än en gång.",
        "en": "Round {round} occurs more than once.",
    },
    "keep_round_missing": {
        "sv": "Omgång {round} ska behålla grupperna från en tidigare omgång, men anger inte vilken.",
        "en": "Round {round} keeps the groups of an earlier round but does not say which.",
    },
    "unknown_keep_round": {
        "sv": "Omgång {round} ska behålla grupperna från omgång {keep}, men det finns ingen tidigare omgång {keep}.",
        "en": "Round {round} keeps the groups of round {keep}, but there is no earlier round {keep}.",
    },
    "keep_round_not_keep": {
        "sv": "Omgång {round} anger omgång {keep} att behålla, men regeln är {rule}, inte keep_previous.",
        "en": "Round {round} names round {keep} to keep, but its rule is {rule}, not keep_previous.",
    },
    "keep_other_people": {
        "sv": "Omgång {round} ska behålla grupperna från omgång {keep}, men deltagarna skiljer sig: {names}.",
        "en": "Round {round} keeps the groups of round {keep}, but the participants differ: {names}.",
    },
    "unknown_priority": {
        "sv": "Omgång {round}: okänd prioritering {rule!r}.",
        "en": "Round {round}: unknown priority {rule!r}.",
    },
    "bad_time_limit": {
        "sv": "Tidsgränsen måste vara större än noll (fick {value}).",
        "en": "The time limit must be greater than zero (got {value}).",
    },
    # --- errors: late changes ----------------------------------------------------------------------
    "unknown_present": {
        "sv": "{person} anges som närvarande men finns inte i någon grupp; lägg till personen som ny "
        "deltagare i stället.",
        "en": "{person} is listed as present but is in no group; add them as a walk-in instead.",
    },
    "walk_in_already_placed": {
        "sv": "{name} ({person}) anges som ny deltagare men finns redan i grupp {group}.",
        "en": "{name} ({person}) is listed as a walk-in but is already in group {group}.",
    },
    "duplicate_member": {
        "sv": "{person} finns i flera grupper ({groups}).",
        "en": "{person} is in several groups ({groups}).",
    },
    "rebalance_too_few": {
        "sv": "Bara {count} deltagare är på plats, men en grupp behöver minst {min}. Det går inte att "
        "bilda någon grupp.",
        "en": "Only {count} participants are present, but a group needs at least {min}. No group can be formed.",
    },
    "rebalance_impossible": {
        "sv": "{count} deltagare på plats kan inte delas i grupper om {min}–{max} personer.",
        "en": "{count} participants present cannot be split into groups of {min}–{max} people.",
    },
    "people_file": {
        "sv": "Kan inte läsa deltagarfilen {path}: {reason}",
        "en": "Cannot read the participant file {path}: {reason}",
    },
    "bad_round_arg": {
        "sv": "Kan inte tolka omgången {value!r}; skriv t.ex. same_area, mixed, keep:2 eller mixed:3-5.",
        "en": "Cannot read the round {value!r}; write e.g. same_area, mixed, keep:2 or mixed:3-5.",
    },
    "no_such_round": {
        "sv": "Det finns ingen omgång {round}.",
        "en": "There is no round {round}.",
    },
    "bad_neighbour_arg": {
        "sv": "Kan inte tolka grannområdet {value!r}; skriv OMRÅDE=GRANNE.",
        "en": "Cannot read the neighbour {value!r}; write AREA=NEIGHBOUR.",
    },
    # --- notices -----------------------------------------------------------------------------------
    "joined_neighbour_alone": {
        "sv": "{name} ({area}) fick gå med i grannområdet {host} eftersom hen var ensam i sitt område.",
        "en": "{name} was joined to {area}'s neighbour {host} because they were the only one in their area.",
    },
    "joined_neighbour_split": {
        "sv": "{name} ({area}) fick gå med i grannområdet {host} eftersom {count} deltagare i {area} "
        "inte kan delas i grupper om {min}–{max}.",
        "en": "{name} was joined to {area}'s neighbour {host} because {count} participants in {area} "
        "cannot be split into groups of {min}–{max}.",
    },
    "joined_smallest_alone": {
        "sv": "{name} ({area}) var ensam i sitt område och området har inget grannområde med grupper; "
        "hen placerades i den minsta gruppen med plats ({host}, grupp {group}).",
        "en": "{name} ({area}) was the only one in their area, which has no neighbour with groups; they "
        "were placed in the smallest group with room ({host}, group {group}).",
    },
    "joined_smallest_split": {
        "sv": "{name} ({area}) placerades i den minsta gruppen med plats ({host}, grupp {group}) eftersom "
        "{count} deltagare i {area} inte kan delas i grupper om {min}–{max}.",
        "en": "{name} ({area}) was placed in the smallest group with room ({host}, group {group}) because "
        "{count} participants in {area} cannot be split into groups of {min}–{max}.",
    },
    "joined_small_areas": {
        "sv": "{names} fick inte plats i grupper inom sina egna kulturområden ({areas}) och bildar gemensamma grupper.",
        "en": "{names} could not be placed in groups of their own areas ({areas}) and form shared groups.",
    },
    "joined_shared": {
        "sv": "{name} ({area}) flyttades till en gemensam grupp ({host}, grupp {group}) så att alla får "
        "plats i grupper om {min}–{max}.",
        "en": "{name} ({area}) was moved to a shared group ({host}, group {group}) so that everyone fits in "
        "groups of {min}–{max}.",
    },
    "wall_clock_stop": {
        "sv": "Lösaren stoppades av tidsgränsen innan den var klar; en ny körning kan ge andra grupper.",
        "en": "The solver was stopped by the time limit before it finished; another run may give other groups.",
    },
    "solver_fallback": {
        "sv": "CP-SAT hittade ingen bättre lösning inom tidsgränsen; den snabba lösningen används.",
        "en": "CP-SAT found no better solution within the time limit; the fast solution is used.",
    },
    "kept_groups": {
        "sv": "Samma grupper som i omgång {keep}.",
        "en": "The same groups as in round {keep}.",
    },
    "not_taking_part": {
        "sv": "{count} deltagare är inte med i omgången eftersom den bara gäller {areas}.",
        "en": "{count} participants do not take part because the round is only for {areas}.",
    },
    "rebalance_dissolved": {
        "sv": "Grupp {group} löstes upp: för få kvar ({count}) och ingen kunde flytta dit.",
        "en": "Group {group} was dissolved: too few left ({count}) and nobody could move there.",
    },
    "rebalance_new_group": {
        "sv": "Ny grupp {group} bildades för sena deltagare.",
        "en": "New group {group} was formed for walk-ins.",
    },
    # --- unmet soft rules --------------------------------------------------------------------------
    "unmet_areas": {
        "sv": "Grupp {group}: {names} har samma kulturområde ({value}).",
        "en": "Group {group}: {names} share a culture area ({value}).",
    },
    "unmet_new_people": {
        "sv": "Grupp {group}: {names} har redan varit i samma grupp.",
        "en": "Group {group}: {names} have already been in a group together.",
    },
    "unmet_municipality": {
        "sv": "Grupp {group}: {names} kommer från samma kommun ({value}).",
        "en": "Group {group}: {names} come from the same municipality ({value}).",
    },
    "unmet_role": {
        "sv": "Grupp {group}: {names} har samma aktörskategori ({value}).",
        "en": "Group {group}: {names} share a role category ({value}).",
    },
    "unmet_attr": {
        "sv": "Grupp {group}: {names} har samma {rule} ({value}).",
        "en": "Group {group}: {names} share {rule} ({value}).",
    },
    # --- words used by exports ---------------------------------------------------------------------
    "word_group": {"sv": "Grupp", "en": "Group"},
    "word_round": {"sv": "Omgång", "en": "Round"},
    "word_id": {"sv": "Id", "en": "Id"},
    "word_name": {"sv": "Namn", "en": "Name"},
    "word_area": {"sv": "Kulturområde", "en": "Culture area"},
    "word_municipality": {"sv": "Kommun", "en": "Municipality"},
    "word_role": {"sv": "Aktörskategori", "en": "Role category"},
    "word_email": {"sv": "E-post", "en": "Email"},
    "word_room": {"sv": "Rum", "en": "Room name"},
    "word_members": {"sv": "Deltagare", "en": "Participants"},
    "word_and": {"sv": "och", "en": "and"},
    "rule_areas": {"sv": "olika kulturområden", "en": "different culture areas"},
    "rule_new_people": {"sv": "nya möten", "en": "new people"},
    "rule_municipality": {"sv": "olika kommuner", "en": "different municipalities"},
    "rule_role": {"sv": "olika aktörskategorier", "en": "different role categories"},
}


def check_lang(lang: str) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def message(code: str, lang: str = DEFAULT_LANG, params: Mapping[str, object] | None = None) -> str:
    """Render message `code` in `lang` (falls back to Swedish for unknown languages)."""
    template = MESSAGES[code][check_lang(lang)]
    return template.format(**(params or {}))


def join_names(names: list[str], lang: str = DEFAULT_LANG) -> str:
    """'A', 'A och B', 'A, B och C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {message('word_and', lang)} " + names[-1]
