"""An office's village list travels in bundles: before any record is keyed with it, with the
records keyed with it, and the latest list stays current whatever order bundles come in."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from villagelisttools import (
    LIST_A,
    LIST_B,
    form_versions,
    small_form,
    store_at,
    village_choices,
    write_csv,
)

from tui_cia.storage import Store
from tui_cia.storage.villagelists import import_villages
from tui_cia.sync.bundle import BundleRefused
from tui_cia.sync.exchange import export_bundle, import_bundle

PA_DAET_A = [("50010101", "บ้านป่าแดด"), ("50010102", "บ้านหนองหอย")]
PA_DAET_B = [("50010101", "บ้านป่าแดดเหนือ"), ("50010103", "บ้านใหม่")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    small_form(tmp_path / "form")  # writes the form and its area files
    return tmp_path


def laptop(folder: Path, name: str, minute: int) -> Store:
    """A database with the small form as its file ships (the sample villages)."""
    from tui_cia.survey import load_form

    return store_at(folder / f"{name}.db", minute, load_form(folder / "form" / "hh.yaml"))


def send(sender: Store, receiver: Store, folder: Path, name: str) -> Path:
    out = folder / f"{name}.tcb"
    export_bundle(sender, out)
    import_bundle(receiver, out)
    return out


def keyed(store: Store, tambon: str, village: str) -> str:
    rec = store.create(store.forms.get("hh"), carry=False)
    assert store.answer(rec, ("tambon",), tambon).ok
    assert store.answer(rec, ("village_code",), village).ok
    store.checkpoint(rec)
    return rec.uuid


def test_the_list_reaches_a_laptop_before_any_record_is_keyed(folder: Path) -> None:
    office, field = laptop(folder, "office", 1), laptop(folder, "field", 2)
    import_villages(office, write_csv(folder, LIST_A))
    send(office, field, folder, "list")
    form = field.forms.get("hh")
    assert form.content_hash == office.forms.get("hh").content_hash
    assert village_choices(form, "500101") == PA_DAET_A
    uuid = keyed(field, "500101", "50010102")  # the laptop keys the office's villages
    assert field.open(uuid).form.content_hash == form.content_hash


def test_records_keyed_with_the_list_are_taken_where_it_is_unknown(folder: Path) -> None:
    office, field, other = (laptop(folder, n, m) for n, m in (("o", 1), ("f", 2), ("x", 3)))
    import_villages(office, write_csv(folder, LIST_A))
    send(office, field, folder, "list")
    uuid = keyed(field, "500102", "50010201")
    report = import_bundle(other, _export(field, folder, "records"))
    assert report.added == 1  # the version came with the record: nothing refused
    assert other.data(uuid)["village_code"] == "50010201"
    assert village_choices(other.forms.get("hh"), "500102") == [("50010201", "บ้านช้างคลาน")]


def test_an_older_list_arriving_later_does_not_displace_the_newer(folder: Path) -> None:
    office, early, late = (laptop(folder, n, m) for n, m in (("o", 1), ("e", 2), ("l", 3)))
    import_villages(office, write_csv(folder, LIST_A, "a.csv"))
    send(office, early, folder, "a")
    uuid = keyed(early, "500101", "50010101")  # keyed with list A
    import_villages(office, write_csv(folder, LIST_B, "b.csv"))
    send(office, late, folder, "b")  # the late laptop knows list B only
    assert village_choices(late.forms.get("hh"), "500101") == PA_DAET_B
    send(early, late, folder, "from-early")  # records of list A, and A as early's current
    assert late.data(uuid)["village_code"] == "50010101"
    assert late.open(uuid).form.content_hash != late.forms.get("hh").content_hash
    assert village_choices(late.forms.get("hh"), "500101") == PA_DAET_B
    send(office, early, folder, "b-to-early")  # and the early one moves on to B
    assert village_choices(early.forms.get("hh"), "500101") == PA_DAET_B


def test_one_bundle_with_both_lists_leaves_the_newer_current(folder: Path) -> None:
    office, field = laptop(folder, "office", 1), laptop(folder, "field", 2)
    import_villages(office, write_csv(folder, LIST_A, "a.csv"))
    keyed(office, "500101", "50010102")  # a record of list A
    import_villages(office, write_csv(folder, LIST_B, "b.csv"))
    send(office, field, folder, "both")
    assert village_choices(field.forms.get("hh"), "500101") == PA_DAET_B


def test_a_list_imported_again_at_the_office_becomes_current_again_everywhere(
    folder: Path,
) -> None:
    office, field = laptop(folder, "office", 1), laptop(folder, "field", 2)
    import_villages(office, write_csv(folder, LIST_A, "a.csv"))
    keyed(office, "500101", "50010102")
    import_villages(office, write_csv(folder, LIST_B, "b.csv"))
    send(office, field, folder, "1")
    import_villages(office, folder / "a.csv")  # back to list A: a version both know
    send(office, field, folder, "2")
    assert village_choices(field.forms.get("hh"), "500101") == PA_DAET_A


def test_importing_the_bundle_twice_changes_nothing(folder: Path) -> None:
    office, field = laptop(folder, "office", 1), laptop(folder, "field", 2)
    import_villages(office, write_csv(folder, LIST_A))
    out = send(office, field, folder, "list")
    before = form_versions(field.path)
    import_bundle(field, out)
    assert form_versions(field.path) == before


def test_a_dry_run_stores_no_list(folder: Path) -> None:
    office, field = laptop(folder, "office", 1), laptop(folder, "field", 2)
    import_villages(office, write_csv(folder, LIST_A))
    before = form_versions(field.path)
    import_bundle(field, _export(office, folder, "list"), dry_run=True)
    assert form_versions(field.path) == before


def test_a_bundle_without_an_imported_list_carries_no_extra_form(folder: Path) -> None:
    office, field = laptop(folder, "office", 1), laptop(folder, "field", 2)
    assert _manifest(_export(office, folder, "none"))["forms"] == []
    keyed(office, "160104", "16010401")
    forms = _manifest(_export(office, folder, "one"))["forms"]
    assert len(forms) == 1 and "villages_at" not in forms[0]
    assert field.forms.ids() == ["hh"]


def test_a_malformed_list_stamp_is_refused(folder: Path) -> None:
    office, field = laptop(folder, "office", 1), laptop(folder, "field", 2)
    import_villages(office, write_csv(folder, LIST_A))
    out = _export(office, folder, "list")
    manifest = _manifest(out)
    manifest["forms"][0]["villages_at"] = "soon"
    tampered = _rewrite(out, manifest)
    before = form_versions(field.path)
    with pytest.raises(BundleRefused, match="malformed 'villages_at'"):
        import_bundle(field, tampered)
    assert form_versions(field.path) == before


def _export(store: Store, folder: Path, name: str) -> Path:
    out = folder / f"{name}.tcb"
    export_bundle(store, out)
    return out


def _manifest(bundle: Path) -> dict:  # type: ignore[type-arg]
    with zipfile.ZipFile(bundle) as zf:
        return dict(json.loads(zf.read("manifest.json")))


def _rewrite(bundle: Path, manifest: dict) -> Path:  # type: ignore[type-arg]
    """The bundle with another manifest and its checksums made to match (a careful forger)."""
    import hashlib

    out = bundle.with_name("tampered.tcb")
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w") as dst:
        records = src.read("records.jsonl")
        body = json.dumps(manifest, ensure_ascii=False).encode()
        sums = "".join(
            f"{hashlib.sha256(data).hexdigest()}  {name}\n"
            for name, data in (("manifest.json", body), ("records.jsonl", records))
        )
        dst.writestr("manifest.json", body)
        dst.writestr("records.jsonl", records)
        dst.writestr("SHA256SUMS", sums)
    return out
