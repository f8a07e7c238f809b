"""Imports checked in worker processes: the same records, problems and refusals as when one
process checks everything, and the import stands when a worker cannot."""

from __future__ import annotations

import json
import multiprocessing
import uuid as uuidlib
from pathlib import Path
from typing import Any

import pytest
from storetools import HEADER, HOUSEHOLD, household_form, new_store

from tui_cia.storage import Store, importer, importpool
from tui_cia.storage.importer import ImportRefused, import_file
from tui_cia.storage.importpool import checked_chunks

UUIDS = [str(uuidlib.UUID(int=n + 1)) for n in range(80)]


def record(n: int, **data: Any) -> dict[str, Any]:
    members = [{"_id": f"m{n:03d}", "first_name": f"คน{n}", "age": 20 + n % 50, "checkup": "1"}]
    body = {"tambon": "160104", "village_code": "16010401", "house_no": str(n)}
    return {
        "uuid": UUIDS[n],
        "form": "hh",
        "version": "1",
        "status": "complete" if n % 4 else "draft",
        "data": {**body, "head_name": f"หัวหน้า {n}", "income": 1000 * n, "members": members, **data},
    }


def write(path: Path, records: list[Any]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few lines, so that a small file has many."""
    monkeypatch.setattr(importer, "FIRST_CHUNK", 2)
    monkeypatch.setattr(importer, "CHUNK", 3)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two workers, and the pools started (their sizes)."""
    started: list[int] = []
    real = importpool.ProcessPoolExecutor

    def counted(workers: int, **kwargs: Any) -> Any:
        started.append(workers)
        return real(workers, **kwargs)

    monkeypatch.setattr(importpool, "worker_count", lambda: 2)
    monkeypatch.setattr(importpool, "ProcessPoolExecutor", counted)
    return started


def store_at(path: Path) -> Store:
    store = new_store(path)
    store.add_form(household_form())
    return store


def contents(store: Store) -> dict[str, list[Any]]:
    """What an import wrote, without the times it wrote it at."""
    conn = store.conn
    return {
        "records": conn.execute(
            "SELECT rowid, uuid, status, round, area, key_text, instance_name, data, confirmed "
            "FROM records ORDER BY rowid"
        ).fetchall(),
        "search": conn.execute("SELECT rowid, uuid, text FROM records_fts ORDER BY 1").fetchall(),
        "households": conn.execute("SELECT * FROM form_hh ORDER BY _uuid").fetchall(),
        "members": conn.execute("SELECT * FROM form_hh_members ORDER BY _uuid, _id").fetchall(),
        "history": conn.execute(
            "SELECT record_uuid, revision, op, lamport FROM history ORDER BY id"
        ).fetchall(),
    }


def without_times(rows: list[Any]) -> list[Any]:
    return [tuple(v for v in row if not (isinstance(v, str) and v.endswith("Z"))) for row in rows]


def test_workers_import_what_one_process_imports(tmp_path: Path, pools: list[int]) -> None:
    source = write(tmp_path / "in.jsonl", [record(n) for n in range(30)])
    alone = store_at(tmp_path / "alone.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importpool, "worker_count", lambda: 0)
        assert import_file(alone, household_form(), source) == 30
    assert pools == []
    shared = store_at(tmp_path / "shared.db")
    assert import_file(shared, household_form(), source) == 30
    assert pools == [2]
    ours, theirs = contents(alone), contents(shared)
    for table, rows in ours.items():
        assert without_times(rows) == without_times(theirs[table]), table


def test_a_refusal_lists_every_problem_in_line_order(tmp_path: Path, pools: list[int]) -> None:
    lines: list[Any] = [record(n) for n in range(20)]
    lines[1] = record(1, income="many")
    lines[9] = "{not json"
    lines[14] = record(14, members=[])
    lines[17] = {**record(17), "uuid": UUIDS[3]}  # a uuid of an earlier chunk
    store = store_at(tmp_path / "t.db")
    with pytest.raises(ImportRefused) as refused:
        import_file(store, household_form(), write(tmp_path / "in.jsonl", lines))
    assert [(p.where, p.field) for p in refused.value.problems] == [
        ("in.jsonl:2", "income"),
        ("in.jsonl:10", ""),
        ("in.jsonl:15", "members"),
        ("in.jsonl:18", "uuid"),
    ]
    assert pools == [2]
    assert store.conn.execute("SELECT count(*) FROM records").fetchone() == (0,)
    assert store.conn.execute("SELECT count(*) FROM form_hh_members").fetchone() == (0,)


def test_an_import_stands_when_the_workers_cannot_start(
    tmp_path: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(recipe: object) -> None:
        raise RuntimeError("no worker today")

    monkeypatch.setattr(importpool, "_start_worker", broken)  # forked workers inherit it
    store = store_at(tmp_path / "t.db")
    source = write(tmp_path / "in.jsonl", [record(n) for n in range(12)])
    assert import_file(store, household_form(), source) == 12
    assert pools == [2]


def test_spawned_workers_check_as_this_process_does(tmp_path: Path) -> None:
    """Where fork is not used (Windows, macOS, threads), workers start afresh from the
    form's text."""
    store = store_at(tmp_path / "t.db")
    lines = [record(n) for n in range(8)]
    lines[5] = record(5, income=-1)
    path = write(tmp_path / "in.jsonl", lines)
    checker = importer.Importer(store, household_form()).checker

    def chunks() -> list[list[Any]]:
        return list(importer.json_chunks(path, 2, 3))

    here = list(checked_chunks(checker, chunks(), workers=0))
    spawned = list(
        checked_chunks(checker, chunks(), workers=2, context=multiprocessing.get_context("spawn"))
    )
    assert [c.problems for c in spawned] == [c.problems for c in here]
    assert [c.rows.records for c in spawned] == [c.rows.records for c in here]
    assert [c.rows.flat for c in spawned] == [c.rows.flat for c in here]


def spawn_sources(tmp_path: Path, kind: str, count: int) -> tuple[Path, Path | None]:
    """The same records as JSON lines, or as a households CSV and a members CSV."""
    records = [record(n) for n in range(count)]
    if kind == "jsonl":
        return write(tmp_path / "in.jsonl", records), None
    own = ["uuid", "status", "tambon", "village_code", "house_no", "head_name", "income"]
    households = [",".join(own)]
    members = ["village_code,house_no,first_name,age,checkup"]
    for rec in records:
        data = rec["data"]
        households.append(",".join(str({**rec, **data}[c]) for c in own))
        for m in data["members"]:
            row = [data["village_code"], data["house_no"], m["first_name"], m["age"], m["checkup"]]
            members.append(",".join(map(str, row)))
    first, second = tmp_path / "in.csv", tmp_path / "members.csv"
    first.write_text("\n".join(households) + "\n", encoding="utf-8")
    second.write_text("\n".join(members) + "\n", encoding="utf-8")
    return first, second


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_a_spawned_import_writes_what_one_process_writes(
    tmp_path: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Windows (and macOS) start workers with spawn: a fresh interpreter that inherits no
    global of this process, and gets the form, the chunks and the results by pickling."""
    source, members = spawn_sources(tmp_path, kind, 60)
    needed = importer.FIRST_CHUNK + importer.CHUNK * (importpool.SPAWNED_CHUNKS - 1)
    assert needed <= 60  # lines for SPAWNED_CHUNKS chunks: the pool is worth starting
    alone = store_at(tmp_path / "alone.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importpool, "worker_count", lambda: 0)
        assert import_file(alone, household_form(), source, members) == 60
    assert pools == []

    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(importpool, "_context", lambda: spawn)
    from_workers: list[bool] = []
    real_outcome = importpool._outcome

    def outcome(future: Any) -> Any:
        result = real_outcome(future)
        from_workers.append(result is not None)  # None: the chunk was checked here instead
        return result

    monkeypatch.setattr(importpool, "_outcome", outcome)
    spawned = store_at(tmp_path / "spawned.db")
    assert import_file(spawned, household_form(), source, members) == 60
    assert pools == [2]  # enough chunks (SPAWNED_CHUNKS) for the pool to start
    assert from_workers and all(from_workers)  # and every chunk sent came back checked
    assert importpool._inherited is None  # nothing was set up for forked workers
    ours, theirs = member_ids_by_place(contents(alone)), member_ids_by_place(contents(spawned))
    assert len(ours["records"]) == 60 and len(ours["members"]) == 60
    for table, rows in ours.items():
        assert without_times(rows) == without_times(theirs[table]), table


def member_ids_by_place(tables: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """`contents` with the members' ids, which a CSV import draws at random, as m1, m2, ..."""
    ids: dict[str, str] = {}
    for row in tables["records"]:
        for member in json.loads(row[7]).get("members", []):
            ids.setdefault(member["_id"], f"m{len(ids) + 1}")

    def renamed(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        for old, new in ids.items():
            value = value.replace(old, new)
        return value

    return {t: [tuple(map(renamed, row)) for row in rows] for t, rows in tables.items()}


def test_records_of_an_older_version_are_checked_by_the_importer(
    tmp_path: Path, pools: list[int]
) -> None:
    store = store_at(tmp_path / "t.db")
    newer = HOUSEHOLD.replace(
        "  - {name: head_name,",
        "  - {name: phone, type: text, label: {th: โทร, en: Phone}}\n  - {name: head_name,",
    )
    from formtools import make_form

    second = make_form(newer, header=HEADER.replace('version: "1"', 'version: "2"'))
    store.add_form(second)
    lines = [{**record(n), "version": "1" if n % 2 else "2"} for n in range(10)]
    lines[4]["data"]["phone"] = "0812345678"
    assert import_file(store, second, write(tmp_path / "in.jsonl", lines)) == 10
    versions = dict(store.conn.execute("SELECT form_version, count(*) FROM records GROUP BY 1"))
    assert versions == {"1": 5, "2": 5}


@pytest.mark.parametrize("block", [5, 64, 1 << 20])
@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b""])
def test_a_file_is_cut_into_chunks_of_whole_lines_with_their_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, ending: bytes
) -> None:
    monkeypatch.setattr(importer, "READ_BLOCK", block)
    lines = [
        b'{"a": 1}',
        b"",
        b'{"b": "\xe0\xb8\x81"}',
        b"   ",
        *[b'{"n": %d}' % n for n in range(9)],
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + b"\n".join(line + ending.rstrip(b"\n") for line in lines) + ending
    )
    chunks = list(importer.json_chunks(path, 2, 4))
    assert all(len(chunk) == 1 for chunk in chunks)
    read = [line for chunk in chunks for line in chunk[0].lines()]  # type: ignore[union-attr]
    expected = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    assert [(line.order, line.text.rstrip(b"\r")) for line in read] == [
        (n, b"\xef\xbb\xbf" + text if n == 1 else text) for n, text in expected
    ]
    assert [line.where for line in read][:2] == ["in.jsonl:1", "in.jsonl:3"]
