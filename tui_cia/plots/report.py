"""The meeting report from plain data: Markdown with text charts, or HTML with SVG charts."""

from __future__ import annotations

import contextlib
import os
from html import escape
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.plots import LEGEND
from tui_cia.plots.bars import bars
from tui_cia.plots.radar import radar
from tui_cia.plots.svg import bars_svg, radar_svg

WORDS = {
    "th": (
        "พื้นที่",
        "รอบ",
        "ครัวเรือนที่สำรวจ",
        "ผลรายด้าน (เรดาร์)",
        "ร้อยละที่ผ่านเกณฑ์",
        "ตารางตัวชี้วัด",
        "ปัญหาเรียงลำดับ",
        "ครัวเรือนเป้าหมาย",
        "ตัวชี้วัดที่ไม่ผ่าน",
    ),
    "en": (
        "Area",
        "Round",
        "Households surveyed",
        "Dimensions (radar)",
        "Pass rates",
        "Indicators",
        "Problem ranking",
        "Target households",
        "indicators failed",
    ),
}
HOUSEHOLD = {"th": "ครัวเรือน", "en": "Household"}
DIM_HEAD = {
    "th": "| ด้าน | คะแนน | % ครัวเรือนที่ผ่านทุกข้อ |",
    "en": "| Dimension | Score | % households passing all |",
}
HEAD = {
    "th": (
        "ข้อ",
        "ตัวชี้วัด",
        "หน่วย",
        "สำรวจ",
        "ผ่าน",
        "ไม่ผ่าน",
        "%",
        "% รอบก่อน",
        "เปลี่ยน",
        "เป้า",
        "ขาด",
    ),
    "en": (
        "No.",
        "Indicator",
        "Unit",
        "Surveyed",
        "Passed",
        "Failed",
        "%",
        "% before",
        "Change",
        "Target",
        "Gap",
    ),
}
LEVEL_WORD = {
    "th": {"province": "จังหวัด", "amphoe": "อำเภอ", "tambon": "ตำบล", "village": "หมู่บ้าน"},
    "en": {"province": "Province", "amphoe": "Amphoe", "tambon": "Tambon", "village": "Village"},
}
HEADLINE = {
    "th": ("ประชากร (คน)", "รายได้เฉลี่ย ต่อคน ต่อปี (บาท)", "รอบก่อน"),
    "en": ("Population", "Average income per person per year (baht)", "Previous round"),
}
SECTIONS = {
    "th": (
        "แผนแก้ปัญหา (สาเหตุ โครงการ หน่วยงานรับผิดชอบ)",
        "ตัวชี้วัด ราย{level} (ร้อยละที่ผ่าน)",
        "ครัวเรือนเป้าหมาย รายตัวชี้วัด",
    ),
    "en": (
        "Plan (cause, project, responsible agency)",
        "Indicators by {level} (% passing)",
        "Target households by indicator",
    ),
}
PLAN_HEAD = {
    "th": ("ข้อ", "ตัวชี้วัด", "%", "สาเหตุ", "โครงการ / กิจกรรม", "หน่วยงานรับผิดชอบ"),
    "en": ("No.", "Indicator", "%", "Cause", "Project", "Responsible agency"),
}
PLACE = {
    "th": ("หมู่บ้าน", "จำนวน", "ครัวเรือนเป้าหมาย"),
    "en": ("Village", "Number", "Target households"),
}


