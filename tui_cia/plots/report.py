"""The meeting report from plain data: Markdown with text charts, or HTML with SVG charts,
and its annex (the target households of each indicator, by name) in a second file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.plots import LEGEND, SCALE_WORD
from tui_cia.plots.bars import bars
from tui_cia.plots.radar import radar, radar_floor
from tui_cia.plots.reportwords import (
    ANNEX,
    DIM_HEAD,
    HEAD,
    HEADLINE,
    MARKS_TEXT,
    PLACE,
    PLAN_HEAD,
    SECTIONS,
    WORDS,
)
from tui_cia.survey.areas import level_name

FAR = 10  # points below target marked more strongly (analysis.charts.FAR)


def num(value: Any) -> str:
    """A figure as printed: counts with thousands separators (1,604), rates as given."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def header(ctx: dict[str, Any]) -> list[tuple[str, str]]:
    """The report's first lines: area, rounds, households, population, income."""
    lang = ctx["lang"]
    w, h = WORDS[lang], HEADLINE[lang]
    level = level_name(ctx["level"], lang)
    found = [(w[0], f"{level} {ctx['area']}"), (w[1], str(ctx["round"]))]  # a year: no comma
    if ctx.get("previous_round") is not None:
        found.append((h[2], str(ctx["previous_round"])))
    found.append((w[2], f"{ctx['households']:,}"))
    headline = ctx.get("headline")
    if headline is not None and headline.population is not None:
        found.append((h[0], f"{headline.population:,}"))
    if headline is not None and headline.income_per_person is not None:
        found.append((h[1], f"{headline.income_per_person:,.0f}"))
    return found


def summary(ctx: dict[str, Any]) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The main report's table of target households per indicator (the names are in the
    annex): number, indicator, households and, with areas below, in how many of them."""
    lang = ctx["lang"]
    head: tuple[str, ...] = (*PLAN_HEAD[lang][:2], ANNEX[lang][2])
    if not ctx.get("matrix"):
        return head, [row[:3] for row in ctx["target_summary"]]
    return (*head, ANNEX[lang][3].format(level=ctx["matrix"][0][0])), ctx["target_summary"]


def _md_cell(value: Any) -> str:
    """A table cell's text as Markdown shows it and no more: typed text (a note, a name)
    can neither end the cell (`|`) nor become HTML in a Markdown viewer (`<script>`)."""
    text = " ".join(num(value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "/")


def _md_table(head: tuple[str, ...] | list[str], rows: list[Any]) -> list[str]:
    out = ["| " + " | ".join(_md_cell(v) for v in head) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]


def matrix_title(template: str, head: list[str], lang: str) -> str:
    """The matrix's heading, named by the level of its rows (its first column's heading)."""
    return template.format(level=head[0] if lang == "th" else head[0].lower())


def _md_matrix(ctx: dict[str, Any]) -> list[str]:
    """The matrix with cells below target in bold (and a ▼ when far below)."""
    head, rows, marks = ctx["matrix"]
    shown = [
        [
            _md_cell(v) if not m else f"**{_md_cell(v)}{' ▼' if m == 'far' else ''}**"
            for v, m in zip(row, mark, strict=True)
        ]
        for row, mark in zip(rows, marks, strict=True)
    ]
    out = _md_table(head, [])
    out += ["| " + " | ".join(row) + " |" for row in shown]
    return [*out, "", MARKS_TEXT[ctx["lang"]].format(far=FAR)]


def _md_sections(ctx: dict[str, Any], annex: str) -> list[str]:
    """The plan, the matrix of the areas one level down and the count of target households."""
    lang = ctx["lang"]
    plan, villages, lists = SECTIONS[lang]
    out = ["", f"## {plan}", "", *_md_table(PLAN_HEAD[lang], ctx["plans"])]
    if ctx.get("matrix"):
        title = matrix_title(villages, ctx["matrix"][0], lang)
        out += ["", f"## {title}", "", *_md_matrix(ctx)]
    out += ["", f"## {lists}", "", ANNEX[lang][1].format(file=annex), ""]
    return out + _md_table(*summary(ctx))


def markdown(ctx: dict[str, Any], annex: str = "") -> str:
    """The report in Markdown; the charts are text in code blocks."""
    lang = ctx["lang"]
    w, head = WORDS[lang], HEAD[lang]
    out = [f"# {ctx['title']}", "", ctx["form_title"], ""]
    out += [f"- **{k}**: {v}" for k, v in header(ctx)]
    values = [v for _name, vs in ctx["series"] for v in vs if v is not None]
    chart = radar(
        ctx["axes"],
        ctx["series"],
        width=78,
        height=24,
        target=ctx["target"],
        target_word=LEGEND[lang][1],
        floor=radar_floor(values),
        scale_word=SCALE_WORD[lang],
    )
    out += ["", f"## {w[3]}", "", "```", chart, "```", "", DIM_HEAD[lang], "|---|---|---|"]
    out += [f"| {name} | {num(score)} | {num(share)} |" for name, score, share in ctx["dimensions"]]
    out += ["", f"## {w[4]}", "", "```", bars(ctx["bars"], width=100, words=LEGEND[lang])]
    out += ["```", "", f"## {w[5]}", "", *_md_table(head, ctx["table"])]
    out += ["", f"## {w[6]}", ""]
    out += [
        f"{i}. {num(n)} {name}: {num(rate)} % ({num(gap)})"
        for i, (n, name, rate, gap) in enumerate(ctx["ranking"], start=1)
    ]
    out += _md_sections(ctx, annex)
    return "\n".join(out) + "\n"


def markdown_annex(ctx: dict[str, Any]) -> str:
    """The annex in Markdown: per failing indicator, per village, the target households."""
    lang = ctx["lang"]
    out = [f"# {ANNEX[lang][0]}", "", ctx["title"], ""]
    for title, rows in ctx["target_lists"]:
        out += [f"## {title}", "", *_md_table(PLACE[lang], rows), ""]
    return "\n".join(out)


SUFFIXES = (".md", ".html", ".htm")


def annex_path(out: Path) -> Path:
    """Where the annex of a report goes by default: beside it, `NAME-annex.SUFFIX`."""
    return out.with_name(f"{out.stem}-annex{out.suffix}")


def write(ctx: dict[str, Any], out: Path, annex: Path | None = None) -> Path:
    """The report to `out` and its annex to `annex` (default `annex_path(out)`), Markdown or
    HTML by the suffix of `out`; each written whole or not at all. Returns the annex's path."""
    from tui_cia.plots.reporthtml import html, html_annex

    annex = annex or annex_path(out)
    if annex.resolve() == out.resolve():
        raise TuiCiaError(f"the annex cannot be the report itself ({out}); name another file")
    if (annex.suffix.lower() == ".md") != (out.suffix.lower() == ".md"):
        raise TuiCiaError(
            f"the annex {annex.name} is written as {out.suffix} like the report; "
            f"name it {annex.stem}{out.suffix}"
        )
    if out.suffix.lower() == ".md":
        main, extra = markdown(ctx, annex.name), markdown_annex(ctx)
    else:
        main, extra = html(ctx, annex.name), html_annex(ctx)
    _write_whole(out, main)
    _write_whole(annex, extra)
    return annex


def _write_whole(out: Path, text: str) -> None:
    """`text` to `out` by a file beside it, then renamed: a report open in a browser is never
    left half written."""
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
