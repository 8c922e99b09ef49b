#!/usr/bin/env bash
# Size and start-up time of the built bundles (packaging/build.sh all first).
#
#   bench/bench_bundle.sh [linux|windows|all] [RUNS]        (default: all, 5 runs)
#
# linux (Kylin V10, UOS V20 and Debian share this one bundle): the folder's size and files, the .tar.gz and the
#   .deb; `--selftest` offscreen and the time until the main window is shown under Xvfb (`reportdesk` with no
#   arguments, a new user folder) — one cold run, then the median of RUNS warm runs. Cold means the bundle's
#   own files were evicted from the page cache first (posix_fadvise DONTNEED on each; the rest of the machine's
#   cache is left alone, and no root is needed); the system libraries it loads may still be cached.
# windows: the folder, the .zip and the installer; then packaging/windows/test-wine.sh, which installs into a new
#   Wine prefix and prints the time of the first (cold) --selftest and first window under Wine 10 — figures of
#   Wine on this machine, not of a Windows PC.
#
# Needs Xvfb and xwininfo (Debian packages xvfb, xauth, x11-utils): installed with apt when missing. Xvfb takes
# the first free display of REPORTDESK_XVFB_DISPLAYS (default 30–39).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
runs=${2:-5}
case "$what" in linux | windows | all) ;; *) echo "usage: bench/bench_bundle.sh [linux|windows|all] [RUNS]" >&2; exit 2 ;; esac
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number" >&2; exit 2; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)

mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1000000}'; }
size_line() { [ -f "$1" ] && echo "  $1: $(mb "$(stat -c %s "$1")")" || true; }
folder_line() { echo "  $1/: $(mb "$(du -sb "$1" | cut -f1)"), $(find "$1" -type f | wc -l) files"; }

bench_linux() {
  local program=dist/linux/reportdesk/reportdesk
  [ -x "$program" ] || { echo "没有 Linux 程序包：先运行 packaging/build.sh linux" >&2; exit 2; }
  local missing=()
  command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
  command -v xauth >/dev/null 2>&1 || missing+=(xauth)
  command -v xwininfo >/dev/null 2>&1 || missing+=(x11-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "安装测量需要的组件：${missing[*]}（Xvfb 虚拟显示器、xwininfo）"
    local sudo=""
    [ "$(id -u)" != 0 ] && sudo=sudo
    $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  local work
  work=$(mktemp -d)
  # shellcheck disable=SC2064  # the folder is known now
  trap "rm -rf '$work'" RETURN
  ms() { local t=$EPOCHREALTIME; echo $((${t/[.,]/} / 1000)); }
  seconds() { printf '%d.%03d s' $(($1 / 1000)) $(($1 % 1000)); }
  median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
  evict() {
    python3 - dist/linux/reportdesk <<'PY'
import os, sys
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        fd = os.open(os.path.join(folder, name), os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
PY
  }
  selftest_ms() {
    local t0 home
    home=$(mktemp -d "$work/home.XXXXXX")
    t0=$(ms)
    env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$program" --selftest \
      >"$work/selftest.log" 2>&1 || { cat "$work/selftest.log" >&2; return 1; }
    echo $(($(ms) - t0))
  }
  window_ms() {
    local line home
    home=$(mktemp -d "$work/home.XXXXXX")
    line=$(env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$DISPLAY" \
      packaging/linux/first-window.sh 60 "$PWD/$program" 2>&1) || { echo "$line" >&2; return 1; }
    # "0.641 s: window …" → milliseconds
    echo "$line" | awk '/^[0-9]+\.[0-9]+ s:/ {split($1, p, "."); print p[1] * 1000 + p[2]; found = 1} END {exit !found}'
  }

  local d xvfb=""
  for d in ${REPORTDESK_XVFB_DISPLAYS:-30 31 32 33 34 35 36 37 38 39}; do
    Xvfb ":$d" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    kill -0 "$xvfb" 2>/dev/null && break
    xvfb=""
  done
  [ -n "$xvfb" ] || { echo "no free X display for Xvfb" >&2; exit 1; }
  export DISPLAY=":$d"

  local system status=0
  system=$(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release)
  echo "Linux bundle (Kylin V10, UOS V20, Debian 11–13), run on $system, $(uname -m), $(nproc) cores:"
  folder_line dist/linux/reportdesk
  size_line "dist/reportdesk-$version-linux-$(uname -m).tar.gz"
  size_line "dist/reportdesk_${version}_$(dpkg --print-architecture).deb"
  # Each figure is checked to be a number: a window that never appears is said so, never computed with.
  measure() {
    local t
    evict
    t=$(selftest_ms) || return 1
    echo "  --selftest (offscreen), cold: $(seconds "$t")"
    for _ in $(seq "$runs"); do selftest_ms || return 1; done >"$work/selftest.ms"
    echo "  --selftest (offscreen), warm, median of $runs: $(seconds "$(median <"$work/selftest.ms")")"
    evict
    t=$(window_ms) || return 1
    echo "  first window (Xvfb $DISPLAY), cold: $(seconds "$t")"
    for _ in $(seq "$runs"); do window_ms || return 1; done >"$work/window.ms"
    echo "  first window (Xvfb $DISPLAY), warm, median of $runs: $(seconds "$(median <"$work/window.ms")")"
  }
  measure || status=1
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  [ "$status" = 0 ] || { echo "测量失败：程序没有正常启动（见上）" >&2; exit 1; }
}

bench_windows() {
  local setup=dist/reportdesk-$version-windows-x64-setup.exe
  [ -f "$setup" ] || { echo "没有 Windows 安装程序：先运行 packaging/build.sh windows" >&2; exit 2; }
  echo "Windows bundle (Windows 10/11 x64), measured under Wine 10 on this machine:"
  folder_line dist/windows/reportdesk
  size_line "dist/reportdesk-$version-windows-x64.zip"
  size_line "$setup"
  packaging/windows/test-wine.sh "$setup" 2>&1 | grep -E "installed into|--selftest|render|first window|uninstalled" | sed 's/^/  /'
}

[ "$what" = windows ] || bench_linux
[ "$what" = linux ] || bench_windows
