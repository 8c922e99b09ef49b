#!/usr/bin/env bash
# Set up reportdesk on a Debian-based machine (Debian, UOS, Kylin): system libraries Qt needs,
# CJK fonts, a virtual environment in .venv and the package in it.
#   scripts/setup.sh          what the application needs
#   scripts/setup.sh --dev    also the test tools, LibreOffice (PDF checks) and the 公文 preview fonts
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

apt_runtime=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
  libxkbcommon-x11-0 fonts-dejavu-core fonts-noto-cjk fonts-liberation2)
# postgresql: the tests start a real server in a temporary folder (tests/pg_server.py), never the system's.
# chromium: the published web page is tested in a real browser (tests/test_publish_browser.py).
apt_dev=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils xvfb xauth postgresql chromium)
command -v npm >/dev/null 2>&1 || apt_dev+=(npm)

if command -v apt-get >/dev/null 2>&1; then
  pkgs=("${apt_runtime[@]}")
  [ "$dev" = 1 ] && pkgs+=("${apt_dev[@]}")
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" != 0 ] && sudo="sudo"
    echo "安装系统组件：${missing[*]}"
    if [[ " ${missing[*]} " == *" postgresql "* ]]; then
      # Only the programs are wanted: no cluster of the system's own, no server left running.
      $sudo mkdir -p /etc/postgresql-common/createcluster.d
      echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/reportdesk.conf >/dev/null
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  # Debian's python3 lacks venv until python3-venv is installed.
  sudo=""
  [ "$(id -u)" != 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ "$dev" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
  [ -x packaging/fonts/install-preview-fonts.sh ] && packaging/fonts/install-preview-fonts.sh
  # axe-core, the accessibility checker the browser test injects into the page (offline).
  [ -f .venv/node/node_modules/axe-core/axe.min.js ] ||
    npm install --prefix .venv/node --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      axe-core@4.14.1 >/dev/null
else
  .venv/bin/python -m pip install -q -e .
fi
echo "安装完成。"
