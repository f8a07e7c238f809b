"""The meeting report and its annex as self-contained HTML for A4: SVG charts, table rows
that never split across pages, table heads repeated on each page, marks that print in black
and white."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from tui_cia.plots import LEGEND
from tui_cia.plots.report import FAR, header, matrix_title, num, summary
from tui_cia.plots.reportwords import (
    ANNEX,
    DIM_HEAD,
    HEAD,
    MARKS,
    PLACE,
    PLAN_HEAD,
    SCALE,
    SECTIONS,
    WORDS,
)
from tui_cia.plots.svg import bars_svg, radar_floor, radar_svg

CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Sarabun", "TH Sarabun New", sans-serif; font-size: 11pt; color: #000; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; page-break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td, th { border: 1px solid #888; padding: 2pt 4pt; text-align: right; }
td:nth-child(2), th:nth-child(2) { text-align: left; }
table.head td:nth-child(1) { width: 45%; }
table.plan td, table.plan th, table.targets th { text-align: left; }
table.plan td { height: 18pt; }
table.plan th:nth-child(2) { width: 34%; }
table.plan th:nth-child(4), table.plan th:nth-child(5), table.plan th:nth-child(6) { width: 19%; }
table.targets td:nth-child(1) { width: 22%; text-align: left; }
table.targets td:nth-child(3) { text-align: left; font-size: 9pt; }
table.plan td:nth-child(1), table.plan td:nth-child(3) { text-align: right; }
table.indicators, table.summary { font-size: 9pt; }
table.indicators td { white-space: nowrap; }
table.indicators td:nth-child(2) { white-space: normal; width: 45%; }
table.summary td:nth-child(2) { width: 60%; }
table.matrix { font-size: 7pt; table-layout: fixed; }
table.matrix td, table.matrix th { padding: 1pt; }
table.matrix th:nth-child(1) { width: 16%; }
table.matrix td:nth-child(1), table.matrix th:nth-child(1) { text-align: left; }
table.matrix td:nth-child(2), table.matrix th:nth-child(2) { text-align: right; }
td.below, td.far { font-weight: bold; }
td.far {
  background: repeating-linear-gradient(45deg, #fff 0 2px, #aaa 2px 3px);
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
section.keep { break-inside: avoid; page-break-inside: avoid; }
p.note { font-size: 9pt; margin: 2pt 0 8pt; }
h1 { font-size: 16pt; margin-bottom: 2pt; } p.form { margin-top: 0; }
h2 { font-size: 13pt; page-break-after: avoid; break-after: avoid; }
h3 { font-size: 11pt; page-break-after: avoid; break-after: avoid; }
svg { display: block; max-width: 100%; height: auto; margin: 4pt 0; page-break-inside: avoid; }
"""


def table(
    rows: Sequence[Sequence[Any]],
    head: Sequence[str] | None = None,
    kind: str = "",
    marks: Sequence[Sequence[str]] | None = None,
) -> str:
    """A table with its head in <thead> (repeated on each printed page); `marks` give a
    class per cell ("below", "far") that the CSS makes stand out."""
    opening = f"<table class='{kind}'>" if kind else "<table>"
    parts = [opening]
    if head:
        parts.append("<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
        parts.append("</thead>")
    parts.append("<tbody>")
    for i, row in enumerate(rows):
        classes = marks[i] if marks else [""] * len(row)
        cells = (
            f"<td class='{c}'>{escape(num(v))}</td>" if c else f"<td>{escape(num(v))}</td>"
            for v, c in zip(row, classes, strict=True)
        )
        parts.append("<tr>" + "".join(cells) + "</tr>")
    return "".join([*parts, "</tbody></table>"])


def _sections(ctx: dict[str, Any], annex: str) -> list[str]:
    """The plan, the matrix of the areas one level down, the count of target households."""
    lang = ctx["lang"]
    plan, villages, lists = SECTIONS[lang]
    parts = [f"<h2>{plan}</h2>", table(ctx["plans"], PLAN_HEAD[lang], kind="plan")]
    if ctx.get("matrix"):
        head, rows, marks = ctx["matrix"]
        parts += [  # on one page when it fits: a tambon's villages are read together
            f"<section class='keep'><h2>{escape(matrix_title(villages, head, lang))}</h2>",
            table(rows, head, kind="matrix", marks=marks),
            f"<p class='note'>{escape(MARKS[lang].format(far=FAR))}</p></section>",
        ]
    head, rows = summary(ctx)
    parts += [
        f"<h2>{lists}</h2>",
        f"<p class='note'>{escape(ANNEX[lang][1].format(file=annex))}</p>",
        table(rows, head, kind="summary"),
    ]
    return parts


def _radar(ctx: dict[str, Any]) -> list[str]:
    """The radar on a scale from a floor below the lowest score, and a note that says so."""
    lang = ctx["lang"]
    values = [v for _name, vs in ctx["series"] for v in vs if v is not None]
    floor = radar_floor(values)
    chart = radar_svg(ctx["axes"], ctx["series"], ctx["target"], floor=floor)
    note = f"<p class='note'>{escape(SCALE[lang].format(floor=floor))}</p>" if floor else ""
    return [chart, note]


def html(ctx: dict[str, Any], annex: str = "") -> str:
    """A self-contained HTML report that prints on A4 (no scripts, no outside files)."""
    w, lang = WORDS[ctx["lang"]], ctx["lang"]
    dim_head = tuple(DIM_HEAD[lang].strip("| ").split(" | "))
    parts = [
        _opening(ctx["title"], lang),
        f"<h1>{escape(ctx['title'])}</h1><p class='form'>{escape(ctx['form_title'])}</p>",
        table(header(ctx), kind="head"),
        f"<h2>{w[3]}</h2>",
        *_radar(ctx),
        table(ctx["dimensions"], dim_head, kind="dimensions"),
        f"<h2>{w[4]}</h2>",
        bars_svg(ctx["bars"], LEGEND[lang]),
        f"<h2>{w[5]}</h2>",
        table(ctx["table"], HEAD[lang], kind="indicators"),
        f"<h2>{w[6]}</h2><ol>",
    ]
    parts += [
        f"<li>{escape(num(n))} {escape(name)}: {num(rate)} % ({num(gap)})</li>"
        for n, name, rate, gap in ctx["ranking"]
    ]
    parts.append("</ol>")
    parts += _sections(ctx, annex)
    parts.append("</body></html>")
    return "\n".join(parts)


def html_annex(ctx: dict[str, Any]) -> str:
    """The annex: per failing indicator, per village, how many households and which."""
    lang = ctx["lang"]
    parts = [
        _opening(f"{ANNEX[lang][0]}: {ctx['title']}", lang),
        f"<h1>{escape(ANNEX[lang][0])}</h1><p class='form'>{escape(ctx['title'])}</p>",
    ]
    for title, rows in ctx["target_lists"]:
        parts += [f"<h2>{escape(title)}</h2>", table(rows, PLACE[lang], kind="targets")]
    parts.append("</body></html>")
    return "\n".join(parts)


def _opening(title: str, lang: str) -> str:
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
    )
