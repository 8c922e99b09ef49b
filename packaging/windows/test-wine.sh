#!/usr/bin/env bash
# Use the Windows installer as an office would, under Debian 13's Wine 10 with Xvfb, on Qt's real `windows`
# platform (not offscreen), in a new Wine prefix — a Windows that has never seen reportdesk:
#   install (silently, per user, into %LOCALAPPDATA%\Programs\reportdesk, Start-menu shortcuts);
#   reportdesk-cli.exe --selftest; reportdesk-cli.exe render of the sample report (a .docx with the text);
#   reportdesk.exe until its main window is shown, with a screenshot (build/wine-first-window.png);
#   uninstall (the program's folder is gone, the drafts database is kept).
# Prints the seconds each step took.
#
#   packaging/windows/test-wine.sh [dist/reportdesk-VERSION-windows-x64-setup.exe]
#
# The prefix gets one CJK font (WenQuanYi Micro Hei, standing in for Microsoft YaHei and SimSun, which a
# Chinese Windows has): without one Qt draws every Chinese character as a box. Xvfb takes the first free display
# of REPORTDESK_XVFB_DISPLAYS (default 30–39).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=../lib/roots.sh
. packaging/lib/roots.sh

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
setup=${1:-dist/reportdesk-$VERSION-windows-x64-setup.exe}
[ -f "$setup" ] || { echo "没有安装程序 $setup：先运行 packaging/build.sh windows" >&2; exit 2; }
case "$(realpath "$setup")" in "$ROOT"/*) ;; *) echo "the installer must be inside the checkout" >&2; exit 2 ;; esac
setup_rel=$(realpath --relative-to="$ROOT" "$setup")

t0=$SECONDS
root=$(wine_root)
mkdir -p build
displays=${REPORTDESK_XVFB_DISPLAYS:-30 31 32 33 34 35 36 37 38 39}
REPORTDESK_ROOT_ENV="WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml= SETUP=Z:\\src\\${setup_rel//\//\\} DISPLAYS=${displays// /,}" \
  in_root "$root" bash /src/packaging/windows/test-wine-inside.sh
log "windows: Wine tests passed in $((SECONDS - t0)) s"
