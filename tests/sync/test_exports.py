"""CSV/XLSX exports: tables, links, codebook and labels match the records in the database."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from formtools import copy_sample, make_form

from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store
from tui_cia.storage.importer import import_file
from tui_cia.survey import Form
from tui_cia.sync import exports
from tui_cia.sync.exports import export_tables

VILLAGE, ROUND = "16010403", 2565  # a slice of the sample small enough for quick XLSX tests


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The sample database, read-only for these tests (scratch copy)."""
    store = Store(copy_sample(tmp_path_factory.mktemp("sample")))
    yield store
    store.close()


@pytest.fixture(scope="module")
def raw_csv(sample: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("raw") / "export"
    export_tables(sample, "bmn", out)
    return out


@pytest.fixture(scope="module")
def thai_csv(sample: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("thai")
    export_tables(sample, "bmn", out, labels="th", round=ROUND)
    return out


@pytest.fixture(scope="module")
def english_xlsx(sample: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx")
    summary = export_tables(sample, "bmn", out, "xlsx", labels="en", area=VILLAGE, round=ROUND)
    assert summary.files == [out / "bmn.xlsx"]
    return out / "bmn.xlsx"


def live_records(store: Store, **where: Any) -> dict[str, dict[str, Any]]:
    """uuid -> the record row's facts and its data, for the live bmn records."""
    sql = "SELECT uuid, key_text, status, round, area, data FROM records "
    sql += "WHERE form_id = 'bmn' AND deleted = 0"
    args: list[Any] = []
    for column, value in where.items():
        sql += f" AND {column} = ?"
        args.append(value)
    return {
        r[0]: {"key": r[1], "status": r[2], "round": r[3], "area": r[4], "data": json.loads(r[5])}
        for r in store.conn.execute(sql, args)
    }


@functools.cache
def read(folder: Path, table: str) -> pd.DataFrame:
    """A CSV table as text, blanks as '' (codes such as "06" must not turn into numbers).
    Cached: the tests read the module's exports many times and never change a frame."""
    return pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)


def text(value: Any) -> str:
    return "" if value is None else str(value)


@pytest.mark.slow
def test_one_row_per_live_record_and_per_member(sample: Store, raw_csv: Path) -> None:
    records = live_records(sample)
    households, members = read(raw_csv, "bmn"), read(raw_csv, "members")
    assert sorted(households["uuid"]) == sorted(records)
    assert len(members) == sum(len(r["data"].get("members", [])) for r in records.values())
    assert sorted(p.name for p in raw_csv.iterdir()) == [
        "bmn.csv",
        "choices.csv",
        "codebook.csv",
        "members.csv",
    ]


def test_household_values_are_the_record_json(sample: Store, raw_csv: Path) -> None:
    records = live_records(sample)
    households = read(raw_csv, "bmn").set_index("uuid")
    for uuid in list(records)[::400]:
        rec, row = records[uuid], households.loc[uuid]
        for own in ("key", "status", "round", "area"):
            assert row[own] == text(rec[own])
        data = rec["data"]
        for name in ("house_no", "head_name", "survey_date", "income_total", "n_members"):
            assert row[name] == text(data.get(name)), name
        assert row["i11_5_waste"] == " ".join(data.get("i11_5_waste", []))


def test_member_rows_link_to_their_household(sample: Store, raw_csv: Path) -> None:
    records = live_records(sample)
    households = read(raw_csv, "bmn").set_index("uuid")
    members = read(raw_csv, "members")
    assert set(members["uuid"]) <= set(households.index)
    assert (members["key"] == households.loc[members["uuid"], "key"].to_numpy()).all()
    for uuid in list(records)[::300]:
        rows = members[members["uuid"] == uuid]
        roster = records[uuid]["data"].get("members", [])
        assert list(rows["position"]) == [str(i) for i in range(1, len(roster) + 1)]
        assert list(rows["instance_id"]) == [m["_id"] for m in roster]
        for name in ("first_name", "national_id", "age", "occupation", "birth_date"):
            assert list(rows[name]) == [text(m.get(name)) for m in roster], name


def test_the_codebook_lists_every_field_with_both_labels(sample: Store, raw_csv: Path) -> None:
    form = sample.forms.get("bmn")
    codebook = read(raw_csv, "codebook")
    fields = codebook[codebook["type"] != "system"].set_index("column")
    expected = [f for f in form.fields() if f.type != "note"]
    assert sorted(fields.index) == sorted(f.name for f in expected)
    for item in expected:
        row = fields.loc[item.name]
        assert row["table"] == ("members" if item.repeat else "bmn")
        assert (row["label_th"], row["label_en"]) == (item.label.get("th"), item.label.get("en"))
        assert row["type"] == item.type
    assert fields.loc["i06_checkup", "relevant"]  # asked only of some members
    households = read(raw_csv, "bmn")
    system = codebook[(codebook["type"] == "system") & (codebook["table"] == "bmn")]
    assert list(system["column"]) + list(fields[fields["table"] == "bmn"].index) == list(
        households.columns
    )


def test_the_choices_table_gives_every_code_both_labels(sample: Store, raw_csv: Path) -> None:
    form = sample.forms.get("bmn")
    choices = read(raw_csv, "choices")
    relation = choices[choices["field"] == "relation"]
    listed = form.field("relation").choices
    assert listed is not None
    assert list(relation["value"]) == [c.value for c in listed.choices]
    assert list(relation["label_th"]) == [c.label.get("th") for c in listed.choices]
    assert list(relation["label_en"]) == [c.label.get("en") for c in listed.choices]
    coded = {f.name for f in form.fields() if f.choices is not None or f.special}
    assert set(choices["field"]) == coded


def test_thai_labels_replace_codes(sample: Store, raw_csv: Path, thai_csv: Path) -> None:
    form = sample.forms.get("bmn")
    raw, thai = read(raw_csv, "members"), read(thai_csv, "members")
    raw = raw[raw["round"] == str(ROUND)]
    assert list(raw["uuid"]) == list(thai["uuid"])
    relations = form.field("relation").choices
    assert relations is not None
    wanted = [relations.by_value[code].label.get("th") for code in raw["relation"]]
    assert list(thai["relation"]) == wanted
    assert list(thai["first_name"]) == list(raw["first_name"])  # text answers stay as typed
    waste = form.field("i11_5_waste").choices
    assert waste is not None
    raw_hh, thai_hh = read(raw_csv, "bmn"), read(thai_csv, "bmn")
    raw_hh = raw_hh[raw_hh["round"] == str(ROUND)]
    assert list(raw_hh["uuid"]) == list(thai_hh["uuid"])
    for codes, labels in list(zip(raw_hh["i11_5_waste"], thai_hh["i11_5_waste"], strict=True))[
        ::200
    ]:
        expected = [waste.by_value[c].label.get("th") for c in codes.split()]
        assert labels == "; ".join(expected)


def test_csv_is_utf8_with_a_bom_and_keeps_thai(sample: Store, raw_csv: Path) -> None:
    body = (raw_csv / "bmn.csv").read_bytes()
    assert body.startswith(b"\xef\xbb\xbfuuid,key,")
    households = pd.read_csv(raw_csv / "bmn.csv")  # pandas drops the BOM by itself
    assert households.columns[0] == "uuid"
    names = {r["data"].get("head_name") for r in live_records(sample).values()}
    assert "ประไพ ทองคำ" in names and "ประไพ ทองคำ" in set(households["head_name"])


@pytest.mark.slow
def test_xlsx_holds_every_table_with_english_labels(sample: Store, english_xlsx: Path) -> None:
    records = live_records(sample, area=VILLAGE, round=ROUND)
    sheets = pd.read_excel(english_xlsx, sheet_name=None, engine="openpyxl", dtype=str)
    assert list(sheets) == ["bmn", "members", "codebook", "choices"]
    households, members = sheets["bmn"].set_index("uuid"), sheets["members"]
    assert sorted(households.index) == sorted(records)
    assert len(members) == sum(len(r["data"].get("members", [])) for r in records.values())
    form = sample.forms.get("bmn")
    sexes = form.field("sex").choices
    assert sexes is not None
    for uuid, rec in list(records.items())[::40]:
        assert households.loc[uuid, "head_name"] == rec["data"]["head_name"]
        rows = members[members["uuid"] == uuid]
        roster = rec["data"].get("members", [])
        wanted = [sexes.by_value[m["sex"]].label.get("en") for m in roster]
        assert list(rows["sex"]) == wanted
    codebook = sheets["codebook"].set_index("column")
    assert codebook.loc["head_name", "label_th"] == form.field("head_name").label.get("th")


def test_deleted_records_are_left_out_unless_asked(tmp_path: Path) -> None:
    store = Store(copy_sample(tmp_path))
    uuid = next(iter(live_records(store, area=VILLAGE, round=ROUND)))
    store.delete(store.open(uuid))
    kept = export_tables(store, "bmn", tmp_path / "live", area=VILLAGE, round=ROUND)
    assert uuid not in set(read(tmp_path / "live", "bmn")["uuid"])
    assert uuid not in set(read(tmp_path / "live", "members")["uuid"])
    assert "deleted" not in read(tmp_path / "live", "bmn").columns
    every = export_tables(
        store, "bmn", tmp_path / "all", area=VILLAGE, round=ROUND, include_deleted=True
    )
    households = read(tmp_path / "all", "bmn").set_index("uuid")
    assert households.loc[uuid, "deleted"] == "1"
    assert set(households["deleted"]) == {"0", "1"}
    assert every.rows["bmn"] == kept.rows["bmn"] + 1 and every.records == kept.records + 1
    assert uuid in set(read(tmp_path / "all", "members")["uuid"])


def test_answers_not_yet_in_the_snapshot_are_exported(tmp_path: Path) -> None:
    store = Store(copy_sample(tmp_path))
    uuid, draft = next(iter(live_records(store, status="draft").items()))
    rec = store.open(uuid)
    assert store.answer(rec, ("head_name",), "สมศรี ทดสอบ").ok
    lag = "SELECT data_revision < revision FROM records WHERE uuid = ?"
    assert store.conn.execute(lag, (uuid,)).fetchone()[0]  # the snapshot lags the answer
    export_tables(store, "bmn", tmp_path / "out", area=draft["area"], round=draft["round"])
    households = read(tmp_path / "out", "bmn").set_index("uuid")
    assert households.loc[uuid, "head_name"] == "สมศรี ทดสอบ"


SMALL = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
fields:
  - {name: house_no, type: text, label: {th: บ้านเลขที่, en: House number}}
  - {name: status, type: select_one, choices: yn, label: {th: สถานะบ้าน, en: House status}}
  - {name: note_text, type: text, label: {th: หมายเหตุ, en: Note}}
  - {name: visit_date, type: date, label: {th: วันที่สำรวจ, en: Visit date}}
  - repeat: people
    label: {th: คน, en: People}
    fields:
      - {name: first_name, type: text, label: {th: ชื่อ, en: Name}}
      - {name: income, type: integer, label: {th: รายได้, en: Income}, special: [dont_know]}
      - repeat: jobs
        label: {th: งาน, en: Jobs}
        fields:
          - {name: job, type: text, label: {th: งาน, en: Job}}
"""
SMALL_HEADER = 'form:\n  id: small\n  version: "1"\n  languages: [th, en]\n  key: [house_no]\n'


def small_store(tmp_path: Path) -> tuple[Store, Form]:
    form = make_form(SMALL, header=SMALL_HEADER)
    store = Store(tmp_path / "small.db")
    store.add_form(form)
    record = {
        "form": "small",
        "version": "1",
        "status": "draft",
        "data": {
            "house_no": "7",
            "status": "2",
            "note_text": "=1+1",
            "visit_date": "2022-05-18",
            "people": [
                {
                    "first_name": "มานี",
                    "income": {"special": "dont_know"},
                    "jobs": [{"job": "ทำนา"}],
                },
                {"first_name": "ชูใจ", "income": 900, "jobs": [{"job": "ค้าขาย"}, {"job": "สอน"}]},
            ],
        },
    }
    lines = tmp_path / "small.jsonl"
    lines.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert import_file(store, form, lines) == 1
    return store, form


def test_nested_repeats_specials_and_clashing_names(tmp_path: Path) -> None:
    store, form = small_store(tmp_path)
    export_tables(store, form, tmp_path / "raw")
    export_tables(store, "small", tmp_path / "th", labels="th")
    record = read(tmp_path / "raw", "small")
    assert list(record.columns[:3]) == ["uuid", "key", "_status"]
    assert (record.loc[0, "_status"], record.loc[0, "status"]) == ("draft", "2")
    assert record.loc[0, "note_text"] == "'=1+1"  # formula-safe (see test_formula_safe)
    people, jobs = read(tmp_path / "raw", "people"), read(tmp_path / "raw", "jobs")
    assert list(people["income"]) == ["dont_know", "900"]
    assert list(read(tmp_path / "th", "people")["income"]) == ["ไม่ทราบ", "900"]
    assert read(tmp_path / "th", "small").loc[0, "status"] == "ไม่ใช่"
    assert list(jobs["job"]) == ["ทำนา", "ค้าขาย", "สอน"]
    assert list(jobs["parent_id"]) == [people["instance_id"][0], *[people["instance_id"][1]] * 2]
    assert list(jobs["position"]) == ["1", "1", "2"]
    choices = read(tmp_path / "raw", "choices")
    special = choices[choices["list"] == "(special)"]
    assert list(special["value"]) == ["dont_know"] and list(special["label_en"]) == ["Don't know"]


def test_xlsx_sheets_have_a_bold_frozen_header_and_typed_cells(tmp_path: Path) -> None:
    store, form = small_store(tmp_path)
    export_tables(store, form, tmp_path, "xlsx", labels="th")
    book = openpyxl.load_workbook(tmp_path / "small.xlsx")
    assert book.sheetnames == ["small", "people", "jobs", "codebook", "choices"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and all(cell.font.b for cell in sheet[1])
    sheet = book["small"]
    cells = dict(zip([c.value for c in sheet[1]], sheet[2], strict=True))
    assert (cells["note_text"].value, cells["note_text"].data_type) == ("'=1+1", "s")
    assert cells["visit_date"].is_date and cells["visit_date"].number_format == "yyyy-mm-dd"
    assert cells["visit_date"].value.date().isoformat() == "2022-05-18"
    assert (cells["house_no"].value, cells["status"].value) == ("7", "ไม่ใช่")
    people = list(book["people"].values)
    income = people[0].index("income")
    assert [row[income] for row in people[1:]] == ["ไม่ทราบ", 900]


def test_an_output_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    store, form = small_store(tmp_path)
    target = tmp_path / "taken.csv"
    target.write_text("keep me", encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    with pytest.raises(TuiCiaError, match="is a file, not a folder"):
        export_tables(store, form, target)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("form", "options", "message"),
    [
        ("nosuch", {}, "no form 'nosuch'"),
        ("small", {"fmt": "ods"}, "unknown export format"),
        ("small", {"labels": "lo"}, "no labels in 'lo'"),
    ],
)
def test_bad_requests_are_refused_and_write_nothing(
    tmp_path: Path, form: str, options: dict[str, Any], message: str
) -> None:
    store, _ = small_store(tmp_path)
    with pytest.raises(TuiCiaError, match=message):
        export_tables(store, form, tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()


def test_a_failed_write_leaves_no_half_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, form = small_store(tmp_path)
    existing = tmp_path / "existing"
    existing.mkdir()
    written: list[str] = []

    def failing(path: Path, table: exports.Table) -> None:
        if written:
            raise OSError(28, "No space left on device")
        written.append(path.name)
        path.write_text("partial", encoding="utf-8")

    monkeypatch.setattr(exports, "write_csv", failing)
    for out in (existing, tmp_path / "new"):
        written.clear()
        with pytest.raises(TuiCiaError, match="No space left on device"):
            export_tables(store, form, out)
    assert list(existing.iterdir()) == [] and not (tmp_path / "new").exists()


def test_the_summary_says_what_was_written(tmp_path: Path) -> None:
    store, form = small_store(tmp_path)
    summary = export_tables(store, form, tmp_path / "out")
    assert summary.rows["small"] == 1 and summary.rows["people"] == 2
    assert summary.rows["jobs"] == 3 and summary.records == 1
    assert [f.name for f in summary.files] == [
        "small.csv",
        "people.csv",
        "jobs.csv",
        "codebook.csv",
        "choices.csv",
    ]
    assert "exported 1 record of form small" in summary.describe()


def test_fields_of_older_form_versions_are_kept(tmp_path: Path) -> None:
    store, _ = small_store(tmp_path)
    body = SMALL.replace("note_text", "remark")
    new = make_form(body, header=SMALL_HEADER.replace('version: "1"', 'version: "2"'))
    store.add_form(new)
    summary = export_tables(store, "small", tmp_path / "out")
    record = read(tmp_path / "out", "small")
    assert list(record.columns[-2:]) == ["visit_date", "note_text"]  # after the newest fields
    assert "remark" in record.columns and record.loc[0, "note_text"] == "'=1+1"
    codebook = read(tmp_path / "out", "codebook").set_index("column")
    assert codebook.loc["note_text", "label_en"] == "Note" and summary.records == 1
