#!/usr/bin/env bash
# CI for what offices install: build the Linux bundle (.deb, .tar.gz; glibc ≤ 2.28) and the Windows installer,
# then use each as an office would. Prints the time of every step.
#
#   1. packaging/build.sh all — both builds side by side (the glibc-2.28 check by objdump is part of the build);
#      skipped with --built (.ci/run builds while the tests run).
#   2. The .deb checked with dpkg-deb (linux/check_deb.py); the bundle's --selftest offscreen in an empty
#      environment on this machine (Debian 12); programs the bundle starts get the system's libraries.
#   3. Side by side:
#      - linux/test-clean-root.sh bullseye: the .deb installed by apt in a bare Debian 11 (glibc 2.31, the oldest
#        Debian that debootstrap still reaches; Kylin V10's glibc), selftest, the window under Xvfb, removal;
#      - the same in a bare Debian 13 (trixie: the newest, with its renamed t64 libraries);
#      - windows/test-wine.sh: the installer under Wine 10 — install, selftest, render, first window, uninstall.
#
# Needs root and the network to the package registries. The build roots and the built Python are kept in
# ~/.cache/reportdesk-build: a second run on the same machine skips the ~10 minutes of making them.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
mark=$SECONDS
took() {
  printf '== %-58s %4d s\n' "$1" $((SECONDS - mark))
  mark=$SECONDS
}

if [ "${1:-}" != --built ]; then
  packaging/build.sh all
  took "build (Linux and Windows side by side)"
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
deb=dist/reportdesk_${version}_$(dpkg --print-architecture).deb
bundle=dist/linux/reportdesk/reportdesk

echo "== dpkg-deb: control fields, files, desktop entry"
python3 packaging/linux/check_deb.py "$deb"

echo "== the bundle's selftest, offscreen, in an empty environment (Debian 12)"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$bundle" --selftest | tail -1

echo "== programs the bundle starts get the system's libraries (LibreOffice stand-in for --pdf)"
printf '#!/bin/sh\nenv >"%s/child-env"\n' "$home" >"$home/soffice"
chmod +x "$home/soffice"
env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 REPORTDESK_SOFFICE="$home/soffice" \
  "$bundle" render resources/sample-report.json -o "$home/x.docx" --pdf "$home/x.pdf" \
  >/dev/null 2>&1 || true # the stand-in makes no PDF: only its environment matters here
if ! [ -s "$home/child-env" ] || grep -E '^(LD_LIBRARY_PATH|QT_PLUGIN_PATH|QML2_IMPORT_PATH)=' "$home/child-env"; then
  echo "the program the bundle started did not run, or saw the bundle's library or plugin path" >&2
  exit 1
fi
echo "ok"
took "checks of the .deb and the bundle"

# Three installs side by side, each on its own X displays; their output is shown as each ends.
logs=build/ci-logs
rm -rf "$logs" && mkdir -p "$logs"
REPORTDESK_XVFB_DISPLAYS="30 31 32" packaging/linux/test-clean-root.sh bullseye "$deb" >"$logs/bullseye" 2>&1 &
bullseye=$!
REPORTDESK_XVFB_DISPLAYS="33 34 35" packaging/linux/test-clean-root.sh trixie "$deb" >"$logs/trixie" 2>&1 &
trixie=$!
REPORTDESK_XVFB_DISPLAYS="36 37 38 39" packaging/windows/test-wine.sh >"$logs/wine" 2>&1 &
wine=$!
status=0
for job in bullseye:$bullseye trixie:$trixie wine:$wine; do
  name=${job%%:*}
  if wait "${job#*:}"; then result=passed; else result=FAILED; status=1; fi
  echo "== ${name}: $result"
  sed 's/^/   /' "$logs/$name"
done
took "installs: Debian 11 and 13 clean roots, Windows under Wine"
[ "$status" = 0 ] || { echo "packaging CI failed" >&2; exit 1; }
echo "== packaging CI passed in $((SECONDS - started)) s"
