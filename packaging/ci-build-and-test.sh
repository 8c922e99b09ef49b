#!/usr/bin/env bash
# CI for what offices install: build the Linux bundle and the .deb, check the .deb with dpkg, run the bundle's
# selftest offscreen in an empty environment, then install the .deb in a clean Debian root and use it there
# (packaging/linux/test-clean-root.sh: apt resolves its Depends, selftest, the window under Xvfb, removal).
#
#   packaging/ci-build-and-test.sh                  everything (root, debootstrap and a Debian mirror needed)
#   packaging/ci-build-and-test.sh --no-clean-root  without the clean root: the .deb is unpacked with dpkg -x and
#                                                   its program run from there on this machine's libraries
#
# Needs a checkout set up with scripts/setup.sh, and binutils (PyInstaller's objdump).
set -euo pipefail
cd "$(dirname "$0")/.."

clean_root=1
[ "${1:-}" = "--no-clean-root" ] && clean_root=0

started=$SECONDS
packaging/build.sh linux deb
version=$(.venv/bin/python -c "import reportdesk; print(reportdesk.__version__)")
deb=dist/reportdesk_${version}_$(dpkg --print-architecture).deb
echo "== built in $((SECONDS - started)) s"

echo "== dpkg-deb: control fields, files, desktop entry"
.venv/bin/python packaging/linux/check_deb.py "$deb"

echo "== the bundle's selftest, offscreen, in an empty environment"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen dist/reportdesk/reportdesk --selftest

echo "== programs the bundle starts get the system's libraries (LibreOffice stand-in for --pdf)"
printf '#!/bin/sh\nenv >"%s/child-env"\n' "$home" >"$home/soffice"
chmod +x "$home/soffice"
env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 REPORTDESK_SOFFICE="$home/soffice" \
  dist/reportdesk/reportdesk render resources/sample-report.json -o "$home/x.docx" --pdf "$home/x.pdf" \
  >/dev/null 2>&1 || true # the stand-in makes no PDF: only its environment matters here
if ! [ -s "$home/child-env" ] || grep -E '^(LD_LIBRARY_PATH|QT_PLUGIN_PATH|QML2_IMPORT_PATH)=' "$home/child-env"; then
  echo "the program the bundle started did not run, or saw the bundle's library or plugin path" >&2
  exit 1
fi
echo "ok"

if [ "$clean_root" = 1 ]; then
  packaging/linux/test-clean-root.sh "$deb"
else
  echo "== the .deb unpacked with dpkg -x, its program's selftest (this machine's libraries, no clean root)"
  dpkg-deb -x "$deb" "$home/root"
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "$home/root/opt/reportdesk/reportdesk" --selftest | tail -1
fi
echo "== packaging CI passed in $((SECONDS - started)) s"
