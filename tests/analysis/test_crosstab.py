"""Frequencies and cross-tabs: counts against SQL, specials and blanks, multi-select, a
roster field, drill-down uuids, XLSX read back, unknown fields refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from formtools import copy_sample, make_form

from tui_cia.analysis.crosstab import BLANK, SPECIAL, crosstab, frequency, records
from tui_cia.analysis.crosstabout import formula_safe, table_text, write_xlsx
from tui_cia.errors import TuiCiaError
from tui_cia.storage import Store

FORM = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
  village:
    - {value: "16010401", label: {th: บ้านโก่งธนู, en: Ban Kong Thanu}}
    - {value: "16010402", label: {th: บ้านใหม่, en: Ban Mai}}
  goods:
    - {value: tv, label: {th: โทรทัศน์, en: TV}}
    - {value: car, label: {th: รถยนต์, en: Car}}
fields:
  - {name: village_code, type: select_one, choices: village, label: {th: หมู่บ้าน, en: Village}}
  - {name: rnd, type: integer, label: {th: รอบ, en: Round}}
  - {name: house_no, type: text, label: {th: บ้านเลขที่, en: House number}}
  - {name: head_name, type: text, label: {th: หัวหน้า, en: Head}}
  - {name: water, type: select_one, choices: yn, label: {th: น้ำ, en: Water},
     special: [dont_know, refused]}
  - {name: goods, type: select_multiple, choices: goods, label: {th: ของใช้, en: Goods}}
  - repeat: members
    label: {th: สมาชิก, en: Members}
    fields:
      - {name: age, type: integer, label: {th: อายุ, en: Age}}
      - {name: checkup, type: select_one, choices: yn, label: {th: ตรวจ, en: Check-up}}
"""
HEADER = """\
form: {id: hh, version: "1", languages: [th, en], area: village_code, round: rnd}
"""


def household(
    store: Store,
    village: str,
    water: str | None,
    goods: str,
    people: Any,
    status: str = "complete",
    rnd: int = 2565,
    house: str = "1",
) -> Any:
    rec = store.create(make_form(FORM, header=HEADER))
    store.answer(rec, ("village_code",), village)
    store.answer(rec, ("rnd",), str(rnd))
    store.answer(rec, ("house_no",), house)
    store.answer(rec, ("head_name",), f"=head {house}")
    if water in ("dont_know", "refused"):
        store.set_special(rec, ("water",), water)
    elif water is not None:
        store.answer(rec, ("water",), water)
    if goods:
        store.answer(rec, ("goods",), goods)
    for age, checkup in people:
        i = store.add_instance(rec, ("members",))
        store.answer(rec, ("members", i, "age"), str(age))
        store.answer(rec, ("members", i, "checkup"), checkup)
    if status != "draft":
        store.complete(rec)
    return rec


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "a.db")
    household(s, "16010401", "1", "tv car", [(40, "1"), (70, "2")], house="1")
    household(s, "16010401", "2", "tv", [(50, "1")], house="2")
    household(s, "16010401", "dont_know", "", [(20, "2")], house="3")
    household(s, "16010402", None, "car", [(36, "1")], house="4")
    household(s, "16010402", "refused", "tv", [(30, "1")], house="5")
    household(s, "16010402", "1", "tv", [(60, "2")], status="draft", house="6")  # left out
    household(s, "16010401", "2", "car", [(40, "2")], rnd=2564, house="7")
    return s


def form(s: Store) -> Any:
    return s.forms.get("hh")


def counts(table: Any) -> dict[tuple[str, str], int]:
    return {
        (r, c): table.counts[i][j]
        for i, r in enumerate(table.rows.keys)
        for j, c in enumerate(table.cols.keys)
    }


def test_specials_and_blanks_have_rows_of_their_own(store: Store) -> None:
    table = frequency(store.conn, form(store), "water", by="village", round_=2565)
    assert table.rows.keys == ["1", "2", SPECIAL + "dont_know", SPECIAL + "refused", BLANK]
    assert table.cols.labels == ["บ้านโก่งธนู", "บ้านใหม่"]
    got = counts(table)
    assert got[("1", "16010401")] == 1 and got[("2", "16010401")] == 1
    assert got[(SPECIAL + "dont_know", "16010401")] == 1
    assert got[(SPECIAL + "refused", "16010402")] == 1 and got[(BLANK, "16010402")] == 1
    assert table.col_totals == [3, 2] and table.total == 5
    assert "ไม่ทราบ" in table.rows.labels and "(ว่าง)" in table.rows.labels


