#!/usr/bin/env bash
# Inside the Wine root (packaging/windows/test-wine.sh runs it with SETUP, the installer's Windows path, and
# DISPLAYS, the X displays Xvfb may take). See test-wine.sh for what is tested.
set -euo pipefail
export WINEPREFIX=/tmp/wine-test
rm -rf "$WINEPREFIX" /tmp/fb
mkdir -p /tmp/fb

ms() { local t=$EPOCHREALTIME; echo $((${t/[.,]/} / 1000)); }
since() { local d=$(($(ms) - $1)); printf '%d.%01d s' $((d / 1000)) $((d % 1000 / 100)); }
fail() { echo "Wine: $*" >&2; exit 1; }
wine_out() { wine "$@" 2>&1 | tr -d '\r' | grep -v -E '^(wine: |[0-9a-f]+:(fixme|err|warn):)' || true; }

xvfb=""
for d in ${DISPLAYS//,/ }; do
  Xvfb ":$d" -screen 0 1366x768x24 -fbdir /tmp/fb -nolisten tcp >/tmp/xvfb.log 2>&1 &
  xvfb=$!
  sleep 1
  if kill -0 "$xvfb" 2>/dev/null; then export DISPLAY=":$d"; break; fi
  xvfb=""
done
[ -n "$xvfb" ] || fail "no free X display among $DISPLAYS"
trap 'wineserver -k 2>/dev/null || true; kill $xvfb 2>/dev/null || true' EXIT

t=$(ms)
wineboot -i >/dev/null 2>&1
wineserver -w
# A Chinese Windows has Microsoft YaHei and SimSun; this prefix gets one free CJK font in their place, installed
# as Windows installs a font: the file in C:\windows\Fonts and its entry under ...\CurrentVersion\Fonts (Qt's
# DirectWrite font database lists only the fonts registered there).
cp /usr/share/fonts/truetype/wqy/wqy-microhei.ttc "$WINEPREFIX/drive_c/windows/Fonts/"
wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\Fonts' \
  /v "WenQuanYi Micro Hei & WenQuanYi Micro Hei Mono (TrueType)" /t REG_SZ /d wqy-microhei.ttc /f >/dev/null 2>&1
for face in "Microsoft YaHei" "Microsoft YaHei UI" "SimSun" "NSimSun"; do
  wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontSubstitutes' /v "$face" /t REG_SZ \
    /d "WenQuanYi Micro Hei" /f >/dev/null 2>&1
done
wineserver -w
echo "new Wine prefix (Wine $(wine --version | sed 's/^wine-//')), display $DISPLAY: $(since "$t")"

t=$(ms)
wine_out "$SETUP" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART '/LOG=C:\install.log'
wineserver -w
user=$(ls "$WINEPREFIX/drive_c/users" | grep -v -x Public | head -1)
home="$WINEPREFIX/drive_c/users/$user"
app="$home/AppData/Local/Programs/reportdesk"
for f in reportdesk.exe reportdesk-cli.exe unins000.exe _internal/reportdesk/resources/form-2021.json; do
  [ -f "$app/$f" ] || { tr -d '\r' <"$WINEPREFIX/drive_c/install.log" | tail -20 >&2; fail "not installed: $app/$f"; }
done
menu="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
[ -f "$menu/政府信息公开年度报告.lnk" ] || fail "no Start-menu shortcut in $menu: $(ls "$menu")"
[ -f "$menu/政府信息公开年度报告 自检.lnk" ] || fail "no selftest shortcut in $menu"
echo "installed into C:\\users\\$user\\AppData\\Local\\Programs\\reportdesk with its Start-menu shortcuts: $(since "$t")"

cli='C:\users\'"$user"'\AppData\Local\Programs\reportdesk\reportdesk-cli.exe'
t=$(ms)
out=$(wine_out "$cli" --selftest)
echo "$out" | tail -4
echo "$out" | grep -q "自检通过" || fail "--selftest did not pass"
echo "reportdesk-cli.exe --selftest (Qt platform windows): $(since "$t")"

t=$(ms)
docx="$home/Documents/年度报告.docx"
mkdir -p "$home/Documents"
out=$(wine_out "$cli" render 'Z:\src\resources\sample-report.json' -o 'C:\users\'"$user"'\Documents\年度报告.docx')
[ -s "$docx" ] || { echo "$out" >&2; fail "render made no .docx"; }
python3 - "$docx" <<'PY' || fail "the rendered .docx lacks the report's text"
import sys, zipfile
text = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode("utf-8")
sys.exit(0 if "政府信息公开工作年度报告" in text else 1)
PY
echo "reportdesk-cli.exe render sample-report.json → 年度报告.docx ($(stat -c %s "$docx") bytes): $(since "$t")"

# The window as the Start-menu shortcut starts it; shown = a viewable top-level X window of reportdesk.exe.
t=$(ms)
wine 'C:\users\'"$user"'\AppData\Local\Programs\reportdesk\reportdesk.exe' >/tmp/window.log 2>&1 &
shown=""
for _ in $(seq 600); do
  for id in $(xwininfo -root -children 2>/dev/null | awk '/"reportdesk.exe"/ {print $1}'); do
    if xwininfo -id "$id" 2>/dev/null | grep -q "IsViewable" &&
      [ "$(xwininfo -id "$id" | sed -n 's/.*Width: //p')" -gt 600 ]; then
      shown=$id
      break 2
    fi
  done
  sleep 0.1
done
[ -n "$shown" ] || { tail -20 /tmp/window.log >&2; fail "no main window within 60 s"; }
echo "first window shown: $(since "$t") — $(xwininfo -id "$shown" | sed -n 's/^xwininfo: Window id: [^ ]* //p')"
sleep 3 # let it paint
python3 /src/packaging/lib/xwd_to_png.py /tmp/fb/Xvfb_screen0 /src/build/wine-first-window.png
echo "screenshot: build/wine-first-window.png"
db=$(find "$home/AppData/Local/reportdesk" -name '*.db' 2>/dev/null | head -1)
[ -n "$db" ] || fail "the window made no drafts database under %LOCALAPPDATA%\\reportdesk"
wineserver -k
wineserver -w

t=$(ms)
wine_out "$app/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
wineserver -w
for _ in $(seq 50); do [ -e "$app/reportdesk.exe" ] || break; sleep 0.2; done
[ ! -e "$app/reportdesk.exe" ] && [ ! -e "$app/_internal" ] || fail "uninstall left $(ls "$app")"
[ ! -e "$menu/政府信息公开年度报告.lnk" ] || fail "uninstall left the Start-menu shortcut"
[ -s "$db" ] || fail "uninstall removed the drafts database"
echo "uninstalled (program and shortcuts gone, drafts database kept): $(since "$t")"
