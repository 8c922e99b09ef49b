#!/usr/bin/env bash
# The newcomer's run: a fresh clone in a bare Debian root, then exactly the README's commands, in order, in one
# shell — set-up, the window, the tests, every command example on the project's sample files — stopping at the
# first that does not work and naming it (README line, command, exit status).
#
#   scripts/newcomer-check.sh [--keep]     --keep: leave the root in place and print where it is
#
# What it does, as root (debootstrap and chroot need it):
#   1. a bare Debian root of this machine's release: debootstrap --variant=minbase (scripts/debian-root.sh, which
#      reuses a tarball of a pristine root when $REPORTDESK_DEBIAN_ROOT_TAR names one — CI's other root-making
#      step can share it);
#   2. `git clone` of this checkout's HEAD (committed work only) into /root/reportdesk of that root: nothing beside;
#   3. the commands of every ```sh block of README.md (scripts/readme_commands.py reads them; a block marked
#      ```sh skip-newcomer-check is left out and listed), run as root in a clean environment (no CI, no proxy
#      or pip settings of this machine) — as a newcomer at a desktop: DISPLAY names an Xvfb of this machine,
#      whose socket is the only thing shared; the command that opens the window passes when this machine sees
#      a window of class "reportdesk" mapped on that display, which is then closed.
# Needs (installed here when missing, as scripts/setup.sh does): debootstrap, git, python3, Xvfb (xvfb, xauth),
# xwininfo (x11-utils), unshare (util-linux), and a Debian mirror (REPORTDESK_DEBIAN_MIRROR to choose one).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
keep=0
[ "${1:-}" = "--keep" ] && keep=1

if [ "$(id -u)" != 0 ]; then
  echo "newcomer-check: needs root (debootstrap, chroot): sudo $0" >&2
  exit 2
fi
needed=()
command -v debootstrap >/dev/null || needed+=(debootstrap)
command -v git >/dev/null || needed+=(git)
command -v python3 >/dev/null || needed+=(python3)
command -v Xvfb >/dev/null || needed+=(xvfb xauth)
command -v xwininfo >/dev/null || needed+=(x11-utils)
command -v unshare >/dev/null || needed+=(util-linux)
if [ ${#needed[@]} -gt 0 ]; then
  echo "newcomer-check: installing ${needed[*]}"
  apt-get -o DPkg::Lock::Timeout=120 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends \
    "${needed[@]}" >/dev/null
fi
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "newcomer-check: uncommitted changes in $repo are not part of the check (it clones HEAD)" >&2
fi

started=$SECONDS
root=$(mktemp -d /tmp/newcomer-root.XXXXXX)
xvfb_pid="" poller_pid=""
cleanup() {
  [ -n "$poller_pid" ] && kill "$poller_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  if [ "$keep" = 1 ]; then
    echo "newcomer-check: the root is kept in $root"
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

echo "== a bare Debian root (debootstrap --variant=minbase) in $root"
"$repo/scripts/debian-root.sh" "$root"
made=$SECONDS
echo "-- root ready in $((made - started)) s"

echo "== git clone of $(git -C "$repo" rev-parse --short HEAD) into /root/reportdesk, nothing beside it"
git clone -q --no-local --no-checkout "$repo" "$root/root/reportdesk"
git -C "$root/root/reportdesk" checkout -q --detach "$(git -C "$repo" rev-parse HEAD)"
python3 "$repo/scripts/readme_commands.py" "$root/root/reportdesk/README.md"
python3 "$repo/scripts/readme_commands.py" "$root/root/reportdesk/README.md" --script >"$root/tmp/readme-commands.sh"

# The desktop: an Xvfb here (display $NEWCOMER_DISPLAY, e.g. 14, else the first free one); only its socket
# folder is shared with the root.
if [ -n "${NEWCOMER_DISPLAY:-}" ]; then
  display=${NEWCOMER_DISPLAY#:}
  Xvfb ":$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -S "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
  [ -S "/tmp/.X11-unix/X$display" ] || { echo "newcomer-check: Xvfb :$display did not start" >&2; exit 1; }
else
  exec 5< <(exec Xvfb -displayfd 1 -screen 0 1366x768x24 -nolisten tcp 2>/dev/null)
  xvfb_pid=$!
  read -r -t 30 -u 5 display || { echo "newcomer-check: Xvfb did not start" >&2; exit 1; }
fi
echo "== desktop: Xvfb :$display (1366×768)"

# Watches for the window the README's window command opens (the root asks in /tmp/nc-window.wanted).
(
  while sleep 0.5; do
    [ -e "$root/tmp/nc-window.wanted" ] && [ ! -e "$root/tmp/nc-window.shown" ] || continue
    for id in $(DISPLAY=:$display xwininfo -root -tree 2>/dev/null |
      awk '/\("reportdesk" "reportdesk"\)/ {print $1}'); do
      if DISPLAY=:$display xwininfo -id "$id" 2>/dev/null | grep -q "Map State: IsViewable"; then
        DISPLAY=:$display xwininfo -id "$id" | sed -n 's/^xwininfo: Window id: //p' >"$root/tmp/nc-window.shown"
        break
      fi
    done
  done
) &
poller_pid=$!

# What the root takes from this machine besides the X socket: its proxy settings, and its TLS trust when a
# local CA was added (/usr/local/share/ca-certificates: a proxy that inspects TLS), so that pip in the root
# reaches PyPI as it does here. A machine without either passes nothing.
extra=()
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -n "${!v:-}" ] && extra+=("$v=${!v}")
done
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null && [ -s /etc/ssl/certs/ca-certificates.crt ]; then
  mkdir -p "$root/etc/newcomer-check"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/newcomer-check/ca.crt"
  extra+=(PIP_CERT=/etc/newcomer-check/ca.crt SSL_CERT_FILE=/etc/newcomer-check/ca.crt)
  echo "== this machine's local CAs passed to the root for pip: $(ls /usr/local/share/ca-certificates | tr '\n' ' ')"
fi

# A private mount namespace: /proc, /dev/pts, /dev/shm and the X socket folder are mounted for the run only.
set +e
# shellcheck disable=SC2016  # expanded by the inner sh
unshare --mount --fork -- sh -c '
  mount -t proc proc "$1/proc" &&
  { mount -t devpts -o newinstance devpts "$1/dev/pts" 2>/dev/null || true; } &&
  mount -t tmpfs -o mode=1777 tmpfs "$1/dev/shm" &&
  mkdir -p "$1/tmp/.X11-unix" && mount --bind /tmp/.X11-unix "$1/tmp/.X11-unix" &&
  root=$1 display=$2 && shift 2 &&
  exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb SHELL=/bin/bash DISPLAY=":$display" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" \
    /bin/bash /tmp/readme-commands.sh /root/reportdesk' sh "$root" "$display" "${extra[@]}"
status=$?
set -e
echo "-- root $((made - started)) s, README commands $((SECONDS - made)) s, all $((SECONDS - started)) s"
exit "$status"
