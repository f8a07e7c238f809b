"""Bundles beside other programs: a big bundle is taken in slices (the same result as at
once), a killed bundle import is finished by importing the bundle again, and `bundle export`
runs while an import writes the same database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from concurrenttools import cli, import_file, poll, start_cli
from synctools import Laptop, dump

from tui_cia.storage import Store
from tui_cia.sync import merge, mergeslices
from tui_cia.sync.bundle import BundleRefused
from tui_cia.sync.exchange import import_bundle


def answers(store: Store) -> dict[str, str]:
    """Every record's answers and status, by uuid."""
    rows = store.conn.execute("SELECT uuid, status, deleted, data FROM records ORDER BY uuid")
    return {u: json.dumps([s, d, json.loads(data)], sort_keys=True) for u, s, d, data in rows}


@pytest.fixture
def office(tmp_path: Path) -> tuple[Laptop, Path]:
    """A laptop with 11 households, one of them edited after it was made, and its bundle."""
    a = Laptop(tmp_path, "a")
    uuids = [a.household(str(n), members=1 + n % 3) for n in range(11)]
    a.answer(uuids[0], ("income",), "5000")
    return a, a.bundle_for(None)


def test_a_bundle_in_slices_gives_what_one_transaction_gives(
    tmp_path: Path, office: tuple[Laptop, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, bundle = office
    whole = Laptop(tmp_path, "whole")
    assert whole.take(bundle).added == 11
    monkeypatch.setattr(mergeslices, "SLICE", 3)
    sliced = Laptop(tmp_path, "sliced")
    seen: list[tuple[int, int]] = []
    report = import_bundle(sliced.store, bundle, progress=lambda d, t: seen.append((d, t)))
    assert (report.added, report.updated, report.unchanged) == (11, 0, 0)
    assert seen == [(3, 11), (6, 11), (9, 11), (11, 11)]
    assert answers(sliced.store) == answers(whole.store) == answers(a.store)
    again = sliced.take(bundle)
    assert (again.added, again.unchanged) == (0, 11)


def test_a_killed_bundle_import_is_finished_by_importing_it_again(
    tmp_path: Path, office: tuple[Laptop, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, bundle = office
    monkeypatch.setattr(mergeslices, "SLICE", 3)
    calls = iter(range(100))

    def killed_after_two_slices(path: object) -> None:
        if next(calls) == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(mergeslices, "yield_to_waiters", killed_after_two_slices)
    b = Laptop(tmp_path, "b")
    with pytest.raises(KeyboardInterrupt):
        b.take(bundle)
    assert len(answers(b.store)) == 6  # two slices committed, whole records
    assert not b.knows(a)  # what the sender knows comes with the last slice
    monkeypatch.setattr(mergeslices, "yield_to_waiters", lambda path: None)
    report = b.take(bundle)
    assert (report.added, report.unchanged) == (5, 6)
    assert answers(b.store) == answers(a.store) and b.knows(a)


def test_a_bundle_that_does_not_fit_is_refused_before_any_slice_is_written(
    tmp_path: Path, office: tuple[Laptop, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, bundle = office
    monkeypatch.setattr(mergeslices, "SLICE", 3)
    last = sorted(answers(a.store))[-1]  # merged last: the slices before it would be written
    for name in ("_fits", "_checked"):  # a record only created, and one edited after
        monkeypatch.setattr(merge, name, refusing(getattr(merge, name), last))
    b = Laptop(tmp_path, "b")
    before = dump(b.store)
    with pytest.raises(BundleRefused, match=last):
        b.take(bundle)
    assert dump(b.store) == before


Check = Callable[[Any, dict[str, Any], str], dict[str, Any]]


def refusing(check: Check, uuid: str) -> Check:
    """`check`, refusing the record `uuid` as not fitting its form."""

    def checked(form: Any, data: dict[str, Any], which: str) -> dict[str, Any]:
        if which == uuid:
            raise BundleRefused(f"record {which}: does not fit")
        return check(form, data, which)

    return checked


@pytest.mark.slow
def test_bundle_export_during_an_import(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The export reads one snapshot: the records the import had committed by then, whole,
    and the bundle imports into another database."""
    db = tmp_path / "t.db"
    assert cli("--db", str(db), "device").returncode == 0
    uuids = import_file(tmp_path_factory, tmp_path / "big.jsonl", 1200, "export")
    run = start_cli(
        "--db", str(db), "records", "import", "--form", "bmn", str(tmp_path / "big.jsonl")
    )

    def count() -> int:
        conn = sqlite3.connect(db)
        try:
            return int(conn.execute("SELECT count(*) FROM records").fetchone()[0])
        finally:
            conn.close()

    assert poll(lambda: count() > 0 or run.poll() is not None)
    exported = cli("--db", str(db), "bundle", "export", "--all", "--out", str(tmp_path / "b.tcb"))
    assert exported.returncode == 0, exported.stderr
    assert run.wait(timeout=600) == 0, run.communicate()[1]
    assert count() == 1200
    other = Store(tmp_path / "other.db")
    report = import_bundle(other, tmp_path / "b.tcb")
    got = answers(other)
    assert report.added == len(got) > 0 and set(got) <= set(uuids)
    source = answers(Store(db))
    assert all(source[u] == got[u] for u in got)
