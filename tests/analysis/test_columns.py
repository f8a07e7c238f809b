"""The column reader gives exactly what a plain fetch of the rows gives, odd values included."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tui_cia.analysis import columns, reading
from tui_cia.analysis.columns import Request, Spec, read_columns

ROWS: list[tuple[Any, ...]] = [
    # code, number, real, fixed, text
    ("1", 5, 7.0, "16010101", "a b"),
    (None, None, None, "16010102", None),
    ("2", -3, 38000.0, "16010103", ""),
    ("ก", 2**60, 37999.99999999999, "16010104", "สมชาย ใจดี"),
    ("12", 0, 0.1, "16010105", "with \x1e separator"),
    ("", 12, 1e20, "160101", "x"),
    ("\x1e", 7, -2.5, None, "y"),
]
SPECS = (
    Spec("code", "code"),
    Spec("number", "number"),
    Spec("real", "number", real=True),
    Spec("fixed", "fixed"),
    Spec("text", "text"),
)


def _table(path: Path, rows: list[tuple[Any, ...]]) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE t (code TEXT, number INTEGER, real REAL, fixed TEXT, text TEXT, keep INT)"
    )
    conn.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", [(*r, k % 3) for k, r in enumerate(rows)]
    )
    return conn


def _plain(values: Any) -> list[Any]:
    """Values as a plain fetch gives them (None for blanks, floats for numbers)."""
    out = []
    for value in np.asarray(values, dtype=object):
        if isinstance(value, bytes):
            value = value.decode()
        out.append(
            None if value is None or (isinstance(value, float) and np.isnan(value)) else value
        )
    return out


def _check(conn: sqlite3.Connection, got: dict[str, Any], where: str = "1") -> None:
    rows = conn.execute(
        f"SELECT code, number, real, fixed, text FROM t WHERE {where} ORDER BY rowid"
    )
    for spec, want in zip(SPECS, zip(*rows.fetchall(), strict=True), strict=True):
        expected = [float(w) if isinstance(w, int) and spec.kind == "number" else w for w in want]
        if spec.kind == "fixed":  # a blank code is "" however it is stored
            expected = ["" if w is None else w for w in expected]
        assert _plain(got[spec.name]) == expected, spec.name


@pytest.mark.parametrize("chunk", [2, 3, 100_000])
def test_every_kind_of_value_reads_back_exactly(
    tmp_path: Path, chunk: int, monkeypatch: Any
) -> None:
    monkeypatch.setattr(columns, "CHUNK", chunk)
    conn = _table(tmp_path / "a.db", ROWS * 3)
    _check(conn, read_columns(conn, Request("t", SPECS)))
    _check(conn, read_columns(conn, Request("t", SPECS, "keep = ?", (1,))), "keep = 1")


def test_clean_chunks_take_the_fast_way_and_agree(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(columns, "CHUNK", 4)
    clean = [r for r in ROWS if r[0] in ("1", "2", None) and r[3] is not None][:3]
    conn = _table(tmp_path / "a.db", clean * 5)
    fetched: list[str] = []
    conn.set_trace_callback(fetched.append)
    got = read_columns(conn, Request("t", SPECS))
    assert not any("ORDER BY rowid" in sql for sql in fetched)  # no row-by-row fallback
    assert isinstance(got["code"], pd.Categorical) and got["number"].dtype == np.float64
    _check(conn, got)


def test_threads_read_the_same_as_one_connection(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(columns, "CHUNK", 2)
    conn = _table(tmp_path / "a.db", ROWS * 4)
    requests = [Request("t", SPECS), Request("t", SPECS[:2], "keep = 0")]
    monkeypatch.setattr(reading, "WORKERS", 2)
    both = reading.read_tables(conn, requests)
    monkeypatch.setattr(reading, "WORKERS", 1)
    alone = reading.read_tables(conn, requests)
    for one, other in zip(both, alone, strict=True):
        assert {k: _plain(v) for k, v in one.items()} == {k: _plain(v) for k, v in other.items()}


def test_members_find_their_households_by_hash_or_exactly(monkeypatch: Any) -> None:
    from tui_cia.analysis import frames

    houses = np.array([b"b" * 36, b"a" * 36, b"c" * 36], dtype="S36")
    keys = np.array([b"a" * 36, b"a" * 36, b"z" * 36, b"c" * 36], dtype="S36")
    assert frames._positions(keys, houses).tolist() == [1, 1, -1, 2]
    monkeypatch.setattr(frames, "_hashes", lambda k: np.zeros(len(k), dtype=np.uint64))
    assert frames._fast_indexer(houses, keys) is None  # one hash for all: the exact way
    assert frames._positions(keys, houses).tolist() == [1, 1, -1, 2]
