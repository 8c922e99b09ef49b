# Debian build roots made by debootstrap and kept between runs (sourced by the packaging scripts).
#
# Every root lives in $CACHE/roots/NAME with the recipe it was made from in /.reportdesk-recipe: a root whose
# recipe differs (another suite, other packages) is made anew. Downloaded .deb files are kept in
# $CACHE/apt/SUITE-ARCH (debootstrap's --cache-dir, and the root's /var/cache/apt/archives while a command
# runs in it), so a root made again downloads nothing. Commands run in a private mount namespace: /proc, /dev,
# the checkout (as /src) and the caches are mounted only for them and vanish with them, on the host nothing
# stays mounted. Needs root (debootstrap, chroot, unshare).

CACHE=${REPORTDESK_BUILD_CACHE:-$HOME/.cache/reportdesk-build}
MIRROR=${REPORTDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${REPORTDESK_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

# A progress line on stderr with the seconds since the script started.
log() { printf '[%4d s] %s\n' "$SECONDS" "$*" >&2; }

# sources_list SUITE: the apt lines of a Debian suite with its updates and security fixes.
sources_list() {
  local suite=$1
  echo "deb $MIRROR $suite main"
  echo "deb $MIRROR $suite-updates main"
  echo "deb $SECURITY_MIRROR $suite-security main"
}

# make_root NAME SUITE ARCH RECIPE-TEXT SETUP-SCRIPT: the root $CACHE/roots/NAME, made by debootstrap
# --variant=minbase and then SETUP-SCRIPT (bash, run inside it as root), unless a root of the same recipe is
# already there. Prints the root's path.
make_root() {
  local name=$1 suite=$2 arch=$3 recipe=$4 setup=$5
  local root=$CACHE/roots/$name debs=$CACHE/apt/$suite-$arch
  recipe=$(printf '%s\n%s\n%s\n%s\n' "$suite" "$arch" "$recipe" "$setup" | sha256sum | cut -c1-16)
  if [ -f "$root/.reportdesk-recipe" ] && [ "$(cat "$root/.reportdesk-recipe")" = "$recipe" ]; then
    echo "$root"
    return 0
  fi
  log "$name: debootstrap --variant=minbase $suite ($arch)"
  remove_root "$root"
  mkdir -p "$debs" "$CACHE/roots"
  if ! debootstrap --variant=minbase --arch="$arch" --cache-dir="$debs" "$suite" "$root" "$MIRROR" \
    >"$CACHE/roots/$name.log" 2>&1; then
    tail -20 "$CACHE/roots/$name.log" >&2
    return 1
  fi
  chmod 755 "$root"
  echo "$debs" >"$root/.reportdesk-debs"
  sources_list "$suite" >"$root/etc/apt/sources.list"
  # Only what is asked for, and no documentation: the roots stay small.
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/90reportdesk"
  log "$name: setting up"
  if ! in_root "$root" bash -euo pipefail -c "$setup" >>"$CACHE/roots/$name.log" 2>&1; then
    tail -30 "$CACHE/roots/$name.log" >&2
    return 1
  fi
  echo "$recipe" >"$root/.reportdesk-recipe"
  log "$name: ready"
  echo "$root"
}

remove_root() {
  [ -e "$1" ] || return 0
  case "$1" in "$CACHE"/roots/?*) ;; *) echo "refusing to remove $1" >&2; return 1 ;; esac
  rm -rf --one-file-system "$1"
}

# in_root ROOT COMMAND...: run COMMAND in ROOT as root, with /proc, /dev, the checkout at /src, the root's
# .deb cache and the pip cache mounted (REPORTDESK_ROOT_BIND="HOST:INSIDE ..." adds more, e.g. the X socket).
in_root() {
  local root=$1
  shift
  local suite_arch
  suite_arch=$(cat "$root/.reportdesk-debs" 2>/dev/null || true)
  mkdir -p "$CACHE/pip"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  # pip in the root trusts what this machine trusts (a proxy's certificate authority, for one).
  local pip_cert=""
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/reportdesk-host-ca.crt"
    pip_cert=PIP_CERT=/etc/reportdesk-host-ca.crt
  fi
  # shellcheck disable=SC2016  # expanded by the inner bash
  unshare --mount --fork -- bash -euo pipefail -c '
    root=$1 src=$2 debs=$3 pip=$4 binds=$5 pip_cert=$6
    shift 6
    mount --make-rprivate /
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mkdir -p "$root/src" "$root/root/.cache/pip" "$root/var/cache/apt/archives"
    mount --bind "$src" "$root/src"
    mount --bind "$pip" "$root/root/.cache/pip"
    [ -n "$debs" ] && mount --bind "$debs" "$root/var/cache/apt/archives"
    for b in $binds; do
      mkdir -p "$root${b#*:}"
      mount --bind "${b%%:*}" "$root${b#*:}"
    done
    exec chroot "$root" env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 \
      DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 $pip_cert ${REPORTDESK_ROOT_ENV:-} "$@"
  ' in_root "$root" "$ROOT" "$suite_arch" "$CACHE/pip" "${REPORTDESK_ROOT_BIND:-}" "$pip_cert" "$@"
}

# wine_root: the Debian 13 root with Wine 10 where the Windows bundle is built and tested (wine64 runs Python,
# PyInstaller and the program; wine32 from the root's own i386 architecture runs Inno Setup's 32-bit compiler,
# installer and uninstaller), osslsigncode for the signatures, pip for the wheels, a CJK font and Xvfb.
wine_root() {
  local packages="wine wine64 wine32:i386 osslsigncode ca-certificates python3-pip fonts-wqy-microhei xvfb xauth
    x11-utils"
  make_root wine-trixie trixie amd64 "$packages" "
dpkg --add-architecture i386
apt-get update -qq
apt-get install -y -qq $(echo $packages) >/dev/null
"
}
