"""A frequency or cross-tab (`crosstab.Table`) as terminal text (Thai aligned by cell width),
as an XLSX workbook (formula-safe text), and a cell's records as text lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len

from tui_cia.analysis.crosstab import ALL, WORDS, Record, Table, number_text
from tui_cia.storage.exportlabels import formula_safe


def _pad(text: str, cells: int, right: bool = False) -> str:
    space = " " * max(0, cells - cell_len(text))
    return space + text if right else text + space


def cell_text(count: int, pct: float | None, percent: str | None) -> str:
    if percent is None:
        return str(count)
    return f"{count} ({'-' if pct is None else f'{pct:.1f}%'})"


def table_text(table: Table, lang: str = "th") -> str:
    """The table with a total column and row, each count with its percent when asked."""
    total_word = "รวม" if lang == "th" else "Total"
    unit = WORDS[table.unit][lang]
    head = [f"{table.rows.label} \\ {table.cols.label}", *table.cols.labels, total_word]
    body = []
    for r, label in enumerate(table.rows.labels):
        pcts = table.percents[r] if table.percents else [None] * len(table.cols.keys)
        cells = [cell_text(n, p, table.percent) for n, p in zip(table.counts[r], pcts, strict=True)]
        body.append([label, *cells, str(table.row_totals[r])])
    body.append([f"{total_word} ({unit})", *map(str, table.col_totals), str(table.total)])
    if table.cols.keys == [ALL]:  # one column of all: its total says the same
        head, body = head[:-1], [line[:-1] for line in body]
    widths = [max(cell_len(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = []
    for line in [head, *body]:
        first = _pad(line[0], widths[0])
        rest = (_pad(v, w, right=True) for v, w in zip(line[1:], widths[1:], strict=True))
        lines.append("  ".join([first, *rest]).rstrip())
    if table.summary:
        lines.append("")
        names = dict(zip(table.cols.keys, table.cols.labels, strict=True))
        for key, stats in table.summary.items():
            where = names.get(key, WORDS["all"][lang])
            figures = "  ".join(
                f"{k} {'-' if v is None else number_text(v)}" for k, v in stats.items()
            )
            lines.append(f"{where}: {figures}")
    lines += [f"* {note}" for note in table.notes]
    return "\n".join(lines) + "\n"


def records_text(found: list[Record]) -> str:
    """One record a line: uuid, house number, head, village code and name (tab-separated)."""
    lines = [
        "\t".join(v or "" for v in (r.uuid, r.house_no, r.head, r.village, r.village_name))
        for r in found
    ]
    return "".join(line + "\n" for line in lines)


def write_xlsx(table: Table, path: Path, lang: str = "th") -> None:
    """The counts (and percents, when asked) on sheet `counts`, a number field's summary on
    `summary`; every text cell formula-safe."""
    from openpyxl import Workbook

    total_word = "รวม" if lang == "th" else "Total"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "counts"

    def put(ws: Any, values: list[Any]) -> None:
        ws.append([formula_safe(v) for v in values])

    put(sheet, [f"{table.rows.label} \\ {table.cols.label}", *table.cols.labels, total_word])
    for r, label in enumerate(table.rows.labels):
        put(sheet, [label, *table.counts[r], table.row_totals[r]])
    put(sheet, [f"{total_word} ({WORDS[table.unit][lang]})", *table.col_totals, table.total])
    if table.percents is not None:
        pct = book.create_sheet(f"percent_{table.percent}")
        put(pct, [f"{table.rows.label} \\ {table.cols.label}", *table.cols.labels])
        for r, label in enumerate(table.rows.labels):
            put(pct, [label, *table.percents[r]])
    if table.summary:
        summary = book.create_sheet("summary")
        names = dict(zip(table.cols.keys, table.cols.labels, strict=True))
        stats = list(next(iter(table.summary.values())))
        put(summary, ["", *stats])
        for key, figures in table.summary.items():
            put(summary, [names.get(key, WORDS["all"][lang]), *figures.values()])
    for note in table.notes:
        put(sheet, [note])
    book.save(path)
