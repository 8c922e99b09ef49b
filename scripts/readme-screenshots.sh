#!/usr/bin/env bash
# Remake the window screenshots shown in the README and the user guide (docs/screenshots/), from the reports
# of tests/data: 洪泽区 2024 rolled over from 2023 (last year's text beside this year's), the 东湖 2023 report
# with one figure mistyped (the error highlighted and listed), and a generated county for the 汇总 page.
# Runs offscreen; needs no display.
#
# The pictures are deterministic: the databases are made in a fixed folder (its path is shown on the start
# page) on a fixed clock (scripts/screenshots_db.py, scripts/county_db.py), and a picture is copied only when
# its pixels differ from the tracked one — so an unchanged window leaves git clean. What still depends on the
# day: the deadline banner counts days only before the deadline (31 January 2024/2025 for these reports).
set -euo pipefail
cd "$(dirname "$0")/.."
work=/tmp/reportdesk-screenshots
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
# Qt's offscreen screen is 800 × 800 unless told otherwise, and the window never grows past its screen: a
# 1920 × 1080 screen at 96 dpi leaves the window the size --screenshots asks for.
cat >"$work/screen.json" <<'SCREEN'
{"screens": [{"name": "readme", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
SCREEN
export QT_QPA_PLATFORM="offscreen:configfile=$work/screen.json"
# The offscreen platform warns once per window that it cannot propagate size hints: noise here.
rd() { .venv/bin/reportdesk "$@" 2> >(grep -v "does not support propagateSizeHints" >&2); }

read -r rolled seed < <(.venv/bin/python scripts/screenshots_db.py "$work/drafts.db")
rd --db "$work/drafts.db" --screenshots "$work/rolled" --report "$rolled" >/dev/null
rd --db "$work/drafts.db" --screenshots "$work/seed" --report "$seed" >/dev/null
# The 汇总 page of 洪泽区人民政府 over its bodies' 2024 reports.
opened=$(.venv/bin/python scripts/county_db.py "$work/county.db")
rd --db "$work/county.db" --screenshots "$work/county" --report "$opened" >/dev/null

mkdir -p docs/screenshots
changed=0
while read -r shot picture; do
  if [ -f "$picture" ] && .venv/bin/python - "$shot" "$picture" <<'SAME'; then
import sys
from PySide6.QtGui import QImage
new, old = (QImage(p).convertToFormat(QImage.Format.Format_ARGB32) for p in sys.argv[1:3])
sys.exit(0 if not new.isNull() and new == old else 1)
SAME
    echo "unchanged: $picture"
  else
    cp "$shot" "$picture"
    echo "remade:    $picture"
    changed=$((changed + 1))
  fi
done <<LIST
$work/seed/01-start.png docs/screenshots/start.png
$work/seed/04-s3.png docs/screenshots/table3.png
$work/rolled/02-s1.png docs/screenshots/narrative.png
$work/seed/09-generate.png docs/screenshots/generate.png
$work/county/10-aggregate.png docs/screenshots/aggregate.png
LIST
echo "$changed picture(s) remade"
