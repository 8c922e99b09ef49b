#!/bin/sh
# Install free stand-ins for the 公文 fonts (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体) so
# that LibreOffice previews, PDF conversion and CI render the report with the right kind of face.
#
# The Fandol fonts are taken out of Debian's texlive-lang-chinese package (downloaded with
# `apt-get download`, not installed: no TeX is pulled in). 方正小标宋 maps to Noto Serif CJK SC
# Bold (package fonts-noto-cjk). The font files are never part of reportdesk itself.
#
# Usage: install-preview-fonts.sh [--user]
#   As root (or without --user when root), fonts go to /usr/local/share/fonts/reportdesk-fandol and
#   the alias file to /etc/fonts/conf.d; with --user (or when not root) to ~/.local/share/fonts and
#   ~/.config/fontconfig/conf.d. Set FANDOL_DEB=/path/to/texlive-lang-chinese_*.deb to use a
#   package file already at hand (offline). Idempotent: fonts already present are not fetched again.
set -eu

for tool in fc-cache fc-match dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || { echo "install-preview-fonts: $tool is missing (apt-get install fontconfig)" >&2; exit 1; }
done

here=$(cd "$(dirname "$0")" && pwd)
conf="$here/30-reportdesk-gongwen.conf"
fonts="FandolFang-Regular FandolHei-Regular FandolHei-Bold FandolKai-Regular FandolSong-Regular FandolSong-Bold"

if [ "${1:-}" = "--user" ] || [ "$(id -u)" != "0" ]; then
    font_dir="${XDG_DATA_HOME:-$HOME/.local/share}/fonts/reportdesk-fandol"
    conf_dir="${XDG_CONFIG_HOME:-$HOME/.config}/fontconfig/conf.d"
else
    font_dir=/usr/local/share/fonts/reportdesk-fandol
    conf_dir=/etc/fonts/conf.d
fi

missing=""
for f in $fonts; do
    [ -s "$font_dir/$f.otf" ] || missing="$missing $f"
done

if [ -n "$missing" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    deb="${FANDOL_DEB:-}"
    if [ -z "$deb" ]; then
        download() { (cd "$work" && apt-get download texlive-lang-chinese >/dev/null 2>"$work/apt.err"); }
        # A fresh machine may have no package lists yet: refresh them once (as root) and retry.
        if ! download && [ "$(id -u)" = "0" ] && apt-get update -qq >/dev/null 2>&1 && download; then :; fi
        deb=$(ls "$work"/texlive-lang-chinese_*.deb 2>/dev/null || true)
        if [ -z "$deb" ]; then
            cat "$work/apt.err" >&2
            echo "install-preview-fonts: cannot download texlive-lang-chinese (run apt-get update first?)" >&2
            exit 1
        fi
    fi
    mkdir -p "$work/x"
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/x" --wildcards '*/fonts/opentype/public/fandol/Fandol*.otf'
    mkdir -p "$font_dir"
    for f in $fonts; do
        src=$(find "$work/x" -name "$f.otf" | head -n 1)
        if [ -z "$src" ]; then
            echo "install-preview-fonts: $f.otf not found in $deb" >&2
            exit 1
        fi
        cp "$src" "$font_dir/$f.otf"
        chmod 644 "$font_dir/$f.otf"
    done
fi

mkdir -p "$conf_dir"
cp "$conf" "$conf_dir/30-reportdesk-gongwen.conf"
chmod 644 "$conf_dir/30-reportdesk-gongwen.conf"
fc-cache -f "$font_dir" >/dev/null 2>&1 || fc-cache -f >/dev/null

# Fail loudly when a name still does not resolve to its stand-in.
check() {
    got=$(fc-match -f '%{family[0]}' "$1")
    case "$got" in
        "$2"*) ;;
        *) echo "install-preview-fonts: '$1' resolves to '$got', expected $2" >&2; exit 1 ;;
    esac
}
check 仿宋_GB2312 FandolFang
check 楷体_GB2312 FandolKai
check 黑体 FandolHei
check 宋体 FandolSong
check 方正小标宋简体 "Noto Serif CJK"
echo "install-preview-fonts: 公文 stand-in fonts ready in $font_dir"
