"""An office's own template runs bounded: refused with a Chinese reason, never a hang or a crash;
``template --check`` compares the sample report's every printed figure and text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from reportdesk.cli import main
from reportdesk.form import resource_path
from reportdesk.render import sandbox
from reportdesk.render.template_build import TEMPLATE_RESOURCE

from . import hostile

SHIPPED = resource_path(TEMPLATE_RESOURCE).read_bytes()


@pytest.fixture(autouse=True)
def tight_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits a template meets in seconds here (a real render takes well under one)."""
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 8.0)
    monkeypatch.setattr(sandbox, "CPU_LIMIT", 2)
    monkeypatch.setattr(sandbox, "MEMORY_LIMIT", 768 * 1024 * 1024)


def replaced(old: str, new: str) -> bytes:
    """The shipped template with the first run whose text is ``old`` changed to ``new``."""
    doc = docx.Document(io.BytesIO(SHIPPED))
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    run = next(r for r in runs if r.text == old)
    run.text = new
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def added(text: str) -> bytes:
    """The shipped template with one more paragraph at the end."""
    doc = docx.Document(io.BytesIO(SHIPPED))
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


HOSTILE: dict[str, tuple[bytes, str]] = {
    "unclosed {{ drops the agency lines": (
        replaced("{{ para }}", "{{ para "),
        "样例报告的“武汉市东湖新技术开发区”没有印出来",
    ),
    "two figures swapped": (
        replaced("{{ t3_new_natural }}", "{{ t3_new_commercial }}{{ t3_new_natural if false else '' }}"),
        "应印“42”，用此模板印为“0”",
    ),
    "range(10**9)": (added("{% for i in range(10**9) %}{{ i }}{% endfor %}"), "range() 最多 10000 项"),
    "recursive macro": (
        added("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"),
        "嵌套过深",
    ),
    "lipsum": (added("{{ lipsum(10**6) }}"), "lipsum"),
    "10**(10**10)": (added("{{ 10**(10**10) }}"), "乘方的指数过大"),
    "string times 10**9": (added("{{ 'x' * 10**9 }}"), "重复后的文字或列表过长"),
    "growing namespace": (
        added(
            "{% set ns = namespace(x='ab') %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}"
        ),
        "占用内存过多",
    ),
    "nested loops": (
        added("{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}"),
        "时间过长",
    ),
    "syntax error": (replaced("{{ para }}", "{{ para }} {% if %}"), "模板语法错误"),
    "reaching into Python": (added("{{ year.__class__.__mro__ }}"), "不允许"),
}


# Each runs a child process (about a second): the cases only a child can tell. The sandbox's own
# bounds are tested directly below.
THROUGH_THE_CHILD = (
    "unclosed {{ drops the agency lines",
    "two figures swapped",
    "recursive macro",
    "growing namespace",
    "nested loops",
    "reaching into Python",
)


@pytest.mark.parametrize("case", THROUGH_THE_CHILD)
def test_template_check_refuses_in_chinese(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, reason = HOSTILE[case]
    path = tmp_path / "mine.docx"
    path.write_bytes(data)
    code = main(["template", "--check", str(path)])
    out, err = capsys.readouterr()
    hostile.assert_clean(code, err, hide=(str(path),))
    assert code == 1, out + err
    assert reason in err, err
    assert "可以使用" not in out


@pytest.mark.parametrize("case", ["growing namespace", "unclosed {{ drops the agency lines"])
def test_render_with_a_hostile_template_writes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, reason = HOSTILE[case]
    path = tmp_path / "mine.docx"
    path.write_bytes(data)
    out = tmp_path / "r.docx"
    code = main(["render", str(hostile.SEED), "-o", str(out), "--template", str(path)])
    err = capsys.readouterr().err
    hostile.assert_clean(code, err, hide=(str(path),))
    if case.startswith("unclosed"):
        # Lints clean and renders: only --check, which compares the sample, can tell.
        assert code == 0
        return
    assert code == 2 and reason in err
    assert not out.exists()


def test_the_shipped_template_passes_its_own_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.docx"
    assert main(["template", "-o", str(path)]) == 0
    assert main(["template", "--check", str(path)]) == 0
    assert "每个数字和每段文字都与内置模板一致" in capsys.readouterr().out


def test_a_child_that_dies_is_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "_command", lambda: ["/bin/sh", "-c", "kill -SEGV $$"])
    problems = sandbox.check_user_template(SHIPPED, "mine.docx")
    assert problems == ["检查模板的子进程意外退出（退出码 -11），模板不能使用"]


BOUNDED = {
    "range(10**9)": ("{% for i in range(10**9) %}{% endfor %}", "range() 最多 10000 项"),
    "10**(10**10)": ("{{ 10**(10**10) }}", "乘方的指数过大"),
    "string times 10**9": ("{{ 'x' * 10**9 }}", "重复后的文字或列表过长"),
    "list times 10**9": ("{{ [1, 2] * 10**9 }}", "重复后的文字或列表过长"),
    "huge product": (
        "{{ (10**250) * (10**250) * (10**250) * (10**250) * (10**250) * (10**250) }}",
        "相乘的数过大",
    ),
    "long concatenation": ("{% set s = 'x' * 999999 %}{{ s + s }}", "连接后的文字或列表过长"),
}


@pytest.mark.parametrize("case", BOUNDED)
def test_the_sandbox_refuses_huge_arithmetic_at_once(case: str) -> None:
    source, reason = BOUNDED[case]
    with pytest.raises(sandbox.Refused, match=re.escape(reason)):
        sandbox.BoundedSandbox().from_string(source).render()


def test_lipsum_is_gone_and_small_arithmetic_works() -> None:
    env = sandbox.BoundedSandbox()
    assert "lipsum" not in env.globals
    assert (
        env.from_string("{{ 2**10 }} {{ 'ab' * 3 }} {{ range(3)|list }}").render() == "1024 ababab [0, 1, 2]"
    )
