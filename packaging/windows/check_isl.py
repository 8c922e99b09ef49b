"""Our Simplified Chinese messages of the installer have every message of Inno Setup's own English file.

    python3 packaging/windows/check_isl.py DEFAULT.isl packaging/windows/ChineseSimplified.isl

A message missing from a language file is shown in English by the wizard (Inno Setup only warns), so the
build stops instead. Prints the names missing or unknown; exit status 1 when any is missing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ENTRY = re.compile(r"^([A-Za-z0-9]+)=", re.MULTILINE)
SECTIONS = ("Messages", "CustomMessages")


def messages(text: str) -> set[str]:
    """Names defined in the [Messages] and [CustomMessages] sections of an .isl file."""
    names: set[str] = set()
    for part in re.split(r"^\[", text, flags=re.MULTILINE)[1:]:
        section, _, body = part.partition("]")
        if section in SECTIONS:
            names.update(ENTRY.findall(body))
    return names


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    default, ours = (messages(Path(p).read_text(encoding="utf-8-sig")) for p in argv)
    missing, unknown = sorted(default - ours), sorted(ours - default)
    for name in missing:
        print(f"{argv[1]}: message {name} is missing (the wizard would show it in English)", file=sys.stderr)
    for name in unknown:
        print(f"{argv[1]}: message {name} is not one of Inno Setup's", file=sys.stderr)
    if missing:
        return 1
    print(f"{argv[1]}: all {len(default)} messages of {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
