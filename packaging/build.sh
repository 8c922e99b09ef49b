#!/usr/bin/env bash
# Build what offices install, on a Debian 12 (or later) x86-64 machine, from the package registries alone.
# Results go to dist/.
#
#   packaging/build.sh kylin      Kylin V10 / UOS V20 / Debian 11–13 (x86-64; one bundle serves them all, built
#   packaging/build.sh uos        against glibc 2.28): dist/reportdesk_VERSION_amd64.deb and
#   packaging/build.sh linux      dist/reportdesk-VERSION-linux-x86_64.tar.gz (the folder: dist/linux/reportdesk/)
#   packaging/build.sh windows    Windows 10/11 x64, built under Wine: dist/reportdesk-VERSION-windows-x64-setup.exe
#                                 and dist/reportdesk-VERSION-windows-x64.zip (the folder: dist/windows/reportdesk/)
#   packaging/build.sh all        both; the two builds run side by side
#
# Needs root (sudo is used otherwise): the builds run in Debian roots made by debootstrap. They and the Python
# built for glibc 2.28 are kept in ~/.cache/reportdesk-build (REPORTDESK_BUILD_CACHE), so only the first build on
# a machine takes long (about 11 minutes on 2 cores; then 2–5). Missing tools are installed first with apt
# (debootstrap, binutils, npm). packaging/README.md says what each build holds and how it is tested.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "用法：packaging/build.sh kylin|uos|linux|windows|all ..." >&2
  exit 2
}
[ $# -ge 1 ] || usage
linux=0 windows=0
for target in "$@"; do
  case "$target" in
    kylin | uos | linux | deb) linux=1 ;;
    windows) windows=1 ;;
    all) linux=1 windows=1 ;;
    *) usage ;;
  esac
done

if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "构建需要 root 权限（debootstrap、chroot）：请用 root 运行" >&2; exit 2; }
  exec sudo REPORTDESK_BUILD_CACHE="${REPORTDESK_BUILD_CACHE:-$HOME/.cache/reportdesk-build}" "$0" "$@"
fi
if [ "$(uname -m)" != x86_64 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "构建需要 x86-64 的 Debian 12 或更新的系统（arm64 的做法见 packaging/README.md）" >&2
  exit 2
fi

# Prerequisites: command → Debian package.
need=(debootstrap:debootstrap objdump:binutils python3:python3 dpkg-deb:dpkg unshare:util-linux xz:xz-utils)
[ "$windows" = 1 ] && need+=(npm:npm)
missing=()
for pair in "${need[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装构建工具：${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
[ -d /usr/share/debootstrap/scripts ] && [ -e /usr/share/debootstrap/scripts/trixie ] ||
  { echo "这个 debootstrap 不认识 Debian 13（trixie）：请先更新 debootstrap" >&2; exit 2; }

mkdir -p dist build
started=$SECONDS
if [ "$linux" = 1 ] && [ "$windows" = 1 ]; then
  # Side by side: the Linux build is mostly compiling, the Windows one mostly downloading and Wine.
  packaging/linux/build-linux.sh > >(sed -u 's/^/[linux] /') 2>&1 &
  linux_pid=$!
  packaging/windows/build-windows.sh > >(sed -u 's/^/[windows] /') 2>&1 &
  windows_pid=$!
  status=0
  wait "$linux_pid" || { echo "Linux 构建失败" >&2; status=1; }
  wait "$windows_pid" || { echo "Windows 构建失败" >&2; status=1; }
  [ "$status" = 0 ] || exit 1
elif [ "$linux" = 1 ]; then
  packaging/linux/build-linux.sh
else
  packaging/windows/build-windows.sh
fi
echo "built in $((SECONDS - started)) s"
