"""Before a document is written over another (no Qt): which of the files to be written exist
already, and which look open in Word, WPS or LibreOffice — they leave a lock file beside the
document while it is open (Word and WPS: ``~$`` over the first characters of the name; LibreOffice:
``.~lock.NAME#``). A lock file may also be left behind by a crash: it is said as "looks open",
and the officer decides."""

from __future__ import annotations

from pathlib import Path

from reportdesk.files import is_read_only


def lock_files(path: Path) -> list[Path]:
    """The lock files beside ``path`` that say it is open in Word, WPS or LibreOffice."""
    name = path.name
    candidates = [f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"]
    return [p for p in (path.with_name(c) for c in dict.fromkeys(candidates)) if p.is_file()]


def replace_question(paths: list[Path]) -> tuple[str, str] | None:
    """What to ask before writing ``paths`` (question, details), or None when none of them exists."""
    existing = [p for p in paths if p.exists()]
    if not existing:
        return None
    open_now = [p for p in existing if lock_files(p)]
    if len(existing) == 1:
        question = f"“{existing[0].name}”已经存在，要替换它吗？"
    else:
        question = f"下列 {len(existing)} 个文件已经存在，要替换它们吗？"
    lines = [f"位置：{existing[0].parent}"]
    if len(existing) > 1:
        lines += [f"· {p.name}" for p in existing]
    read_only = [p for p in existing if is_read_only(p)]
    if read_only:
        names = "、".join(f"“{p.name}”" for p in read_only)
        lines.append(f"\n{names}是只读文件；替换后仍保持只读。")
    if open_now:
        names = "、".join(f"“{p.name}”" for p in open_now)
        lines.append(
            f"\n{names}看来正在 Word 或 WPS 中打开（旁边有它的锁定文件）。请先在 Word/WPS 中关闭它，"
            "否则新文件可能保存不了，或者 Word/WPS 里看到的还是旧的内容。"
        )
    return question, "\n".join(lines)
