#!/usr/bin/env bash
# The Linux bundle for UOS V20, Kylin V10 and Debian 11–13 (x86-64): built in a Debian 11 root against
# glibc 2.28, then packed as dist/reportdesk-VERSION-linux-x86_64.tar.gz and dist/reportdesk_VERSION_amd64.deb.
# Run by packaging/build.sh (kylin, uos or linux), which checks the prerequisites first.
#
# Kept between runs in $CACHE (packaging/lib/roots.sh): the Debian 11 root, the Python built in it (about
# 4 minutes on 2 cores, made again only when build-python.sh or glibc-2.28.h change) and the venv of the bundle
# (made again when the pins or the project's dependencies change). PyInstaller runs every time.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=../lib/roots.sh
. packaging/lib/roots.sh

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
ARCH=$(uname -m)
DEB_ARCH=$(dpkg --print-architecture)
CONSTRAINTS=packaging/requirements/linux-$ARCH.txt
[ -f "$CONSTRAINTS" ] || { echo "没有 $ARCH 的版本约束文件 $CONSTRAINTS" >&2; exit 2; }
# The newest glibc any binary of the bundle may ask for: UOS V20's.
GLIBC_MAX=2.28
DIST=dist/linux

# What the root needs: a C toolchain and the -dev packages of the Python modules the program uses; the
# libraries Qt's plugins link (PyInstaller bundles those it finds, so they must be there); objdump for
# PyInstaller; and a deb-src line of Debian 12 for the sources of Python 3.11 and SQLite.
PACKAGES="gcc make libc6-dev pkg-config dpkg-dev xz-utils patch tcl zlib1g-dev libbz2-dev liblzma-dev libffi-dev
  libssl-dev uuid-dev binutils ca-certificates libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libfreetype6 libdbus-1-3 libglib2.0-0 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libwayland-client0
  libwayland-cursor0 libwayland-egl1"
SETUP="
echo 'deb-src $MIRROR bookworm main' >>/etc/apt/sources.list
echo 'deb-src $SECURITY_MIRROR bookworm-security main' >>/etc/apt/sources.list
apt-get update -qq
apt-get install -y -qq $(echo $PACKAGES) >/dev/null
"

t0=$SECONDS
root=$(make_root bullseye-build bullseye "$DEB_ARCH" "$PACKAGES" "$SETUP")
log "linux: build root ready in $((SECONDS - t0)) s"

# Python, made again when its recipe changes.
python_recipe=$(cat packaging/linux/build-python.sh packaging/linux/glibc-2.28.h | sha256sum | cut -c1-16)
if [ "$(cat "$root/opt/python/.recipe" 2>/dev/null)" != "$python_recipe" ]; then
  t=$SECONDS
  log "linux: building SQLite and Python 3.11 for glibc $GLIBC_MAX (about 4 min on 2 cores)"
  in_root "$root" bash /src/packaging/linux/build-python.sh >&2
  echo "$python_recipe" >"$root/opt/python/.recipe"
  log "linux: Python built in $((SECONDS - t)) s"
fi

# The venv of the bundle: the project's dependencies (from pyproject.toml) and PyInstaller, with the pins.
venv_recipe=$( (cat "$CONSTRAINTS" pyproject.toml "$root/opt/python/.recipe") | sha256sum | cut -c1-16)
if [ "$(cat "$root/opt/venv/.recipe" 2>/dev/null)" != "$venv_recipe" ]; then
  t=$SECONDS
  log "linux: venv with the program's dependencies ($CONSTRAINTS)"
  in_root "$root" bash -euo pipefail -c "
    rm -rf /opt/venv
    /opt/python/bin/python3.11 -m venv /opt/venv
    /opt/venv/bin/python -c 'import tomllib; print(*tomllib.load(open(\"/src/pyproject.toml\", \"rb\"))[\"project\"][\"dependencies\"], sep=\"\n\")' >/tmp/deps.txt
    /opt/venv/bin/python -m pip install -q --no-compile -c /src/$CONSTRAINTS -r /tmp/deps.txt pyinstaller
  " >&2
  echo "$venv_recipe" >"$root/opt/venv/.recipe"
  log "linux: venv made in $((SECONDS - t)) s"
