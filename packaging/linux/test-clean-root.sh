#!/usr/bin/env bash
# Install a built .deb into a clean Debian root and use it there as an office would.
#
#   packaging/linux/test-clean-root.sh dist/reportdesk_VERSION_ARCH.deb
#
# debootstrap makes a minimal root of the host's Debian release; apt installs the .deb in it, resolving its
# Depends from the mirror exactly as on a bare office machine. Then, as an ordinary user: every library of the
# bundle resolves; `reportdesk --selftest` passes without a display and under Xvfb; the command of the desktop
# entry shows the main window under Xvfb and creates the drafts database in the user's data folder; removing the
# package leaves no file of it behind and keeps the user's drafts.
#
# Needs root, debootstrap and a Debian mirror (the host's apt source, else deb.debian.org; override with
# REPORTDESK_DEBIAN_MIRROR). /proc is mounted in a private mount namespace, so nothing stays mounted.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: test-clean-root.sh PACKAGE.deb" >&2
  exit 2
fi
deb=$(realpath "$1")

# shellcheck disable=SC1091
. /etc/os-release
suite=${REPORTDESK_CLEAN_ROOT_SUITE:-${VERSION_CODENAME:-bookworm}}
mirror=${REPORTDESK_DEBIAN_MIRROR:-$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)}
mirror=${mirror:-http://deb.debian.org/debian}

root=$(mktemp -d /tmp/reportdesk-clean-root.XXXXXX)
chmod 755 "$root"  # the root of the new system: everyone must be able to enter it
trap 'rm -rf --one-file-system "$root" "$root.log"' EXIT

echo "== clean root: debootstrap --variant=minbase $suite ($mirror)"
if ! debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.log" 2>&1; then
  tail -20 "$root.log" >&2
  exit 1
fi
cp "$deb" "$root/tmp/reportdesk.deb"
install -m 755 "$here/first-window.sh" "$root/usr/local/bin/first-window"

cat >"$root/tmp/inside.sh" <<'INSIDE'
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
apt-get update -qq
apt-get install -y -qq --no-install-recommends /tmp/reportdesk.deb >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
echo "== installed with apt: $(dpkg-query -W -f='${Package} ${Version}' reportdesk)," \
  "$(grep -c '^Setting up' /tmp/apt.log) packages set up"

echo "== every library of the bundle resolves"
lib=/opt/reportdesk/_internal
missing=$(find /opt/reportdesk -type f \( -name '*.so*' -o -name reportdesk \) -print0 |
  LD_LIBRARY_PATH=$lib:$lib/PySide6/Qt/lib xargs -0 ldd 2>/dev/null | grep 'not found' | sort -u || true)
if [ -n "$missing" ]; then
  echo "$missing" >&2
  exit 1
fi

useradd --create-home officer
as_officer() {
  runuser -u officer -- env -i HOME=/home/officer PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
    ${DISPLAY:+DISPLAY=$DISPLAY} "$@"
}
echo "== reportdesk --selftest, no display"
as_officer reportdesk --selftest

apt-get install -y -qq --no-install-recommends xvfb xauth x11-utils >/tmp/apt-x.log 2>&1 || { cat /tmp/apt-x.log; exit 1; }
echo "== reportdesk --selftest under Xvfb"
as_officer xvfb-run -a reportdesk --selftest | tail -2

echo "== the desktop entry's command shows the main window under Xvfb"
command=$(sed -n 's/^Exec=//p' /usr/share/applications/reportdesk.desktop)
# shellcheck disable=SC2086  # the Exec line is a command with its arguments
as_officer xvfb-run -a -s "-screen 0 1366x768x24" first-window 60 $command
test -s /home/officer/.local/share/reportdesk/reportdesk.db || { echo "no drafts database was made" >&2; exit 1; }
echo "drafts database: /home/officer/.local/share/reportdesk/reportdesk.db"

echo "== removing the package leaves nothing of it and keeps the drafts"
apt-get remove -y -qq reportdesk >/dev/null
for path in /opt/reportdesk /usr/bin/reportdesk /usr/share/applications/reportdesk.desktop; do
  if [ -e "$path" ] || [ -L "$path" ]; then
    echo "$path is left after removal" >&2
    exit 1
  fi
done
test -s /home/officer/.local/share/reportdesk/reportdesk.db
echo "removed; the drafts are kept"
INSIDE

# devpts only for apt's terminal log; a container may refuse it, which changes nothing else.
# shellcheck disable=SC2016  # $1 is expanded by the inner sh
unshare --mount --fork -- sh -c 'mount -t proc proc "$1/proc" &&
  { mount -t devpts -o newinstance devpts "$1/dev/pts" 2>/dev/null || true; } &&
  exec chroot "$1" /bin/bash /tmp/inside.sh' sh "$root"
echo "== clean root: all passed"
