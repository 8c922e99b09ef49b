#!/usr/bin/env bash
# Render the seed report (tests/data/seed-donghu-zwfw-2023.json) and its sign-off sheet, convert
# them to PDF with LibreOffice and keep every page as a small PNG in docs/render/, so anyone can
# see the output without Word. Needs LibreOffice and poppler-utils (scripts/setup.sh --dev) and,
# for the right faces, packaging/fonts/install-preview-fonts.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

seed=tests/data/seed-donghu-zwfw-2023.json
out=docs/render
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

.venv/bin/reportdesk render "$seed" -o "$tmp/seed.docx" --pdf "$tmp/seed.pdf"
.venv/bin/reportdesk signoff "$seed" -o "$tmp/seed-signoff.docx" --pdf "$tmp/seed-signoff.pdf"

mkdir -p "$out"
rm -f "$out"/seed-*.png
pdftoppm -r 60 -png "$tmp/seed.pdf" "$out/seed-report"
pdftoppm -r 60 -png "$tmp/seed-signoff.pdf" "$out/seed-signoff"
ls -l "$out"/seed-*.png

# The published web page (reportdesk publish) of 淮安's report in headless Chromium, at 1366 and
# 375 px wide: the top of the page and table 3 (needs chromium: scripts/setup.sh --dev).
huaian=tests/data/huaian-city-gov-2024.json
.venv/bin/reportdesk publish "$huaian" -o "$tmp/huaian.html"
rm -f docs/web/report-*.png
.venv/bin/python -m tests.chromium "$tmp/huaian.html" docs/web
