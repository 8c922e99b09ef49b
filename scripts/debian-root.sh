#!/usr/bin/env bash
# Make a bare Debian root of this machine's release in DIR: debootstrap --variant=minbase.
#
#   scripts/debian-root.sh DIR
#
# With $REPORTDESK_DEBIAN_ROOT_TAR set, a pristine root is kept there as a tarball the first time and unpacked
# from it afterwards (about 3 s instead of a minute or two), so the steps of one CI run that each need a clean
# root download it once. The tarball holds only what debootstrap made, never anything a check installed.
# Mirror: $REPORTDESK_DEBIAN_MIRROR, else this machine's apt source, else deb.debian.org. Needs root, debootstrap.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: debian-root.sh DIR" >&2; exit 2; }
dir=$1
mkdir -p "$dir"
chmod 755 "$dir" # the root of the new system: everyone must be able to enter it
tarball=${REPORTDESK_DEBIAN_ROOT_TAR:-}

if [ -n "$tarball" ] && [ -s "$tarball" ]; then
  tar -xf "$tarball" -C "$dir" --numeric-owner
  echo "debian-root: unpacked the pristine root of $tarball"
  exit 0
fi

# shellcheck disable=SC1091
. /etc/os-release
suite=${VERSION_CODENAME:-bookworm}
mirror=${REPORTDESK_DEBIAN_MIRROR:-$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)}
mirror=${mirror:-http://deb.debian.org/debian}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$log" 2>&1; then
  tail -20 "$log" >&2
  echo "debian-root: debootstrap $suite from $mirror failed" >&2
  exit 1
fi
echo "debian-root: debootstrap --variant=minbase $suite ($mirror)"
if [ -n "$tarball" ]; then
  mkdir -p "$(dirname "$tarball")"
  tar -cf "$tarball.part" -C "$dir" --numeric-owner --one-file-system .
  mv "$tarball.part" "$tarball"
  echo "debian-root: kept as $tarball for the next clean root"
fi
