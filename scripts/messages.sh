#!/usr/bin/env bash
# Extract translatable strings into .po files: one catalogue per Django app (so work on different apps
# never conflicts) and one for the project-wide parts (cli, commands, templates/).
#   scripts/messages.sh                 every catalogue
#   scripts/messages.sh intake review   only these apps' catalogues
set -euo pipefail
export SAMRAD_HOME="$(cd "$(dirname "$0")/.." && pwd)"  # var/ stays in the checkout
cd "$(dirname "$0")/../src/samrad"
samrad=../../.venv/bin/samrad
all_apps="core accounts audit consultations participation intake review publication results followup privacy"
apps="${*:-$all_apps}"
for app in $apps; do
  [ -d "$app" ] || continue
  mkdir -p "$app/locale"
  (cd "$app" && ../$samrad makemessages -l sv -l en --no-obsolete >/dev/null)
done
if [ $# -eq 0 ]; then
  ignores=()
  for app in $all_apps grouping synthesis; do ignores+=(--ignore "$app/*"); done
  $samrad makemessages -l sv -l en --no-obsolete "${ignores[@]}" >/dev/null
fi
echo "Updated .po files. Untranslated Swedish entries:"
../../.venv/bin/python - <<'PY'
import pathlib, polib
for po_path in sorted(pathlib.Path(".").glob("**/locale/sv/LC_MESSAGES/django.po")):
    missing = [e.msgid for e in polib.pofile(str(po_path)) if not e.translated() or "fuzzy" in e.flags]
    if missing:
        print(f"  {po_path}: {len(missing)}")
PY
