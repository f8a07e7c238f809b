"""An office's own village list (`storage.villagelists`): checked whole, stored as a new
version of each form reading areas/villages.csv, offered by the cascade, replaced by the
next import, and refused with every bad row listed and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from formtools import FORMS
from villagelisttools import (
    LIST_A,
    LIST_B,
    TODAY,
    form_versions,
    small_form,
    store_at,
    village_choices,
    write_csv,
)

from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.storage.importer import ImportRefused, import_file
from tui_cia.storage.villagelists import import_villages, village_lists
from tui_cia.survey import FormSession, limits
from tui_cia.survey.villagefile import VillagesRefused

HEADER = "value,label_th,label_en,tambon\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return store_at(tmp_path / "office.db", form=small_form(tmp_path / "form"))


def test_the_imported_villages_are_what_the_cascade_offers(store: Store, tmp_path: Path) -> None:
    before = store.forms.get("hh")
    summary = import_villages(store, write_csv(tmp_path, LIST_A))
    assert (summary.villages, summary.tambons, summary.changed) == (3, 2, ["hh"])
    form = store.forms.get("hh")
    assert form.source == before.source and form.content_hash != before.content_hash
    assert village_choices(form, "500101") == [
        ("50010101", "บ้านป่าแดด"),
        ("50010102", "บ้านหนองหอย"),
    ]
    assert village_choices(form, "500102") == [("50010201", "บ้านช้างคลาน")]
    assert village_choices(form, "160104") == []  # the shipped sample villages are gone
    rec = store.create(form)
    assert rec.form.content_hash == form.content_hash  # new records take the office's list
    assert store.answer(rec, ("tambon",), "500101").ok
    assert store.answer(rec, ("village_code",), "50010102").ok
    assert not store.answer(rec, ("village_code",), "50010201").ok  # another tambon's


def test_the_new_version_takes_the_whole_countrys_tambons(store: Store, tmp_path: Path) -> None:
    assert len(store.forms.get("hh").choices["tambons"].choices) == 24  # one district's
    import_villages(store, write_csv(tmp_path, LIST_A))
    tambons = store.forms.get("hh").choices["tambons"].choices
    assert len(tambons) == 7436  # so a village anywhere is reached through the cascade


def test_english_names_and_the_tambon_column_may_be_left_out(store: Store, tmp_path: Path) -> None:
    import_villages(store, write_csv(tmp_path, "value,label_th\n50010101,บ้านป่าแดด\n"))
    choice = store.forms.get("hh").choices["villages"].by_value["50010101"]
    assert choice.columns == {"tambon": "500101"}
    assert choice.label.get("en") == "บ้านป่าแดด"  # the Thai name stands in


def test_a_reimport_replaces_the_list_and_the_same_list_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    import_villages(store, write_csv(tmp_path, LIST_A, "a.csv"))
    first = store.forms.get("hh")
    old = store.create(first)
    import_villages(store, write_csv(tmp_path, LIST_B, "b.csv"))
    second = store.forms.get("hh")
    assert village_choices(second, "500101") == [
        ("50010101", "บ้านป่าแดดเหนือ"),
        ("50010103", "บ้านใหม่"),
    ]
    assert store.open(old.uuid).form.content_hash == first.content_hash  # kept its list
    versions = form_versions(store.path)
    again = import_villages(store, tmp_path / "b.csv")
    assert (again.changed, again.unchanged) == ([], ["hh"])
    assert form_versions(store.path) == versions
    import_villages(store, tmp_path / "a.csv")  # back to the first list: current again
    assert store.forms.get("hh").content_hash == first.content_hash
    assert len(form_versions(store.path)) == len(versions)


def test_record_imports_are_checked_against_the_office_list(store: Store, tmp_path: Path) -> None:
    import_villages(store, write_csv(tmp_path, LIST_A))
    form = store.resolve_form("hh")
    good = {"form": "hh", "status": "complete"}
    lines = tmp_path / "good.jsonl"
    data = {"tambon": "500101", "village_code": "50010101", "house_no": "1"}
    lines.write_text(json.dumps({**good, "data": data}) + "\n", encoding="utf-8")
    assert import_file(store, form, lines) == 1
    bad = tmp_path / "bad.jsonl"
    data = {"tambon": "160104", "village_code": "16010401", "house_no": "2"}
    bad.write_text(json.dumps({**good, "data": data}) + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="village_code"):
        import_file(store, form, bad)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("5001010,บ้านป่าแดด,,\n", "row 3: village code '5001010' is not 8 digits"),
        ("1.6E+07,บ้านป่าแดด,,\n", "row 3: village code '1.6E+07' is not 8 digits"),
        (",บ้านป่าแดด,,\n", "row 3: no village code"),
        ("50010100,บ้านป่าแดด,,\n", "row 3: village code 50010100 ends in 00"),
        ("99010101,บ้าน,,\n", "row 3: tambon 990101 (the first six digits of 99010101) is not"),
        ("50010101,บ้าน,,500102\n", "row 3: tambon '500102' does not match"),
        ("50010101,บ้าน,,5001\n", "row 3: tambon '5001' is not 6 digits"),
        ("50010101,,Ban Pa Daet,\n", "row 3: no Thai name (label_th)"),
        ("50010101,   ,,\n", "row 3: no Thai name (label_th)"),
        ("50010101,บ้าน" + "ก" * 200 + ",,\n", "row 3: the Thai name (label_th) is longer"),
        ("50010101,บ้าน,B" + "a" * 200 + ",\n", "row 3: the English name (label_en) is longer"),
        ('50010101,"บ้าน\nป่าแดด",,\n', "row 3: the Thai name (label_th) holds a line break"),
        ("50010101,บ้าน,,500101,x\n", "row 3: more cells than the header row has columns"),
        (
            "50010101,บ้าน,,\n\n50010101,บ้านอื่น,,\n",
            "row 5: village code 50010101 appears already in row 3",
        ),
    ],
)
def test_each_kind_of_bad_row_is_refused_with_its_row_and_nothing_changes(
    store: Store, tmp_path: Path, rows: str, message: str
) -> None:
    before = form_versions(store.path)
    with pytest.raises(VillagesRefused) as caught:
        import_villages(store, write_csv(tmp_path, HEADER + "50010102,บ้านหนองหอย,,\n" + rows))
    assert any(p.startswith("villages.csv ") and message in p for p in caught.value.problems), (
        caught.value.problems
    )
    assert "nothing was imported" in str(caught.value)
    assert form_versions(store.path) == before
    assert village_choices(store.forms.get("hh"), "160104")  # the old list is still offered


def test_every_problem_of_the_file_is_listed_in_row_order(store: Store, tmp_path: Path) -> None:
    text = HEADER + "1,บ้าน,,\n50010101,บ้าน,,\n50010101,บ้าน,,\n50010102,,,\n"
    with pytest.raises(VillagesRefused) as caught:
        import_villages(store, write_csv(tmp_path, text))
    assert [p.split(":")[0] for p in caught.value.problems] == [
        "villages.csv row 2",
        "villages.csv row 4",
        "villages.csv row 5",
    ]
    assert "appears already in row 3" in caught.value.problems[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "villages.csv: the file is empty"),
        (HEADER.encode(), "villages.csv: no villages"),
        ("value,name\n50010101,บ้าน\n".encode(), "row 1: no 'label_th' column"),
        (b"value,label_th,lable_en\n", "row 1: unknown column 'lable_en'"),
        (b"value,label_th,value\n", "row 1: column 'value' appears twice"),
        ("value,label_th\n50010101,บ้าน\n".encode("cp874"), "villages.csv: not UTF-8 text"),
        (b"value,label_th\n50010101,\x00\n", "row 2: the Thai name (label_th) holds a"),
        (b'value,label_th\n50010101,"open\n', "not a valid CSV file"),
    ],
)
def test_a_file_that_is_not_a_village_list_in_csv_utf8_is_refused(
    store: Store, tmp_path: Path, content: bytes, message: str
) -> None:
    before = form_versions(store.path)
    path = tmp_path / "villages.csv"
    path.write_bytes(content)
    with pytest.raises(VillagesRefused, match="nothing was imported") as caught:
        import_villages(store, path)
    assert any(message in p for p in caught.value.problems), caught.value.problems
    assert form_versions(store.path) == before


def test_excels_byte_order_mark_and_blank_columns_are_fine(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "villages.csv"
    path.write_bytes("\ufeffvalue,label_th,,\r\n50010101,บ้านป่าแดด,,\r\n,,,\r\n".encode())
    assert import_villages(store, path).villages == 1


def test_the_size_limits_hold(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = HEADER + "50010101,ก,,\n50010102,ข,,\n50010103,ค,,\n"
    monkeypatch.setattr(limits, "VILLAGES", 2)
    with pytest.raises(VillagesRefused, match="more than 2 villages"):
        import_villages(store, write_csv(tmp_path, text))
    monkeypatch.setattr(limits, "VILLAGE_FILE_BYTES", 10)
    with pytest.raises(VillagesRefused, match="larger than"):
        import_villages(store, tmp_path / "villages.csv")
    with pytest.raises(VillagesRefused, match="not a regular file"):
        import_villages(store, tmp_path)
    with pytest.raises(VillagesRefused, match="no such file"):
        import_villages(store, tmp_path / "missing.csv")


def test_a_database_without_a_form_reading_villages_csv_is_told_so(tmp_path: Path) -> None:
    store = store_at(tmp_path / "x.db")
    from formtools import make_form

    store.add_form(make_form("fields:\n  - {name: a, type: text, label: A}\n"))
    before = form_versions(store.path)
    with pytest.raises(TuiCiaError, match=r"no form in x.db reads areas/villages.csv"):
        import_villages(store, write_csv(tmp_path, LIST_A))
    assert form_versions(store.path) == before


def test_a_new_database_gets_the_shipped_forms_and_both_offer_the_list(tmp_path: Path) -> None:
    store = store_at(tmp_path / "new.db")
    summary = import_villages(store, write_csv(tmp_path, LIST_A))
    assert sorted(summary.changed) == ["bmn", "village"]
    for form_id in ("bmn", "village"):
        form = store.forms.get(form_id)
        session = FormSession(form, today=TODAY)
        for path, code in ((("province",), "50"), (("amphoe",), "5001"), (("tambon",), "500101")):
            assert session.enter(path, code).ok, (form_id, path)
        offered = [c.value for c in session.choices(("village_code",))]
        assert offered == ["50010101", "50010102"], form_id
        assert session.enter(("village_code",), "50010102").ok
    lists = village_lists(store)
    assert len(lists) == 1 and sorted(lists[0].forms) == ["bmn", "village"]
    assert lists[0].villages_at is not None and len(lists[0].villages) == 3


def test_the_shipped_list_is_listed_until_one_is_imported(tmp_path: Path) -> None:
    lists = village_lists(store_at(tmp_path / "new.db"))
    assert lists[0].forms == [] and lists[0].villages_at is None
    shipped = (FORMS / "areas" / "villages.csv").read_text(encoding="utf-8")
    assert len(lists[0].villages) == len(shipped.splitlines()) - 1
