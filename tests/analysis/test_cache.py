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
from formtools import FORMS, copy_sample

from tui_cia.analysis import analyse, cache, prepare
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
        "names": np.array(["นาย ก", None, ""], dtype=object),
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
        np.array(["a", 1], dtype=object),  # a number among texts
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
    """A copy of the sample with its column cache emptied (the sample comes prepared)."""
    opened = Store(copy_sample(tmp_path))
    opened.conn.execute("DELETE FROM column_cache")
    return opened


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


def test_the_sample_comes_with_its_columns_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui_cia.analysis.reading.WORKERS", 1)
    prepared = Store(copy_sample(tmp_path))
    results, read = _reads(prepared)
    assert not read
    assert results == _uncached(prepared, monkeypatch)


def test_prepare_reads_only_what_the_cache_lacks(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui_cia.analysis.reading.WORKERS", 1)
    assert prepare(store) == 2  # one chunk of households, one of members
    assert prepare(store) == 0
    _, read = _reads(store)
    assert not read
    (uuid,) = store.conn.execute("SELECT _uuid FROM form_bmn LIMIT 1").fetchone()
    store.conn.execute("UPDATE form_bmn SET _modified_at = 'x' WHERE _uuid = ?", (uuid,))
    assert prepare(store) == 1  # the households' chunk only


def test_one_cached_read_serves_every_round_and_area(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui_cia.analysis.reading.WORKERS", 1)
    form = store.forms.get("bmn")
    _results(store)
    calls = [
        {"level": "village", "round_": 2565},
        {"level": "village", "round_": 2564, "area": "16010403"},
        {"level": "tambon", "area": "160104"},
        {"level": "amphoe", "round_": 2563},
    ]
    for call in calls:
        seen: list[str] = []
        store.conn.set_trace_callback(seen.append)
        cached = [r.as_json() for r in analyse(store, form, **call)]
        store.conn.set_trace_callback(None)
        assert not [q for q in seen if "group_concat" in q], call
        with monkeypatch.context() as patch:
            patch.setattr(cache, "plan", lambda conn, request: None)
            assert cached == [r.as_json() for r in analyse(store, form, **call)], call


@pytest.mark.slow
def test_bulk_commands_leave_the_columns_prepared(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tui_cia.cli import main

    def run(*args: str) -> None:
        result = CliRunner().invoke(main, list(args))
        assert result.exit_code == 0, result.output

    sample = copy_sample(tmp_path)
    lines = tmp_path / "all.jsonl"
    run("records", "export", "--db", str(sample), "--form", "bmn", "--out", str(lines))
    some = tmp_path / "some.jsonl"
    some.write_text("".join(lines.read_text(encoding="utf-8").splitlines(True)[:40]), "utf-8")
    target = tmp_path / "office.db"
    run("records", "import", "--db", str(target), "--form", str(FORMS / "bmn.yaml"), str(some))
    office = Store(target)
    assert office.conn.execute("SELECT count(*) FROM column_cache").fetchone()[0] == 2
    assert prepare(office) == 0
    bundle = tmp_path / "all.tcb"
    run("bundle", "export", "--db", str(sample), "--out", str(bundle), "--all")
    run("bundle", "import", "--db", str(target), str(bundle))
    assert prepare(office) == 0  # the import left nothing to read


def test_target_names_are_the_records_names_and_follow_edits(store: Store) -> None:
    form = store.forms.get("bmn")

    def names() -> dict[str, str | None]:
        found = {t["uuid"]: t["name"] for r in analyse(store, form) for t in r.targets}
        assert found
        return found

    stored = dict(store.conn.execute("SELECT uuid, instance_name FROM records"))
    first = names()
    assert all(name == stored[uuid] for uuid, name in first.items())
    uuid = next(u for u in sorted(first) if stored[u] and stored[u][0].isdigit())
    rec = store.open(uuid)
    store.answer(rec, ("house_no",), "999/9")
    store.complete(rec)  # an edit reopens a record; completing it counts it again
    again = names()  # from the cache, but for the edited record's chunk
    assert (
        again[uuid]
        == store.conn.execute(
            "SELECT instance_name FROM records WHERE uuid = ?", (uuid,)
        ).fetchone()[0]
    )
    assert str(again[uuid]).startswith("999/9 ") and again[uuid] != first[uuid]


def test_prepare_stops_when_cancelled(store: Store) -> None:
    assert prepare(store, cancelled=lambda: True) == 0
    assert store.conn.execute("SELECT count(*) FROM column_cache").fetchone()[0] == 0


def test_a_draft_without_an_area_keeps_the_area_codes_as_bytes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_cia.analysis.frames import frame_requests
    from tui_cia.analysis.reading import read_tables

    store.conn.execute("INSERT INTO form_bmn(_uuid, _status, _deleted) VALUES ('x', 'draft', 0)")
    form = store.forms.get("bmn")
    main = read_tables(store.conn, frame_requests(store.conn, form))[0]
    assert main["village_code"].dtype.kind == "S" and b"" in main["village_code"]
    cached = [r.as_json() for r in analyse(store, form, level="village", area="1601040")]
    with monkeypatch.context() as patch:
        patch.setattr(cache, "plan", lambda conn, request: None)
        assert cached == [r.as_json() for r in analyse(store, form, area="1601040")]


def test_a_failing_preparation_leaves_the_import_standing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import tui_cia.analysis
    from tui_cia.cli import main

    def broken(*args: Any, **kwargs: Any) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    sample = copy_sample(tmp_path)
    lines = tmp_path / "all.jsonl"
    CliRunner().invoke(
        main, ["records", "export", "--db", str(sample), "--form", "bmn", "--out", str(lines)]
    )
    some = tmp_path / "some.jsonl"
    some.write_text(lines.read_text(encoding="utf-8").splitlines(True)[0], "utf-8")
    monkeypatch.setattr(tui_cia.analysis, "prepare", broken)
    target = tmp_path / "office.db"
    result = CliRunner().invoke(
        main,
        ["records", "import", "--db", str(target), "--form", str(FORMS / "bmn.yaml"), str(some)],
        env={"TUI_CIA_LANG": "en"},  # the wording read below
    )
    assert result.exit_code == 0 and "imported 1 record" in result.output
    assert "the analysis columns were not prepared (disk I/O error)" in result.output
