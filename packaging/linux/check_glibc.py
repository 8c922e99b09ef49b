"""The newest glibc any binary of a bundle asks for, read with objdump; fails above a ceiling.

    python3 packaging/linux/check_glibc.py FOLDER [--max 2.28]

Every ELF file under FOLDER (programs, libraries, Python extension modules) is read with ``objdump -T``; each
symbol it takes from glibc carries the version it needs (``exp@GLIBC_2.29``). Prints the highest version found
(the ``libc6 (>= …)`` of the .deb) on the last line. With ``--max``, exits 1 and names every file and symbol
above it: a bundle that asks for glibc 2.29 does not start on UOS V20, whatever else passed.
Standard library only; needs objdump (Debian package binutils).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

# "0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.29) exp" (binutils ≥ 2.35 puts the version in
# parentheses, older ones without); only undefined symbols are needs, defined ones are what a file provides.
SYMBOL = re.compile(r"\*UND\*\s+\S+\s+\(?GLIBC_(\d+(?:\.\d+)+)\)?\s+(\S+)")


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def elf_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def glibc_needs(path: Path) -> dict[str, str]:
    """Symbol name → glibc version it asks for, of one ELF file."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
    return {m.group(2): m.group(1) for m in SYMBOL.finditer(out)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max", help="the newest glibc allowed, e.g. 2.28")
    args = parser.parse_args(argv)
    if shutil.which("objdump") is None:
        print("objdump is missing (Debian package binutils)", file=sys.stderr)
        return 2
    highest = "0"
    files = 0
    over: list[str] = []
    for path in elf_files(args.folder):
        files += 1
        for symbol, version in sorted(glibc_needs(path).items()):
            if version_key(version) > version_key(highest):
                highest = version
            if args.max and version_key(version) > version_key(args.max):
                over.append(f"{path.relative_to(args.folder)}: {symbol}@GLIBC_{version}")
    if files == 0:
        print(f"no ELF file under {args.folder}", file=sys.stderr)
        return 2
    for line in over:
        print(line, file=sys.stderr)
    if over:
        print(f"{len(over)} symbols need a glibc newer than {args.max}", file=sys.stderr)
        return 1
    print(f"{files} ELF files, newest glibc symbol version asked for: {highest}", file=sys.stderr)
    print(highest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
