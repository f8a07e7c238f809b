"""The meeting report from plain data: Markdown with text charts, or HTML with SVG charts."""

from __future__ import annotations

from html import escape
from typing import Any

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
LEGEND = {"th": ("ร้อยละที่ผ่าน", "เป้าหมาย"), "en": ("pass rate", "target")}
DIM_HEAD = {
    "th": "| ด้าน | คะแนน | % ครัวเรือนที่ผ่านทุกข้อ |",
    "en": "| Dimension | Score | % households passing all |",
}
HEAD = {
    "th": ("ข้อ", "ตัวชี้วัด", "หน่วย", "สำรวจ", "ผ่าน", "ไม่ผ่าน", "%", "เป้า", "ขาด"),
    "en": ("No.", "Indicator", "Unit", "Surveyed", "Passed", "Failed", "%", "Target", "Gap"),
}


def _num(value: Any) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _header(ctx: dict[str, Any]) -> list[tuple[str, str]]:
    w = WORDS[ctx["lang"]]
    return [
        (w[0], f"{ctx['level']} {ctx['area']}"),
        (w[1], _num(ctx["round"])),
        (w[2], _num(ctx["households"])),
    ]


def markdown(ctx: dict[str, Any]) -> str:
    """The report in Markdown; the charts are text in code blocks."""
    w, head = WORDS[ctx["lang"]], HEAD[ctx["lang"]]
    out = [f"# {ctx['title']}", ""] + [f"- **{k}**: {v}" for k, v in _header(ctx)]
    out += [
        "",
        f"## {w[3]}",
        "",
        "```",
        radar(ctx["axes"], ctx["series"], width=78, height=24, target=ctx["target"]),
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
        bars(ctx["bars"], width=100),
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
    out += ["", f"## {w[7]}", ""]
    for area, rows in sorted(ctx["targets"].items()):
        out += (
            [f"### {area}", ""]
            + [f"- {who}: {w[8]} {', '.join(map(str, failing))}" for who, failing in rows]
            + [""]
        )
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
h1 { font-size: 16pt; } h2 { font-size: 13pt; page-break-after: avoid; }
h3 { font-size: 11pt; page-break-after: avoid; }
svg { display: block; max-width: 100%; height: auto; margin: 4pt 0; page-break-inside: avoid; }
"""


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
    parts.append(f"</ol><h2>{w[7]}</h2>")
    for area, rows in sorted(ctx["targets"].items()):
        parts.append(f"<h3>{escape(str(area))}</h3>")
        listed = [(who, ", ".join(map(str, f))) for who, f in rows]
        parts.append(_table(listed, (HOUSEHOLD[lang], w[8]), kind="list"))
    parts.append("</body></html>")
    return "\n".join(parts)