def test_counts_equal_sql(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    s = Store(db)
    f = s.resolve_form("bmn")
    table = frequency(s.conn, f, "sex", by="round")
    conn = sqlite3.connect(db)
    sql = (
        "SELECT m.survey_round, r.sex, count(*) FROM form_bmn m JOIN form_bmn_members r"
        " ON r._uuid = m._uuid WHERE m._status IN ('complete', 'verified') AND m._deleted = 0"
        " GROUP BY 1, 2"
    )
    expected = {(str(r), str(x)): n for r, x, n in conn.execute(sql)}
    assert {(c, r): n for (r, c), n in counts(table).items() if n} == expected
    assert table.unit == "person"
    houses = frequency(s.conn, f, "has_house_no", by="village")
    sql = (
        "SELECT village_code, has_house_no, count(*) FROM form_bmn WHERE _status IN"
        " ('complete', 'verified') AND _deleted = 0 GROUP BY 1, 2"
    )
    expected = {(str(v), str(x)): n for v, x, n in conn.execute(sql)}
    assert {(c, r): n for (r, c), n in counts(houses).items() if n} == expected
    assert houses.cols.labels[0].startswith("หมู่ 1")


def test_select_multiple_counts_each_choice(store: Store) -> None:
    table = frequency(store.conn, form(store), "goods", round_=2565, percent="col")
    assert table.multiple and table.notes
    got = counts(table)
    assert got[("tv", "_all")] == 3 and got[("car", "_all")] == 2 and got[(BLANK, "_all")] == 1
    assert table.total == 5  # each household once
    assert table.percents is not None and table.percents[0][0] == 60.0


def test_roster_field_counts_persons_and_numbers_are_summarised(store: Store) -> None:
    table = frequency(store.conn, form(store), "age", round_=2565, bins=2)
    assert table.unit == "person" and table.total == 6
    assert sum(sum(line) for line in table.counts) == 6
    assert table.summary is not None
    assert table.summary["_all"] == {"n": 6, "mean": 41.0, "median": 38.0, "min": 20.0, "max": 70.0}


def test_household_field_against_roster_field_and_drill_down(store: Store) -> None:
    f = form(store)
    table = crosstab(store.conn, f, "water", "checkup", round_=2565, percent="row")
    assert table.unit == "person"
    r, c = table.cell("1", "2")
    assert table.counts[r][c] == 1
    r, c = table.cell("ใช่", "ใช่")
    [uuid] = table.uuids[r][c]
    [found] = records(store.conn, f, [uuid])
    assert (found.house_no, found.village, found.village_name) == ("1", "16010401", "บ้านโก่งธนู")
    dk, yes = table.cell("dont_know", "1")
    assert table.counts[dk][yes] == 0
    with pytest.raises(TuiCiaError, match="did you mean"):
        table.cell("ใช", "1x")


def test_unknown_field_is_refused_with_a_suggestion(store: Store) -> None:
    with pytest.raises(TuiCiaError, match="did you mean 'water'"):
        frequency(store.conn, form(store), "watr")


def test_text_is_aligned_and_xlsx_reads_back(store: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from rich.cells import cell_len

    table = frequency(store.conn, form(store), "water", by="round", percent="col")
    lines = table_text(table).splitlines()
    assert len({cell_len(line) for line in lines[:4]}) == 1
    table.rows.labels[0] = "=SUM(A1)"
    out = tmp_path / "t.xlsx"
    write_xlsx(table, out)
    book = load_workbook(out)
    rows = list(book["counts"].iter_rows(values_only=True))
    assert rows[1][0] == "'=SUM(A1)"
    assert list(rows[1][1:]) == [*table.counts[0], table.row_totals[0]]
    assert "percent_col" in book.sheetnames
    assert formula_safe("-1") == "'-1" and formula_safe(-1) == -1


def test_area_filter_rounds_and_a_bad_level(store: Store) -> None:
    table = frequency(store.conn, form(store), "water", area="16010402", by="village")
    assert table.cols.keys == ["16010402"] and table.total == 2
    rounds = frequency(store.conn, form(store), "water", by="round")
    assert rounds.cols.keys == ["2564", "2565"] and rounds.col_totals == [1, 5]
    with pytest.raises(TuiCiaError, match="--by"):
        frequency(store.conn, form(store), "water", by="district")
