#!/usr/bin/env bash
# Install a built .deb into a clean Debian root and use it there as an office would.
#
#   packaging/linux/test-clean-root.sh SUITE dist/reportdesk_VERSION_ARCH.deb     (SUITE: bullseye, bookworm, trixie)
#
# debootstrap makes a minimal root of SUITE; apt installs the .deb in it, resolving its Depends from the mirror
# exactly as on a bare office machine. Then, as an ordinary user: every library of the bundle resolves;
# `reportdesk --selftest` passes without a display and under Xvfb; the command of the desktop entry shows the
# main window under Xvfb and creates the drafts database in the user's data folder; removing the package leaves
# no file of it behind and keeps the user's drafts.
#
# The root gets a small CJK font (fonts-wqy-microhei) before the package, as every office desktop has one: it
# satisfies the package's font dependency without the 60 MB of fonts-noto-cjk. Downloaded .deb files are kept
# in the cache of packaging/lib/roots.sh; the root itself is made anew every time. Needs root, debootstrap and
# a Debian mirror (REPORTDESK_DEBIAN_MIRROR). /proc is mounted in a private mount namespace, so nothing stays
# mounted. Xvfb takes the first free display of REPORTDESK_XVFB_DISPLAYS (default 30–39).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 2 ] || [ ! -f "$2" ]; then
  echo "usage: test-clean-root.sh SUITE PACKAGE.deb" >&2
  exit 2
fi
suite=$1
deb=$(realpath "$2")
ROOT=$(cd "$here/../.." && pwd)
# shellcheck source=../lib/roots.sh
. "$here/../lib/roots.sh"
debs=$CACHE/apt/$suite-$(dpkg --print-architecture)
mkdir -p "$debs"

root=$(mktemp -d /tmp/reportdesk-clean-root.XXXXXX)
chmod 755 "$root"  # the root of the new system: everyone must be able to enter it
trap 'rm -rf --one-file-system "$root" "$root.log"' EXIT

t0=$SECONDS
if ! debootstrap --variant=minbase --cache-dir="$debs" "$suite" "$root" "$MIRROR" >"$root.log" 2>&1; then
  tail -20 "$root.log" >&2
  exit 1
fi
sources_list "$suite" >"$root/etc/apt/sources.list"
printf 'APT::Install-Recommends "false";\n' >"$root/etc/apt/apt.conf.d/90reportdesk"
echo "== clean root $suite: debootstrap --variant=minbase in $((SECONDS - t0)) s"
cp "$deb" "$root/tmp/reportdesk.deb"
install -m 755 "$here/first-window.sh" "$root/usr/local/bin/first-window"
echo "${REPORTDESK_XVFB_DISPLAYS:-30 31 32 33 34 35 36 37 38 39}" >"$root/tmp/displays"

cat >"$root/tmp/inside.sh" <<'INSIDE'
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
. /etc/os-release
apt-get update -qq
apt-get install -y -qq fonts-wqy-microhei >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
apt-get install -y -qq --no-install-recommends /tmp/reportdesk.deb >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
echo "== $PRETTY_NAME, glibc $(dpkg-query -W -f='${Version}' libc6): installed with apt:" \
  "$(dpkg-query -W -f='${Package} ${Version}' reportdesk), $(grep -c '^Setting up' /tmp/apt.log) packages set up"

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
# A display of our own (xvfb-run -a would take :99, which others on the machine may use).
for d in $(cat /tmp/displays); do
  if [ ! -e "/tmp/.X$d-lock" ] && ! grep -q "@/tmp/.X11-unix/X$d\$" /proc/net/unix 2>/dev/null; then break; fi
done
xvfb() { as_officer xvfb-run -n "$d" -s "-screen 0 1366x768x24 -nolisten tcp" "$@"; }
echo "== reportdesk --selftest under Xvfb (:$d)"
xvfb reportdesk --selftest | tail -2

echo "== the desktop entry's command shows the main window under Xvfb"
command=$(sed -n 's/^Exec=//p' /usr/share/applications/reportdesk.desktop)
# shellcheck disable=SC2086  # the Exec line is a command with its arguments
xvfb first-window 60 $command
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
unshare --mount --fork -- sh -c 'mount --make-rprivate / && mount -t proc proc "$1/proc" &&
  { mount -t devpts -o newinstance devpts "$1/dev/pts" 2>/dev/null || true; } &&
  mount --bind "$2" "$1/var/cache/apt/archives" &&
  exec chroot "$1" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root /bin/bash /tmp/inside.sh' sh "$root" "$debs"
echo "== clean root $suite: all passed in $((SECONDS - t0)) s"
