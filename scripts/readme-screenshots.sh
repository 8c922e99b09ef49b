#!/usr/bin/env bash
# Remake the window screenshots shown in the README (docs/screenshots/), from the reference reports:
# 洪泽区 2024 rolled over from 2023 (last year's text beside this year's), and the 东湖 2023 report
# with one figure mistyped (the error highlighted and listed). Runs offscreen; needs no display.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rd() { .venv/bin/reportdesk "$@"; }

last=$(rd db --db "$work/drafts.db" import tests/data/hongze-district-gov-2023.json)
rolled=$(rd db --db "$work/drafts.db" rollover "$last" --to-year 2024)
seed=$(rd db --db "$work/drafts.db" import tests/data/seed-donghu-zwfw-2023.json)
rd db --db "$work/drafts.db" set "$seed" t3.disclosed.natural 13 >/dev/null   # the report says 12

rd --db "$work/drafts.db" --screenshots "$work/rolled" --report "$rolled" >/dev/null
rd --db "$work/drafts.db" --screenshots "$work/seed" --report "$seed" >/dev/null
# The 汇总 page of 洪泽区人民政府 over its bodies' 2024 reports (scripts/county_db.py).
opened=$(.venv/bin/python scripts/county_db.py "$work/county.db")
rd --db "$work/county.db" --screenshots "$work/county" --report "$opened" >/dev/null

mkdir -p docs/screenshots
cp "$work/seed/01-start.png" docs/screenshots/start.png
cp "$work/seed/04-s3.png" docs/screenshots/table3.png
cp "$work/rolled/02-s1.png" docs/screenshots/narrative.png
cp "$work/seed/09-generate.png" docs/screenshots/generate.png
cp "$work/county/10-aggregate.png" docs/screenshots/aggregate.png
ls -l docs/screenshots
