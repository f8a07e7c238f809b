"""Cases a review found: imported and bulk-written records travel, a bundle made for another
peer is refused, crafted clocks and statuses are refused, bystanders agree on conflicts."""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from synctools import Laptop, dump, send

from tui_cia.errors import TuiCiaError
from tui_cia.storage.bulk import Author, NewRecord, write_new
from tui_cia.storage.importer import Candidate, import_candidates


def rewrite(
    bundle: Path,
    records: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] = lambda r: r,
    manifest: Callable[[dict[str, Any]], dict[str, Any]] = lambda m: m,
) -> Path:
    """The bundle with its records or manifest changed and every checksum made right again,
    as someone crafting a file would."""
    with zipfile.ZipFile(bundle) as zf:
        head = json.loads(zf.read("manifest.json"))
        lines = [json.loads(line) for line in zf.read("records.jsonl").splitlines() if line]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(lines)).encode()
    digest = hashlib.sha256(body).hexdigest()
    head["checksums"] = {"records.jsonl": digest}
    text = json.dumps(manifest(head)).encode()
    sums = f"{hashlib.sha256(text).hexdigest()}  manifest.json\n{digest}  records.jsonl\n"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("records.jsonl", body)
        zf.writestr("manifest.json", text)
        zf.writestr("SHA256SUMS", sums)
    return bundle


def test_records_from_a_file_import_travel_in_bundles(tmp_path: Path) -> None:
    a, b = Laptop(tmp_path, "a"), Laptop(tmp_path, "b")
    import_candidates(a.store, a.form, [Candidate("x", {"data": {"house_no": "7"}})])
    uuid = a.store.list_records("hh")[0].uuid
    a.answer(uuid, ("income",), "5")
    send(a, b)
    assert b.store.data(uuid)["house_no"] == "7" and b.store.data(uuid)["income"] == 5


def test_a_bulk_written_record_merged_then_relayed_keeps_its_first_data(tmp_path: Path) -> None:
    a, b, c = (Laptop(tmp_path, n) for n in "abc")
    uuid = str(uuidlib.uuid4())
    record = NewRecord(uuid, a.form, "draft", {"house_no": "1", "head_name": "X"}, "1 X")
    write_new(a.store.conn, [record], Author(a.store.device, "a", "2022-06-15T07:00:00Z"))
    send(a, b)
    rec = b.store.open(uuid)
    b.store.add_instance(rec, ("members",))
    b.store.answer(rec, ("members", 0, "first_name"), "M")
    b.store.checkpoint(rec)
    send(b, a)
    send(a, c)
    for laptop in (a, b, c):
        assert [m["first_name"] for m in laptop.store.data(uuid)["members"]] == ["M"]


def test_a_bundle_made_for_another_peer_is_refused_when_it_would_leave_a_gap(
    tmp_path: Path,
) -> None:
    a, b, c = (Laptop(tmp_path, n) for n in "abc")
    uuid = a.household("1")
    send(a, b)
    send(b, a)
    a.answer(uuid, ("head_name",), "NEW")
    send(a, b)
    send(b, a)
    a.answer(uuid, ("income",), "9")
    before = dump(c.store)
    with pytest.raises(TuiCiaError, match="made for a laptop that already had"):
        c.take(a.bundle_for(b))
    assert dump(c.store) == before


def _bump_clock(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    records[0]["changes"][-1][1] = 2**63 - 1
    return records


def _bogus_status(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    device = records[0]["changes"][0][0]
    records[0]["changes"].append(
        [device, 10**6, "2022", "x", "status", "", "", '"draft"', '"bogus"', None, None]
    )
    return records


@pytest.mark.parametrize(
    ("craft", "message"),
    [
        (lambda p: rewrite(p, records=_bump_clock), "wrong kind"),
        (lambda p: rewrite(p, records=_bogus_status), "not draft, complete, verified"),
        (lambda p: rewrite(p, manifest=lambda m: {**m, "counts": [1]}), "malformed 'counts'"),
        (lambda p: rewrite(p, manifest=lambda m: {**m, "forms": "x"}), "malformed 'forms'"),
    ],
)
def test_crafted_values_are_refused(tmp_path: Path, craft: Any, message: str) -> None:
    a, b = Laptop(tmp_path, "a"), Laptop(tmp_path, "b")
    a.household("1")
    before = dump(b.store)
    with pytest.raises(TuiCiaError, match=message):
        b.take(craft(a.bundle_for(None)))
    assert dump(b.store) == before


def test_laptops_outside_a_conflict_show_the_same_value(tmp_path: Path) -> None:
    a, b, c, e = (Laptop(tmp_path, n) for n in "abce")
    uuid = a.household("1")
    send(a, b)
    a.answer(uuid, ("head_name",), "ก")
    b.answer(uuid, ("head_name",), "ข")
    from_a, from_b = a.bundle_for(None), b.bundle_for(None)
    c.take(from_a)
    c.take(from_b)
    e.take(from_b)
    e.take(from_a)
    assert c.store.data(uuid)["head_name"] == e.store.data(uuid)["head_name"]