def _num(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return f"{value:,}" if isinstance(value, int) and abs(value) >= 10000 else str(value)


def _header(ctx: dict[str, Any]) -> list[tuple[str, str]]:
    lang = ctx["lang"]
    w, h = WORDS[lang], HEADLINE[lang]
    level = LEVEL_WORD[lang].get(ctx["level"], ctx["level"])
    found = [(w[0], f"{level} {ctx['area']}"), (w[1], _num(ctx["round"]))]
    if ctx.get("previous_round") is not None:
        found.append((h[2], _num(ctx["previous_round"])))
    found.append((w[2], f"{ctx['households']:,}"))
    headline = ctx.get("headline")
    if headline is not None and headline.population is not None:
        found.append((h[0], f"{headline.population:,}"))
    if headline is not None and headline.income_per_person is not None:
        found.append((h[1], f"{headline.income_per_person:,.0f}"))
    return found


def _md_cell(value: Any) -> str:
    """A table cell's text as Markdown shows it and no more: typed text (a note, a name)
    can neither end the cell (`|`) nor become HTML in a Markdown viewer (`<script>`)."""
    text = " ".join(_num(value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "/")


def _md_table(head: tuple[str, ...] | list[str], rows: list[Any]) -> list[str]:
    out = ["| " + " | ".join(_md_cell(v) for v in head) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]


def _matrix_title(template: str, head: list[str], lang: str) -> str:
    """The matrix's heading, named by the level of its rows (its first column's heading)."""
    return template.format(level=head[0] if lang == "th" else head[0].lower())


def _md_sections(ctx: dict[str, Any]) -> list[str]:
    """The plan, the matrix of the areas one level down and the target lists."""
    lang = ctx["lang"]
    plan, villages, lists = SECTIONS[lang]
    out = ["", f"## {plan}", "", *_md_table(PLAN_HEAD[lang], ctx["plans"])]
    if ctx.get("matrix"):
        head, rows = ctx["matrix"]
        out += ["", f"## {_matrix_title(villages, head, lang)}", "", *_md_table(head, rows)]
    out += ["", f"## {lists}", ""]
    for title, rows in ctx["target_lists"]:
        out += [f"### {title}", "", *_md_table(PLACE[lang], rows), ""]
    return out


def markdown(ctx: dict[str, Any]) -> str:
    """The report in Markdown; the charts are text in code blocks."""
    w, head = WORDS[ctx["lang"]], HEAD[ctx["lang"]]
    out = [f"# {ctx['title']}", ""] + [f"- **{k}**: {v}" for k, v in _header(ctx)]
    out += [
        "",
        f"## {w[3]}",
        "",
        "```",
        radar(
            ctx["axes"],
            ctx["series"],
            width=78,
            height=24,
            target=ctx["target"],
            target_word=LEGEND[ctx["lang"]][1],
        ),
        "```",
        "",
    ]
    out += [DIM_HEAD[ctx["lang"]], "|---|---|---|"]
    out += [
        f"| {name} | {_num(score)} | {_num(share)} |" for name, score, share in ctx["dimensions"]
    ]
    out += [
        "",
        f"## {w[4]}",
        "",
        "```",
        bars(ctx["bars"], width=100, words=LEGEND[ctx["lang"]]),
        "```",
        "",
        f"## {w[5]}",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    out += ["| " + " | ".join(_num(v) for v in row) + " |" for row in ctx["table"]]
    out += ["", f"## {w[6]}", ""]
    out += [
        f"{i}. {_num(n)} {name}: {_num(rate)} % ({_num(gap)})"
        for i, (n, name, rate, gap) in enumerate(ctx["ranking"], start=1)
    ]
    out += _md_sections(ctx)
    return "\n".join(out) + "\n"


def _table(rows: list[tuple[Any, ...]], head: tuple[str, ...] | None = None, kind: str = "") -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head) if head else ""
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_num(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    opening = f"<table class='{kind}'>" if kind else "<table>"
    return f"{opening}{'<tr>' + cells + '</tr>' if cells else ''}{body}</table>"


CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Sarabun", "TH Sarabun New", sans-serif; font-size: 11pt; color: #000; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; page-break-inside: auto; }
td, th { border: 1px solid #888; padding: 2pt 4pt; text-align: right; }
td:nth-child(2), th:nth-child(2) { text-align: left; }
table.list td, table.list th { text-align: left; }
table.plan td, table.plan th, table.targets th { text-align: left; }
table.plan td { height: 18pt; }
table.plan th:nth-child(2) { width: 34%; }
table.plan th:nth-child(4), table.plan th:nth-child(5), table.plan th:nth-child(6) { width: 19%; }
table.targets td:nth-child(1) { width: 22%; text-align: left; }
table.targets td:nth-child(3) { text-align: left; font-size: 9pt; }
table.plan td:nth-child(1), table.plan td:nth-child(3) { text-align: right; }
table.matrix { font-size: 7pt; table-layout: fixed; }
table.matrix td, table.matrix th { padding: 1pt; }
table.matrix th:nth-child(1) { width: 16%; }
table.matrix td:nth-child(1), table.matrix th:nth-child(1) { text-align: left; }
table.matrix td:nth-child(2), table.matrix th:nth-child(2) { text-align: right; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; page-break-after: avoid; }
h3 { font-size: 11pt; page-break-after: avoid; }
svg { display: block; max-width: 100%; height: auto; margin: 4pt 0; page-break-inside: avoid; }
"""


def _html_sections(ctx: dict[str, Any]) -> list[str]:
    lang = ctx["lang"]
    plan, villages, lists = SECTIONS[lang]
    parts = [f"<h2>{plan}</h2>", _table(ctx["plans"], PLAN_HEAD[lang], kind="plan")]
    if ctx.get("matrix"):
        head, rows = ctx["matrix"]
        title = escape(_matrix_title(villages, head, lang))
        parts += [f"<h2>{title}</h2>", _table(rows, tuple(head), kind="matrix")]
    parts.append(f"<h2>{lists}</h2>")
    for title, rows in ctx["target_lists"]:
        parts += [f"<h3>{escape(title)}</h3>", _table(rows, PLACE[lang], kind="targets")]
    return parts


def html(ctx: dict[str, Any]) -> str:
    """A self-contained HTML report that prints on A4 (no scripts, no outside files)."""
    w, lang = WORDS[ctx["lang"]], ctx["lang"]
    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{escape(ctx['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(ctx['title'])}</h1>",
        _table(_header(ctx)),
        f"<h2>{w[3]}</h2>",
        radar_svg(ctx["axes"], ctx["series"], ctx["target"]),
        _table(ctx["dimensions"], tuple(DIM_HEAD[lang].strip("| ").split(" | "))),
        f"<h2>{w[4]}</h2>",
        bars_svg(ctx["bars"], LEGEND[lang]),
        f"<h2>{w[5]}</h2>",
        _table(ctx["table"], HEAD[lang]),
        f"<h2>{w[6]}</h2><ol>",
    ]
    parts += [
        f"<li>{escape(_num(n))} {escape(name)}: {_num(rate)} % ({_num(gap)})</li>"
        for n, name, rate, gap in ctx["ranking"]
    ]
    parts.append("</ol>")
    parts += _html_sections(ctx)
    parts.append("</body></html>")
    return "\n".join(parts)


SUFFIXES = (".md", ".html", ".htm")


def write(ctx: dict[str, Any], out: Path) -> None:
    """The report to `out`, Markdown or HTML by its suffix, written whole or not at all (a
    file beside it, then renamed: a report open in a browser is never left half written)."""
    text = markdown(ctx) if out.suffix.lower() == ".md" else html(ctx)
    part = out.with_name(f".{out.name}.part")
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, out)
    except OSError as exc:
        raise TuiCiaError(
            f"cannot write the report to {out}: {exc.strerror or exc}; check that the folder "
            "exists and can be written to, and that the file is not open elsewhere"
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
