#!/usr/bin/env bash
# Installs the Debian packages samrad needs when they are missing: the Swedish hunspell dictionary
# (compound splitting in synthesis), Chromium (browser tests) and pdftotext (tests of PDF exports). Needs root; says what to do otherwise.
set -euo pipefail
need=()
[ -f /usr/share/hunspell/sv_SE.dic ] || need+=(hunspell-sv-se)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/pdftotext ] || need+=(poppler-utils)  # tests read the text of exported PDFs
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "samrad: please install these Debian packages: ${need[*]} (sudo apt-get install ${need[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null \
  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null; }
