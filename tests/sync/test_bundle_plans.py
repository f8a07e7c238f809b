"""Planning notes travel in bundles: the latest text wins on every laptop, in any order,
and a bundle with a malformed note is refused with nothing changed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tui_cia.storage import Store
from tui_cia.storage.plans import plans_for, save_plan
from tui_cia.sync.bundle import BundleRefused
from tui_cia.sync.exchange import export_bundle, import_bundle


def send(sender: Store, receiver: Store, out: Path) -> int:
    export_bundle(sender, out)
    return import_bundle(receiver, out).plans


def test_notes_go_both_ways_and_the_latest_wins(tmp_path: Path) -> None:
    office, laptop = Store(tmp_path / "office.db"), Store(tmp_path / "laptop.db")
    with office.conn:
        office.conn.execute("UPDATE settings SET value = 'office' WHERE key = 'device_id'")
    save_plan(laptop.conn, "bmn", "160104", 2565, "i20", cause="ว่างงาน")
    assert send(laptop, office, tmp_path / "a.tcb") == 1
    save_plan(office.conn, "bmn", "160104", 2565, "i20", project="ฝึกอาชีพ")
    assert send(office, laptop, tmp_path / "b.tcb") == 1
    assert send(laptop, office, tmp_path / "c.tcb") == 0  # nothing newer came back
    for store in (office, laptop):
        note = plans_for(store.conn, "bmn", "160104", 2565)["i20"]
        assert (note.cause, note.project) == ("ว่างงาน", "ฝึกอาชีพ")


def test_a_bundle_with_a_bad_note_is_refused(tmp_path: Path) -> None:
    laptop, office = Store(tmp_path / "laptop.db"), Store(tmp_path / "office.db")
    save_plan(laptop.conn, "bmn", "160104", 2565, "i20", cause="ว่างงาน")
    good, bad = tmp_path / "good.tcb", tmp_path / "bad.tcb"
    export_bundle(laptop, good)
    with zipfile.ZipFile(good) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest["plans"][0]["round"] = "2565"
    from tui_cia.sync.bundle import write_bundle

    with zipfile.ZipFile(good) as zf:
        lines = zf.read("records.jsonl").decode("utf-8").splitlines()
    write_bundle(bad, manifest, lines)
    with pytest.raises(BundleRefused, match="planning note 1 has a bad 'round'"):
        import_bundle(office, bad)
    assert plans_for(office.conn, "bmn", "160104", 2565) == {}
