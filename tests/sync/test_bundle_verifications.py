"""Keyer statistics travel in bundles: a re-key verified on a laptop reaches the office,
the latest re-key of a record wins, rows of records the receiver lacks are left, and a
bundle with a malformed row is refused with nothing changed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from synctools import Laptop, dump, send

from tui_cia.storage import verify
from tui_cia.sync.bundle import BundleRefused, write_bundle


def verified(laptop: Laptop, uuid: str, head: str) -> verify.Comparison:
    """A blind re-key of `uuid` that differs on the head's name, the first keying kept."""
    second = {**laptop.store.data(uuid), "head_name": head}
    found = verify.compare_record(laptop.store, uuid, second)
    verify.resolve(laptop.store, found, {"head_name": (verify.FIRST, None)})
    return found


def test_a_rekey_on_a_laptop_reaches_the_office_and_the_latest_wins(tmp_path: Path) -> None:
    laptop, office = Laptop(tmp_path, "laptop"), Laptop(tmp_path, "office")
    uuid = laptop.household("7", members=2)
    found = verified(laptop, uuid, "สมศักดิ์")
    report = send(laptop, office)
    assert report.added == 1 and report.verifications == 1
    [stats] = verify.keyer_stats(office.store)
    assert (stats.enumerator, stats.records, stats.fields, stats.mismatches) == (
        "laptop",
        1,
        found.fields,
        1,
    )
    assert send(office, laptop).verifications == 0  # the same row came back: nothing newer

    office.store.clock = lambda: "2022-06-16T09:00:00.000000Z"  # the next day
    second = {**office.store.data(uuid)}
    again = verify.compare_record(office.store, uuid, second)  # the office re-keys it again
    verify.resolve(office.store, again, {})
    assert send(office, laptop).verifications == 1
    for store in (laptop.store, office.store):
        [row] = verify.all_verifications(store.conn)
        assert (row.verifier, row.mismatches) == ("office", 0)


def _rewritten(bundle: Path, out: Path, change: dict[str, object]) -> Path:
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        lines = zf.read("records.jsonl").decode("utf-8").splitlines()
    manifest["verifications"][0].update(change)
    write_bundle(out, manifest, lines)
    return out


def test_rows_of_unknown_records_are_left_and_bad_rows_refused(tmp_path: Path) -> None:
    laptop, office = Laptop(tmp_path, "laptop"), Laptop(tmp_path, "office")
    verified(laptop, laptop.household("7"), "สมศักดิ์")
    good = laptop.bundle_for(None)
    unknown = _rewritten(good, tmp_path / "unknown.tcb", {"record_uuid": "not-a-record"})
    assert office.take(unknown).verifications == 0
    assert verify.all_verifications(office.store.conn) == []

    other = Laptop(tmp_path, "other")
    before = dump(other.store)
    for change, why in (
        ({"fields": "12"}, "bad 'fields'"),
        ({"mismatches": 10**9}, "bad 'mismatches'"),
        ({"at": None}, "bad 'at'"),
        ({"keyer": "x" * 1000}, "bad 'keyer'"),
        ({"mismatches": 999, "fields": 2}, "more mismatches than fields"),
    ):
        bad = _rewritten(good, tmp_path / "bad.tcb", change)
        with pytest.raises(BundleRefused, match=f"re-key statistics row 1 has (a )?{why}"):
            other.take(bad)
    assert dump(other.store) == before
