#!/usr/bin/env bash
# An officer's walk through the window on a real X server, screenshot by screenshot (issue #11).
#
#   docs/screenshots/xvfb/walkthrough.sh [DISPLAY] [WIDTHxHEIGHT] [OUT]
#
# Starts Xvfb on DISPLAY (default :11) at WIDTHxHEIGHT (default 1366x768), a window manager with a
# task bar if icewm is installed (as on an office desktop: title bars, a smaller work area), and
# the window on a new database holding the two reports of 洪泽区 from tests/data; then drives it
# with xdotool — a new body and report, figures typed with Tab and Enter, a figure typed on a total,
# a warning accepted with a reason, 生成 Word with errors present (twice: the second time it asks
# before replacing), history, 汇总, the bin, F1 — and writes one PNG per step into OUT (default
# docs/screenshots/xvfb/WIDTHxHEIGHT). Needs xvfb, xdotool (apt). Clicks are placed for 1366x768
# with icewm; other sizes still show every page and dialog, a click may miss.
set -euo pipefail
cd "$(dirname "$0")/../../.."
DISPLAY_NO=${1:-:11}
SIZE=${2:-1366x768}
OUT=${3:-docs/screenshots/xvfb/$SIZE}
WORK=$(mktemp -d /tmp/reportdesk-walk-XXXXXX)
mkdir -p "$OUT"
Xvfb "$DISPLAY_NO" -screen 0 "${SIZE}x24" -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB=$!
export DISPLAY=$DISPLAY_NO
WM=""
APP=""
cleanup() { for p in $APP $WM $XVFB; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
sleep 1
if command -v icewm >/dev/null; then
  mkdir -p "$WORK/icewm"
  printf 'TitleFontNameXft="Noto Sans CJK SC:size=10"\nNormalTaskBarFontNameXft="Noto Sans CJK SC:size=10"\n' >"$WORK/icewm/preferences"
  ICEWM_PRIVCFG="$WORK/icewm" icewm >"$WORK/wm.log" 2>&1 &
  WM=$!
  sleep 1.5
fi
DB="$WORK/drafts.sqlite"
.venv/bin/reportdesk db --db "$DB" import tests/data/hongze-district-gov-2023.json >/dev/null
.venv/bin/reportdesk db --db "$DB" import tests/data/hongze-district-gov-2024.json >/dev/null
REPORTDESK_SETTINGS="$WORK/window.ini" .venv/bin/reportdesk --db "$DB" >"$WORK/app.log" 2>&1 &
APP=$!
sleep 5

shot() {
  sleep "${2:-0.7}"
  .venv/bin/python - "$OUT/$1" <<'PY'
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(["grab", "-platform", "xcb"])
app.primaryScreen().grabWindow(0).save(sys.argv[1])
PY
}
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.6; }
key() { xdotool key --delay 90 "$@"; sleep 0.5; }
typ() { xdotool type --delay 60 "$1"; sleep 0.4; }

shot 01-start.png
key alt+b; typ "交通运输局"; key Tab; typ "某某市某某县"; key Tab Tab; typ "https://jt.example.gov.cn/"
shot 02-new-body.png; key Return; sleep 1
key alt+n; shot 03-new-report.png; key Return; sleep 1.5
shot 04-section-1-empty.png
click 627 513; typ "2025年，本局主动公开政府信息120条，其中政策文件15件。"
shot 05-section-1-typed.png
key ctrl+3; sleep 0.8
typ 10; key Tab; typ 2; key Tab; typ 0; key Tab; typ 0; key Tab; typ 1; key Tab; typ 0; key Return
shot 06-table-3-enter-after-tabs.png
typ 3; key Tab; key Up; key End; key Right; typ 9
shot 07-table-3-typed-on-a-total.png
key Home; typ 4; key Tab
key ctrl+0; sleep 0.7; shot 08-start-with-states.png
click 380 364; key Down; key alt+o; sleep 1.5; key ctrl+1; sleep 0.5
click 1210 190; click 1190 650; typ "本年度政府信息管理工作延续上年做法，文字相近，已核实。"
shot 09-accepting-a-warning.png
click 1318 691; shot 10-warning-accepted.png
key ctrl+3; sleep 0.5; click 851 169; shot 11-table-3-last-year.png
key ctrl+g; sleep 1; shot 12-generate-with-errors.png
key alt+s; key ctrl+a; typ "$WORK/洪泽区2024年报告（草稿）.docx"; key alt+g; sleep 4
shot 13-generated.png
key alt+g; sleep 1; shot 14-asks-before-replacing.png
key Escape; sleep 0.5; key Escape; sleep 0.5
key ctrl+h; sleep 1; shot 15-history.png; key Escape; sleep 0.5
key ctrl+t; sleep 3; shot 16-aggregate.png
key F1; sleep 1; shot 17-shortcuts.png; key Return; sleep 0.5
key alt+f; sleep 0.5; key t; sleep 1; shot 18-bin.png; key Escape
echo "screenshots in $OUT"