fi

t=$SECONDS
rm -rf "$DIST" build/pyinstaller-linux
in_root "$root" /opt/venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "/src/$DIST" --workpath /src/build/pyinstaller-linux /src/packaging/reportdesk.spec >&2
log "linux: PyInstaller bundle in $((SECONDS - t)) s"

# The guarantee: no binary of the bundle asks for a glibc newer than UOS V20's.
floor=$(python3 packaging/linux/check_glibc.py "$DIST/reportdesk" --max "$GLIBC_MAX") ||
  { echo "有文件需要比 glibc $GLIBC_MAX 更新的系统库（见上），UOS V20 上无法运行" >&2; exit 1; }

tarball=dist/reportdesk-$VERSION-linux-$ARCH.tar.gz
# Compressed while the .deb is made (each compressor takes one core).
tar -C "$DIST" -czf "$tarball" reportdesk &
tar_pid=$!

# The .deb: /opt/reportdesk, /usr/bin/reportdesk, the desktop entry, the icons, the user guide.
stage=build/deb/reportdesk_${VERSION}_$DEB_ARCH
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/256x256/apps" \
  "$stage/usr/share/doc/reportdesk/screenshots"
cp -a "$DIST/reportdesk" "$stage/opt/reportdesk"
ln -s /opt/reportdesk/reportdesk "$stage/usr/bin/reportdesk"
install -m 644 packaging/linux/reportdesk.desktop "$stage/usr/share/applications/reportdesk.desktop"
install -m 644 resources/reportdesk.svg "$stage/usr/share/icons/hicolor/scalable/apps/reportdesk.svg"
install -m 644 resources/reportdesk.png "$stage/usr/share/icons/hicolor/256x256/apps/reportdesk.png"
install -m 644 packaging/linux/copyright "$stage/usr/share/doc/reportdesk/copyright"
install -m 644 docs/user-guide.md "$stage/usr/share/doc/reportdesk/user-guide.md"
install -m 644 docs/screenshots/*.png "$stage/usr/share/doc/reportdesk/screenshots/"
chmod -R u+rwX,go+rX,go-w "$stage"
# Libraries the bundle loads from the system (packaging/README.md says why each is not bundled), a CJK font.
depends="libc6 (>= $floor), libstdc++6, libgl1, libegl1, libxcb1, libfontconfig1, libfreetype6, libpng16-16"
depends+=", libdbus-1-3, libsystemd0, libglib2.0-0, libxkbcommon0, libwayland-client0, libwayland-cursor0"
depends+=", libwayland-egl1, fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$DEB_ARCH/" -e "s/@DEPENDS@/$depends/" \
  -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$stage" | cut -f1)/" \
  packaging/linux/control.in >"$stage/DEBIAN/control"
deb=dist/reportdesk_${VERSION}_$DEB_ARCH.deb
# xz, which every dpkg reads (UOS and Kylin ship dpkg versions without zstd); level 3: half the time of the
# default 6 for a package 10 % larger.
dpkg-deb --root-owner-group -Zxz -z3 --build "$stage" "$deb" >/dev/null
wait "$tar_pid"

mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1000000}'; }
echo "linux: $DIST/reportdesk/ $(mb "$(du -sb "$DIST/reportdesk" | cut -f1)"), $(find "$DIST/reportdesk" -type f | wc -l) files, glibc ≥ $floor"
echo "linux: $tarball $(mb "$(stat -c %s "$tarball")")"
echo "linux: $deb $(mb "$(stat -c %s "$deb")")"
log "linux: done in $((SECONDS - t0)) s"
