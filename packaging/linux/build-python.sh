#!/usr/bin/env bash
# Inside the Debian 11 build root (packaging/linux/build-linux.sh runs it): SQLite and Python 3.11 built into
# /opt/python so that they load on glibc 2.28 (UOS V20) — Debian 11 has glibc 2.31 and buster (2.28) cannot be
# bootstrapped any more.
#
# Sources: Debian 12's own source packages (python3.11, sqlite3) from the deb-src lines of the root, newest
# version whose files the mirror still has. Of Debian's patches only the upstream fixes and CVE fixes are
# applied, not the ones that change Python's layout for Debian. Every C file is compiled with glibc-2.28.h
# force-included (exp/log/pow bound to their old symbol versions); sem_clockwait (glibc 2.30) is turned off at
# configure. --enable-shared with an rpath: PyInstaller bundles libpython3.11.so, and the built python finds
# its own libpython and libsqlite3 in /opt/python/lib.
set -euo pipefail
PREFIX=/opt/python
SHIM=/src/packaging/linux/glibc-2.28.h
WORK=/build
JOBS=$(nproc)

# get_source PACKAGE: unpack the newest source of PACKAGE the mirror still serves into $WORK/PACKAGE-src.
get_source() {
  local pkg=$1 v
  mkdir -p "$WORK/$pkg" && cd "$WORK/$pkg"
  for v in $(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -rV); do
    if apt-get source -qq --download-only "$pkg=$v" >/dev/null 2>&1; then
      echo "$pkg $v" >&2
      rm -rf src debian
      mkdir src
      tar -xf "$(ls "${pkg}"_*.orig.tar.* | grep -v orig- | head -1)" -C src --strip-components=1
      tar -xf "${pkg}_${v#*:}.debian.tar.xz"
      return 0
    fi
  done
  echo "no source of $pkg could be downloaded" >&2
  return 1
}

# apply_fixes: the patches of Debian's series that fix bugs or CVEs upstream (their names say so); Debian's
# layout patches (deb-*, multiarch, distutils-*, …) and test-only patches are left out.
apply_fixes() {
  local pattern=$1 p
  grep -E "$pattern" debian/patches/series | grep -v -E '^(#|skip-)' | while read -r p _; do
    patch -d src -p1 --forward -s <"debian/patches/$p" >/dev/null || { echo "patch $p does not apply" >&2; exit 1; }
  done
}

export CFLAGS="-O2 -g0 -include $SHIM"
export CPPFLAGS="-I$PREFIX/include"
export LDFLAGS="-L$PREFIX/lib -Wl,-rpath,$PREFIX/lib"

rm -rf "$PREFIX" "$WORK"
mkdir -p "$PREFIX" "$WORK"

get_source sqlite3
cd "$WORK/sqlite3"
apply_fixes 'CVE|^0[0-9]{3}-Fix|^0[0-9]{3}-Avoid|^41-fix'
cd src
./configure -q --prefix="$PREFIX" --enable-shared --disable-static --disable-tcl --disable-readline \
  CFLAGS="$CFLAGS -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_SECURE_DELETE" >/dev/null
make -s -j"$JOBS" libsqlite3.la >/dev/null 2>&1
make -s lib_install >/dev/null
install -d "$PREFIX/include"
install -m 644 sqlite3.h src/sqlite3ext.h "$PREFIX/include/"
rm -f "$PREFIX"/lib/*.la

get_source python3.11
cd "$WORK/python3.11"
apply_fixes 'CVE|^[0-9]{4}-3\.11-|deadlock|dealloc|nullptr'
cd src
# A Debian CVE fix includes an internal header in pyexpat.c, which needs the core-module define first.
grep -q '^#define Py_BUILD_CORE_MODULE' Modules/pyexpat.c || sed -i '1i #define Py_BUILD_CORE_MODULE 1' Modules/pyexpat.c
# Not installed: the test suite, IDLE, Tk (nothing of them is bundled; their .pyc take most of the install).
rm -rf Lib/test Lib/idlelib Lib/tkinter Lib/turtledemo Lib/lib2to3/tests Lib/ctypes/test Lib/unittest/test \
  Lib/sqlite3/test Lib/distutils/tests
./configure -q --prefix="$PREFIX" --enable-shared --with-ensurepip=install \
  ac_cv_func_sem_clockwait=no \
  LIBSQLITE3_CFLAGS="-I$PREFIX/include" LIBSQLITE3_LIBS="-L$PREFIX/lib -lsqlite3" >/dev/null
make -s -j"$JOBS" >/dev/null 2>"$WORK/python-make.log" || { tail -40 "$WORK/python-make.log" >&2; exit 1; }
make -s install >/dev/null 2>"$WORK/python-install.log" || { tail -40 "$WORK/python-install.log" >&2; exit 1; }
for m in _sqlite3 _ctypes _decimal _lzma _bz2 zlib pyexpat _uuid _ssl; do
  "$PREFIX/bin/python3.11" -c "import $m" || { echo "Python was built without $m" >&2; exit 1; }
done
"$PREFIX/bin/python3.11" -c 'import sqlite3, sys; print("built", sys.version.split()[0], "SQLite", sqlite3.sqlite_version)'
rm -rf "$WORK"
