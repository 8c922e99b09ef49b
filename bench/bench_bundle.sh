#!/usr/bin/env bash
# Size and cold start of the Linux bundle built by `packaging/build.sh linux` (or `linux deb`).
#
#   bench/bench_bundle.sh [RUNS]
#
# Prints the folder's size, the compressed sizes (.tar.gz, .deb when built), then for `--selftest` (offscreen)
# and for the time until the main window is shown (Xvfb, `reportdesk` with no arguments, a new user folder):
# one cold run — the page cache dropped first, as after a reboot; needs root, else said so — and the median of
# RUNS warm runs (default 5). Needs xvfb-run and xwininfo (Debian packages xvfb, xauth, x11-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
program=dist/reportdesk/reportdesk
[ -x "$program" ] || { echo "no bundle: run packaging/build.sh linux first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1000000}'; }
ms() {
  local t=$EPOCHREALTIME
  echo $((${t/[.,]/} / 1000))
}
seconds() { printf '%d.%03d s' $(($1 / 1000)) $(($1 % 1000)); }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
drop_caches() {
  sync
  if echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
    echo "cold (page cache dropped)"
  else
    echo "first run (page cache NOT dropped: needs root)"
  fi
}
fresh_env() {
  local home
  home=$(mktemp -d "$work/home.XXXXXX")
  echo "HOME=$home PATH=/usr/bin:/bin LANG=C.UTF-8"
}

selftest_ms() {
  local t0 t1
  t0=$(ms)
  # shellcheck disable=SC2046
  env -i $(fresh_env) QT_QPA_PLATFORM=offscreen "$program" --selftest >"$work/selftest.log" 2>&1 ||
    { cat "$work/selftest.log" >&2; exit 1; }
  t1=$(ms)
  echo $((t1 - t0))
}

window_ms() {
  local line
  # shellcheck disable=SC2046
  line=$(env -i $(fresh_env) xvfb-run -a -s "-screen 0 1366x768x24" \
    packaging/linux/first-window.sh 60 "$PWD/$program") || { echo "$line" >&2; exit 1; }
  # "0.641 s: window …" → milliseconds
  echo "$line" | awk '{split($1, p, "."); print p[1] * 1000 + p[2]}'
}

system=$(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release)
echo "reportdesk bundle: $program ($(uname -m), $system)"
echo "folder dist/reportdesk: $(mb "$(du -sb dist/reportdesk | cut -f1)"), $(find dist/reportdesk -type f | wc -l) files"
for f in dist/reportdesk-*-linux-*.tar.gz dist/reportdesk_*.deb; do
  [ -f "$f" ] && echo "compressed $f: $(mb "$(stat -c %s "$f")")"
done

how=$(drop_caches)
echo "--selftest, $how: $(seconds "$(selftest_ms)")"
for _ in $(seq "$runs"); do selftest_ms; done >"$work/selftest.ms"
echo "--selftest, warm, median of $runs: $(seconds "$(median <"$work/selftest.ms")")"

how=$(drop_caches)
echo "first window (Xvfb), $how: $(seconds "$(window_ms)")"
for _ in $(seq "$runs"); do window_ms; done >"$work/window.ms"
echo "first window (Xvfb), warm, median of $runs: $(seconds "$(median <"$work/window.ms")")"
