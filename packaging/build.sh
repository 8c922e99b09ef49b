#!/usr/bin/env bash
# Build what an office installs, from a checkout set up with scripts/setup.sh. Results go to dist/.
#
#   packaging/build.sh linux      one-folder bundle dist/reportdesk/ and dist/reportdesk-VERSION-linux-ARCH.tar.gz
#   packaging/build.sh deb        the bundle packed as dist/reportdesk_VERSION_ARCH.deb (UOS, Kylin, Debian, Ubuntu)
#   packaging/build.sh windows    on Windows (Git Bash): dist/reportdesk/ (reportdesk.exe, reportdesk-cli.exe),
#                                 a .zip of it and, when Inno Setup's ISCC is installed, the per-user setup .exe
#   packaging/build.sh linux deb  several targets share one bundle build
#
# Linux needs objdump (Debian package binutils) for PyInstaller and for the .deb's glibc requirement.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

usage() {
  echo "用法：packaging/build.sh linux|deb|windows [...]" >&2
  exit 2
}
[ $# -ge 1 ] || usage
for target in "$@"; do
  case "$target" in linux | deb | windows) ;; *) usage ;; esac
done

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*) on_windows=1 PY=.venv/Scripts/python.exe ;;
  *) on_windows=0 PY=.venv/bin/python ;;
esac

if [ ! -x "$PY" ]; then
  echo "没有找到 .venv：请先运行 scripts/setup.sh" >&2
  exit 2
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "安装打包工具（pyproject.toml 的 build 组）…"
  "$PY" -m pip install -q -e ".[build]"
fi
VERSION=$("$PY" -c "import reportdesk; print(reportdesk.__version__)")

bundle() {
  rm -rf dist/reportdesk
  "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/reportdesk.spec
}

build_linux() {
  local arch
  arch=$(uname -m)
  tar -C dist -czf "dist/reportdesk-$VERSION-linux-$arch.tar.gz" reportdesk
  echo "dist/reportdesk/  dist/reportdesk-$VERSION-linux-$arch.tar.gz"
}

# The highest glibc symbol version any binary of the bundle asks for: the .deb depends on at least that libc6,
# so dpkg refuses an older system (UOS V20 and Kylin V10 have glibc 2.28 and 2.31) instead of a crash at start.
glibc_floor() {
  { find dist/reportdesk -type f \( -name '*.so*' -o -perm -u+x \) -print0 |
    xargs -0 objdump -T 2>/dev/null || true; } |
    grep -o 'GLIBC_2\.[0-9]*' | sed 's/GLIBC_//' | sort -t. -k2,2n -u | tail -1
}

build_deb() {
  local arch stage floor deb
  arch=$(dpkg --print-architecture)
  stage=build/deb/reportdesk_${VERSION}_$arch
  rm -rf "$stage"
  mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/256x256/apps" \
    "$stage/usr/share/doc/reportdesk"
  cp -a dist/reportdesk "$stage/opt/reportdesk"
  ln -s /opt/reportdesk/reportdesk "$stage/usr/bin/reportdesk"
  install -m 644 packaging/linux/reportdesk.desktop "$stage/usr/share/applications/reportdesk.desktop"
  install -m 644 resources/reportdesk.svg "$stage/usr/share/icons/hicolor/scalable/apps/reportdesk.svg"
  install -m 644 resources/reportdesk.png "$stage/usr/share/icons/hicolor/256x256/apps/reportdesk.png"
  install -m 644 packaging/linux/copyright "$stage/usr/share/doc/reportdesk/copyright"
  # The user guide with the screenshots it shows.
  install -m 644 docs/user-guide.md "$stage/usr/share/doc/reportdesk/user-guide.md"
  install -d "$stage/usr/share/doc/reportdesk/screenshots"
  install -m 644 docs/screenshots/*.png "$stage/usr/share/doc/reportdesk/screenshots/"
  chmod -R u+rwX,go+rX,go-w "$stage"

  floor=$(glibc_floor)
  [ -n "$floor" ] || { echo "无法读出程序需要的 glibc 版本（缺少 objdump？安装 binutils）" >&2; exit 1; }
  # Libraries the bundle loads from the system (see packaging/README.md), a CJK font and fontconfig's settings.
  local depends="libc6 (>= $floor), libgl1, libegl1, libxcb1, libfontconfig1, libfreetype6, libdbus-1-3"
  depends+=", libglib2.0-0, libxkbcommon0, libwayland-client0, libwayland-cursor0, libwayland-egl1"
  depends+=", fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
  sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" \
    -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$stage" | cut -f1)/" \
    packaging/linux/control.in >"$stage/DEBIAN/control"
  deb=dist/reportdesk_${VERSION}_$arch.deb
  # xz as every dpkg reads it (UOS and Kylin ship dpkg versions without zstd); level 3: half the time of
  # dpkg-deb's default 6 for a package 10 % larger.
  dpkg-deb --root-owner-group -Zxz -z3 --build "$stage" "$deb" >/dev/null
  echo "$deb"
}

build_windows() {
  if [ "$on_windows" != 1 ]; then
    echo "Windows 安装包只能在 Windows 上构建（Git Bash 中运行 packaging/build.sh windows），见 packaging/windows/README.md" >&2
    exit 2
  fi
  "$PY" -m zipfile -c "dist/reportdesk-$VERSION-windows-x64.zip" dist/reportdesk
  echo "dist/reportdesk/  dist/reportdesk-$VERSION-windows-x64.zip"
  if command -v iscc >/dev/null 2>&1 || command -v ISCC.exe >/dev/null 2>&1; then
    # /Q and /D are ISCC's options in every Inno Setup 6; MSYS must not take them for paths.
    MSYS2_ARG_CONV_EXCL='*' "$(command -v iscc || command -v ISCC.exe)" /Q "/DAppVersion=$VERSION" \
      "$(cygpath -w "$ROOT/packaging/windows/reportdesk.iss")"
    echo "dist/reportdesk-$VERSION-windows-x64-setup.exe"
  else
    echo "没有找到 Inno Setup 的 ISCC：只生成了文件夹和 .zip。安装 Inno Setup 6 并把它加入 PATH 后重新运行。" >&2
  fi
}

built=0
for target in "$@"; do
  if [ "$target" = windows ]; then
    [ "$on_windows" = 1 ] && [ "$built" = 0 ] && { bundle; built=1; }
    build_windows
    continue
  fi
  if [ "$on_windows" = 1 ]; then
    echo "$target 只能在 Linux 上构建" >&2
    exit 2
  fi
  [ "$built" = 0 ] && { bundle; built=1; }
  "build_$target"
done
