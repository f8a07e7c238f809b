"""The sample's pass rates per indicator and round against the rates it was built to meet.

Run it on a sample database to print the table of sample_db/README.md:
    python tests/storage/sample_rates.py sample_db/kong_thanu.db
It reads a scratch copy (analysis keeps a column cache in the database it reads, and the
committed sample must stay as the command builds it). The rates come from tui_cia.analysis
(tambon level); the drinking and smoking lines also give the share of people aged 15 and
over who drink or smoke, the figure the NSO publishes.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

from tui_cia.analysis import analyse
from tui_cia.storage import Store
from tui_cia.storage.sample.goals import SOURCES, TARGETS

ROUNDS = (2564, 2565)
COUNTED = "h._status IN ('complete', 'verified') AND h._deleted = 0"


def rates(store: Store, round_: int) -> dict[str, dict[str, Any]]:
    """The tambon's indicator rows of one round, by indicator id."""
    [tambon] = analyse(store, store.forms.get("bmn"), level="tambon", round_=round_)
    return {row["id"]: row for row in tambon.indicators}


def adult_share(conn: sqlite3.Connection, column: str, round_: int) -> float:
    """The percentage of members aged 15+ who answered yes (1) to a question."""
    share = conn.execute(
        f"SELECT avg(m.{column} = '1') * 100 FROM form_bmn_members m "
        f"JOIN form_bmn h ON h._uuid = m._uuid WHERE {COUNTED} AND h.survey_round = ? "
        "AND m.age >= 15",
        (round_,),
    ).fetchone()[0]
    return float(share or 0.0)


def table(path: Path) -> str:
    """A Markdown table: each indicator's rate and units in both rounds, and the target."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "sample.db"
        shutil.copyfile(path, copy)
        return _table(copy)


def _table(path: Path) -> str:
    store = Store(path)
    try:
        by_round = {r: rates(store, r) for r in ROUNDS}
        habits = {("i24", r): adult_share(store.conn, "i24_drinks", r) for r in ROUNDS} | {
            ("i25", r): adult_share(store.conn, "i25_smokes", r) for r in ROUNDS
        }
    finally:
        store.close()
    lines = [
        "| # | 2564 % (units) | 2565 % (units) | built to meet 2564 / 2565 | published figure |",
        "|---|---|---|---|---|",
    ]
    for ident, row in by_round[ROUNDS[0]].items():
        cells = []
        for r in ROUNDS:
            item = by_round[r][ident]
            rate = "-" if item["rate"] is None else f"{item['rate']:.1f}"
            cells.append(f"{rate} ({item['applicable']})")
        goal = TARGETS.get(ident)
        aim = f"{goal[0]:g} / {goal[1]:g}" if goal else "-"
        if ident in ("i24", "i25"):
            what = "drink" if ident == "i24" else "smoke"
            shares = " / ".join(f"{habits[(ident, r)]:.1f}" for r in ROUNDS)
            aim = f"15+ who {what}: {shares} %"
        source = SOURCES.get(ident, "none at hand: a plausible guess")
        lines.append(f"| {row['number']} | {cells[0]} | {cells[1]} | {aim} | {source} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table(Path(sys.argv[1] if len(sys.argv) > 1 else "sample_db/kong_thanu.db")), end="")
