#!/usr/bin/env bash
# Start a command on the current X display and wait until reportdesk's main window is shown (mapped and
# viewable, found by its WM_CLASS "reportdesk"); print the seconds that took, then stop the command.
#   DISPLAY=:99 packaging/linux/first-window.sh [TIMEOUT_SECONDS] COMMAND [ARGS...]
# Exit status 0 when the window was shown in time, 1 otherwise. Needs xwininfo (Debian package x11-utils).
set -uo pipefail

timeout=30
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  timeout=$1
  shift
fi
[ $# -ge 1 ] || { echo "usage: first-window.sh [TIMEOUT] COMMAND [ARGS...]" >&2; exit 2; }

# Milliseconds since the epoch (bash 5's EPOCHREALTIME has microseconds after a dot).
now() {
  local t=$EPOCHREALTIME
  echo $((${t/[.,]/} / 1000))
}
viewable_window() {
  local id
  for id in $(xwininfo -root -tree 2>/dev/null | awk '/\("reportdesk" "reportdesk"\)/ {print $1}'); do
    if xwininfo -id "$id" 2>/dev/null | grep -q "Map State: IsViewable"; then
      echo "$id"
      return 0
    fi
  done
  return 1
}

start=$(now)
"$@" &
pid=$!
deadline=$((start + timeout * 1000))
shown=""
while kill -0 "$pid" 2>/dev/null; do
  if window=$(viewable_window); then
    shown=$(now)
    break
  fi
  [ "$(now)" -gt "$deadline" ] && break
  sleep 0.02
done

if [ -n "$shown" ]; then
  title=$(xwininfo -id "$window" | sed -n 's/^xwininfo: Window id: [^ ]* //p')
  elapsed=$((shown - start))
  printf '%d.%03d s: window %s %s\n' $((elapsed / 1000)) $((elapsed % 1000)) "$window" "$title"
fi
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  wait "$pid" 2>/dev/null
  [ -n "$shown" ] && exit 0
  echo "no reportdesk window within $timeout s" >&2
  exit 1
fi
wait "$pid"
echo "the command ended (status $?) before its window was shown" >&2
exit 1
