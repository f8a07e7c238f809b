"""The column cache: what it stores reads back exactly, it is used only while the chunk it was
read from is unchanged, and a cache that cannot be written or read changes no result."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from formtools import copy_sample

from tui_cia.analysis import analyse, cache
from tui_cia.storage import Store
from tui_cia.storage.flat import CHUNK_SHIFT


def _same(one: Any, other: Any) -> bool:
    if isinstance(one, pd.Categorical):
        return (
            isinstance(other, pd.Categorical)
            and list(one.categories) == list(other.categories)
            and one.categories.dtype == other.categories.dtype
            and np.array_equal(one.codes, other.codes)
        )
    if one.dtype.kind == "f":
        return bool(
            one.dtype == other.dtype
            and np.array_equal(one, other, equal_nan=True)
            and np.array_equal(np.signbit(one), np.signbit(other))
        )
    return bool(one.dtype == other.dtype and one.tolist() == other.tolist())


def test_every_kind_of_column_reads_back_exactly() -> None:
    columns = {
        "codes": np.array([49, 50, 31], dtype=np.uint8),
        "wide": np.array([3585, 49], dtype=np.uint32),
        "fixed": np.array([b"16010101", b"16010102"], dtype="S8"),
        "narrow": np.array([1.0, np.nan, 38000.0, -0.0]),
        "wide_numbers": np.array([0.1, 2.0**60, np.nan]),
        "texts": np.array(["ก", "x\x00"], dtype=object),
        "categories": pd.Categorical(["สมชาย", None, "a"]),
        "object_categories": pd.Categorical.from_codes(
            [0, -1], categories=pd.Index(["1"], dtype=object)
        ),
        "empty": np.empty(0, dtype=np.float64),
    }
    data = cache.pack(columns)
    assert data is not None
    back = cache.unpack(data)
    assert back is not None and list(back) == list(columns)
    for name, value in columns.items():
        assert _same(value, back[name]), name


@pytest.mark.parametrize(
    "value",
    [
        pd.Categorical([1, 2]),  # categories that are not texts
        np.array(["a", None], dtype=object),  # a blank among texts
        np.array([[1, 2]]),  # not one column
    ],
)
def test_what_cannot_be_stored_exactly_is_not_stored(value: Any) -> None:
    assert cache.pack({"c": value}) is None


def test_damaged_or_hostile_entries_are_not_used() -> None:
    data = cache.pack({"n": np.array([1.0, 2.0])})
    assert data is not None
    assert cache.unpack(data[:20]) is None
    assert cache.unpack(b"\xff" * 40) is None
    head = json.dumps([["n", "array", [["|O", 2, 0]], None]]).encode()
    assert cache.unpack(len(head).to_bytes(8, "little") + head + b"\0" * 16) is None


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(copy_sample(tmp_path))


def _results(store: Store) -> str:
    form = store.forms.get("bmn")
    return json.dumps([r.as_json() for r in analyse(store, form, level="village")], sort_keys=True)


def _reads(store: Store) -> tuple[str, list[str]]:
    """The results, and the chunk queries (group_concat) run to get them."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        return _results(store), [q for q in seen if "group_concat" in q]
    finally:
        store.conn.set_trace_callback(None)


def _uncached(store: Store, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(cache, "plan", lambda conn, request: None)
        return _results(store)


def test_a_second_analysis_reads_from_the_cache_and_agrees(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui_cia.analysis.reading.WORKERS", 1)  # one connection, traced
    first, read = _reads(store)
    assert read  # the tables were read ...
    again, read = _reads(store)
    assert not read  # ... and then not
    assert first == again == _uncached(store, monkeypatch)


def test_an_edit_makes_its_chunks_read_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui_cia.analysis.reading.WORKERS", 1)
    _results(store)
    (uuid,) = store.conn.execute(
        "SELECT _uuid FROM form_bmn WHERE _status = 'complete' LIMIT 1"
    ).fetchone()
    before = store.conn.execute("SELECT sum(stamp) FROM chunk_stamps").fetchone()[0]
    rec = store.open(uuid)
    store.delete(rec, reason="test")
    assert store.conn.execute("SELECT sum(stamp) FROM chunk_stamps").fetchone()[0] > before
    after, read = _reads(store)
    assert read
    assert after == _uncached(store, monkeypatch)
    assert uuid not in after


def test_stamps_follow_every_kind_of_write(store: Store) -> None:
    conn = store.conn

    def stamp(rowid: int) -> int:
        row = conn.execute(
            "SELECT stamp FROM chunk_stamps WHERE tbl = 'form_bmn' AND chunk = ?",
            (rowid >> CHUNK_SHIFT,),
        ).fetchone()
        return int(row[0]) if row else 0

    (rowid,) = conn.execute("SELECT max(rowid) FROM form_bmn").fetchone()
    start = stamp(rowid)
    conn.execute("UPDATE form_bmn SET _modified_at = 'x' WHERE rowid = ?", (rowid,))
    updated = stamp(rowid)
    conn.execute("DELETE FROM form_bmn WHERE rowid = ?", (rowid,))
    deleted = stamp(rowid)
    conn.execute("INSERT INTO form_bmn(rowid, _uuid, _status) VALUES (?, 'u', 'draft')", (rowid,))
    assert start < updated < deleted < stamp(rowid)


def test_a_damaged_entry_is_read_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui_cia.analysis.reading.WORKERS", 1)
    first = _results(store)
    store.conn.execute("UPDATE column_cache SET data = x'00'")
    again, read = _reads(store)
    assert read and again == first


def test_a_busy_database_keeps_nothing_and_says_nothing(store: Store, tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / "sample.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        first = _results(store)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.conn.execute("SELECT count(*) FROM column_cache").fetchone()[0] == 0
    assert _results(store) == first
