"""User-facing messages in Swedish and English (this package cannot use Django's gettext)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # warnings in results
    "empty": {"sv": "{n} tomma svar hoppades över.", "en": "{n} empty answers were skipped."},
    "non_answer": {
        "sv": '{n} svar utan innehåll (t.ex. "vet ej", "nej", "-") räknades men tematiserades inte.',
        "en": '{n} non-answers (e.g. "don\'t know", "no", "-") were counted but not themed.',
    },
    "no_text": {
        "sv": "{n} svar innehöll bara tecken eller emoji och tematiserades inte.",
        "en": "{n} answers held only symbols or emoji and were not themed.",
    },
    "html": {
        "sv": "{n} svar innehöll HTML (t.ex. inklistrat från Word); taggarna togs bort för analysen, "
        "originaltexten finns kvar.",
        "en": "{n} answers contained HTML (e.g. pasted from Word); tags were removed for analysis, the "
        "original text is kept.",
    },
    "control_chars": {
        "sv": "{n} svar innehöll styrtecken som ignorerades.",
        "en": "{n} answers contained control characters, which were ignored.",
    },
    "truncated": {
        "sv": "{n} mycket långa svar delades upp i högst {max} påståenden; resten analyserades inte.",
        "en": "{n} very long answers were split into at most {max} statements; the rest was not analysed.",
    },
    "short": {
        "sv": "{n} påståenden är bara ett ord långa; de tematiseras men väljs inte som citat.",
        "en": "{n} statements are a single word; they are themed but not chosen as quotes.",
    },
    "duplicates": {
        "sv": "{n} påståenden var kopior eller nästan kopior av andra och slogs ihop ({sets} grupper).",
        "en": "{n} statements were copies or near-copies of others and were collapsed ({sets} sets).",
    },
    "campaign": {
        "sv": 'Samma text förekommer {n} gånger – möjligen ett kampanjsvar: "{text}"',
        "en": 'The same text occurs {n} times – possibly a campaign answer: "{text}"',
    },
    "mixed_languages": {
        "sv": "Svaren är på flera språk: {langs}.",
        "en": "Answers are in several languages: {langs}.",
    },
    "other_languages": {
        "sv": "{n} påståenden är på ett annat språk än sidans ({page}). De räknas i sina teman men formulerar "
        "aldrig en rad eller ett citat; läs dem i arbetsytan.",
        "en": "{n} statements are in another language than the page's ({page}). They count in their themes but "
        "never word a line or a quote; read them in the workspace.",
    },
    "hunspell_missing": {
        "sv": "Svensk ordlista (hunspell sv_SE) saknas i {path}; sammansatta ord delades inte. "
        "Installera paketet hunspell-sv-se eller sätt SAMRAD_HUNSPELL_DIR.",
        "en": "Swedish dictionary (hunspell sv_SE) not found in {path}; compound words were not "
        "split. Install hunspell-sv-se or set SAMRAD_HUNSPELL_DIR.",
    },
    "compound_budget": {
        "sv": "{n} ovanliga långa ord delades med ordlista i stället för hunspell (gräns {budget}).",
        "en": "{n} rare long words were split with the word list instead of hunspell (budget {budget}).",
    },
    "too_few": {
        "sv": "{group} har bara {n} påståenden; för få för teman, alla ligger under Övrigt.",
        "en": "{group} has only {n} statements; too few for themes, all are under Other.",
    },
    "backend_fallback": {
        "sv": "Representationen {wanted} gick inte att använda ({why}); {used} användes.",
        "en": "Backend {wanted} could not be used ({why}); {used} was used instead.",
    },
    "llm_rejected": {
        "sv": "{n} fraser som språkmodellen föreslog underkändes (skälen visas i arbetsytan); det "
        "automatiska utkastet står kvar.",
        "en": "{n} phrases proposed by the language model were dropped (the reasons are shown in the "
        "workspace); the offline draft stands.",
    },
    "llm_malformed": {
        "sv": "Språkmodellen svarade inte med den JSON som efterfrågades för {n} teman; de behåller sitt "
        "automatiska utkast.",
        "en": "The language model did not answer with the JSON asked for on {n} themes; they keep their offline draft.",
    },
    "llm_failed": {
        "sv": "Språkmodellen svarade inte ({why}); de automatiska utkasten står kvar.",
        "en": "The language model did not answer ({why}); the offline drafts stand.",
    },
    "personal_data_removed": {
        "sv": "{n} rader till sammanfattningen innehöll personuppgifter och togs bort eller ersattes.",
        "en": "{n} summary lines held personal data and were dropped or replaced.",
    },
    "rest_high": {
        "sv": "{share} % av påståendena i {group} passade inget tema och ligger under Övrigt.",
        "en": "{share} % of the statements in {group} fit no theme and are under Other.",
    },
    # command line
    "cli_no_file": {
        "sv": "Filen {path} finns inte. Ange sökvägen till en CSV-, XLSX- eller JSONL-fil.",
        "en": "File {path} does not exist. Give the path to a CSV, XLSX or JSONL file.",
    },
    "cli_unreadable": {
        "sv": "Filen {path} gick inte att läsa: {why}.",
        "en": "Could not read {path}: {why}.",
    },
    "cli_format": {
        "sv": "Okänt filformat för {path}. Använd .csv, .xlsx eller .jsonl.",
        "en": "Unknown file format for {path}. Use .csv, .xlsx or .jsonl.",
    },
    "cli_column": {
        "sv": 'Kolumnen "{col}" ({opt}) finns inte i {path}. Tillgängliga kolumner: {cols}.',
        "en": 'Column "{col}" ({opt}) is not in {path}. Available columns: {cols}.',
    },
    "cli_empty": {"sv": "{path} innehåller inga rader.", "en": "{path} contains no rows."},
    "cli_backend": {
        "sv": 'Representationen "{backend}" går inte att använda: {why}',
        "en": 'Backend "{backend}" cannot be used: {why}',
    },
    "cli_write": {"sv": "Kunde inte skriva {path}: {why}.", "en": "Could not write {path}: {why}."},
    "cli_wrote": {
        "sv": "Skrev {path}: {sections} avsnitt, {themes} teman, {statements} påståenden ({rest} % under Övrigt).",
        "en": "Wrote {path}: {sections} sections, {themes} themes, {statements} statements ({rest} % under Other).",
    },
    "cli_pred": {
        "sv": "{path} är inte en resultatfil från samrad themes (schema_version {v}).",
        "en": "{path} is not a result file from samrad themes (schema_version {v}).",
    },
    "cli_no_overlap": {
        "sv": "Inga id:n i {gold} matchar postidn i {pred}. Kontrollera --gold-id.",
        "en": "No ids in {gold} match record ids in {pred}. Check --gold-id.",
    },
    "cli_eval": {
        "sv": "Jämförde {n} påståenden ({missing} utan facit hoppades över).",
        "en": "Compared {n} statements ({missing} without a gold label were skipped).",
    },
    "progress_read": {"sv": "Läser", "en": "Reading"},
    "progress_analyse": {"sv": "Analyserar", "en": "Analysing"},
    "progress_cluster": {"sv": "Tematiserar", "en": "Theming"},
    "progress_embed": {"sv": "Bäddar in", "en": "Embedding"},
}


def msg(key: str, lang: str = "sv", **kwargs: object) -> str:
    table = MESSAGES[key]
    return table.get(lang, table["sv"]).format(**kwargs)
