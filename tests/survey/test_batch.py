"""The batch screen against FormSession: a record passes only if a session finds nothing
wrong with it, and then its data and name are the session's, key order included."""

from __future__ import annotations

import copy
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from formtools import FORMS, SAMPLE_DB, TODAY, make_form

from tui_cia.survey import Form, load_data, load_form
from tui_cia.survey.batch import Unsupported, screen
from tui_cia.survey.recorddata import written_alike
from tui_cia.survey.schema import Field


def session_verdict(
    form: Form, data: Any, required: bool, confirmed: set[str]
) -> tuple[dict[str, Any], str] | None:
    """What the import's one-by-one check keeps of a record, or None when it refuses it."""
    session, problems = load_data(form, data, today=TODAY)
    session.confirmed = set(confirmed)
    if problems or session.completion_problems(required=required):
        return None
    return session.to_data(ids=True), session.instance_name()


def assert_same_as_sessions(
    form: Form,
    datas: list[Any],
    required: list[bool],
    confirmed: list[set[str]] | None = None,
) -> int:
    """Every record judged alike by both; returns how many passed."""
    agreed = confirmed or [set() for _ in datas]
    screened = screen(form, datas, required, today=TODAY, confirmed=agreed).records
    for i, (data, result) in enumerate(zip(datas, screened, strict=True)):
        expected = session_verdict(form, data, required[i], agreed[i])
        assert (result is not None) == (expected is not None), (i, json.dumps(data)[:300])
        if result is not None and expected is not None:
            given = _given_ids(data)
            assert _text(result.data, given) == _text(expected[0], given), i
            assert result.instance_name == expected[1]
    return sum(r is not None for r in screened)


def _text(data: Any, given: set[str]) -> str:
    """Data as JSON text, so that key order and value types (1, 1.0) count."""
    return json.dumps(_ordered(data, given), ensure_ascii=False)


def _ordered(data: Any, given: set[str]) -> Any:
    """Data as nested (key, value) lists, so key order counts; instance ids not given in
    the input (new, random on both sides) are left out."""
    if isinstance(data, dict):
        return [(k, _ordered(v, given)) for k, v in data.items() if k != "_id" or v in given]
    if isinstance(data, list):
        return [_ordered(v, given) for v in data]
    return data


def _given_ids(data: Any) -> set[str]:
    if isinstance(data, dict):
        found = {data["_id"]} if isinstance(data.get("_id"), str) else set()
        return found.union(*(_given_ids(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_given_ids(v) for v in data))
    return set()


@pytest.fixture(scope="module")
def bmn() -> Form:
    return load_form(FORMS / "bmn.yaml")


@pytest.fixture(scope="module")
def sample_records() -> list[tuple[dict[str, Any], str, set[str]]]:
    conn = sqlite3.connect(f"file:{SAMPLE_DB}?mode=ro", uri=True)
    rows = conn.execute("SELECT data, status, confirmed FROM records ORDER BY rowid").fetchall()
    conn.close()
    return [(json.loads(d), s, set(json.loads(c or "[]"))) for d, s, c in rows]


@pytest.mark.slow
def test_every_sample_record_is_judged_as_a_session_judges_it(
    bmn: Form, sample_records: list[tuple[dict[str, Any], str, set[str]]]
) -> None:
    datas = [d for d, _, _ in sample_records]
    passed = assert_same_as_sessions(
        bmn, datas, [s != "draft" for _, s, _ in sample_records], [c for _, _, c in sample_records]
    )
    # All but the few surveyed after the tests' today (a survey date cannot be in the future).
    assert len(datas) - 5 <= passed < len(datas)


def test_a_warning_passes_only_where_it_was_confirmed(
    bmn: Form, sample_records: list[tuple[dict[str, Any], str, set[str]]]
) -> None:
    confirmed = [(d, c) for d, s, c in sample_records if c and s != "draft"][:50]
    assert confirmed, "the sample has confirmed warnings"
    datas = [d for d, _ in confirmed]
    assert_same_as_sessions(bmn, datas, [True] * len(datas), [c for _, c in confirmed])
    assert_same_as_sessions(bmn, datas, [True] * len(datas))  # not confirmed: refused


ODD_VALUES: list[Any] = [
    None,
    "",
    "99",
    -5,
    0,
    10**9,
    1.5,
    True,
    [],
    ["1", "1"],
    ["1", "2"],
    {"special": "dk"},
    {"special": "rf"},
    {"special": ""},
    "2021-02-30",
    "2021-02-03",
    "1 2",
    "abc",
]


def _mutate(form: Form, data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The record with a few answers changed to odd or plausible values."""
    out = copy.deepcopy(data)
    fields = [f for f in form.fields() if f.type != "note"]
    for _ in range(rng.randint(1, 3)):
        field = rng.choice(fields)
        holders = [out]
        if field.repeat is not None:
            holders = out.get(field.repeat.name) or []
            if not holders:
                continue
        holder = rng.choice(holders)
        holder[field.name] = _odd_value(field, rng)
    roll = rng.random()
    if roll < 0.05:
        out.pop("members", None)
    elif roll < 0.1:
        out.setdefault("members", []).append({})
    elif roll < 0.12:
        out["unknown_field"] = 1
    elif roll < 0.14 and out.get("members"):
        out["members"][0]["_id"] = "Not An Id"
    return out


def _odd_value(field: Field, rng: random.Random) -> Any:
    if field.choices is not None and rng.random() < 0.5:  # another real code: routes change
        code = rng.choice(field.choices.choices).value
        return [code] if field.type == "select_multiple" else code
    return rng.choice(ODD_VALUES)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_records_are_judged_as_sessions_judge_them(
    bmn: Form, sample_records: list[tuple[dict[str, Any], str, set[str]]], seed: int
) -> None:
    rng = random.Random(seed)
    chosen = rng.sample(sample_records, 250)
    datas = [_mutate(bmn, d, rng) for d, _, _ in chosen]
    required = [rng.random() < 0.8 for _ in chosen]
    confirmed = [c for _, _, c in chosen]
    passed = assert_same_as_sessions(bmn, datas, required, confirmed)
    assert 0 < passed < len(datas)  # both kinds were seen


HEADER = """\
form:
  id: t
  version: "1"
  languages: [th, en]
  instance_name: concat(${head}, ' (', count(${people}), ')')
"""
HOUSEHOLD = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
  place:
    - {value: a1, label: {th: เอ, en: A}, zone: north}
    - {value: b1, label: {th: บี, en: B}, zone: south}
fields:
  - {name: head, type: text, label: {th: หัวหน้า, en: Head}, required: true}
  - {name: zone, type: text, label: {th: เขต, en: Zone}}
  - {name: place, type: select_one, choices: place, label: {th: ที่, en: Place},
     choice_filter: "zone = ${zone}"}
  - {name: has_farm, type: select_one, choices: yn, label: {th: ทำนา, en: Farm}}
  - group: farm
    label: {th: นา, en: Farm}
    relevant: ${has_farm} = '1'
    fields:
      - {name: rai, type: decimal, label: {th: ไร่, en: Rai}, min: 0, max: 500,
         required: true, special: [dont_know]}
      - {name: crop, type: text, label: {th: พืช, en: Crop}, required: "${rai} > 10"}
  - repeat: people
    label: {th: คน, en: People}
    min: 1
    max: 4
    fields:
      - {name: age, type: integer, label: {th: อายุ, en: Age}, required: true,
         constraint: ". < 120", warn: ". < 100"}
      - {name: school, type: select_one, choices: yn, label: {th: เรียน, en: School},
         relevant: "${age} < 18 and ${has_farm} = '1'"}
      - {name: order, type: calculate, calculate: "position() * 10"}
      - {name: heads_farm, type: calculate,
         calculate: "if(${has_farm} = '1', label(${has_farm}), 'none')"}
  - {name: adults, type: calculate, calculate: "count(${people}, ${age} >= 18)"}
  - {name: oldest, type: calculate, calculate: "max(${people}, ${age})"}
  - {name: ages, type: calculate, calculate: "sum(${people}, ${age}) div coalesce(${adults}, 1)"}
  - {name: check, type: integer, label: {th: ตรวจ, en: Check},
     constraint: ". = ${adults} or . = 0"}
"""


def test_an_inline_form_with_filters_gates_aggregates_and_specials() -> None:
    form = make_form(HOUSEHOLD, header=HEADER)
    good = {"head": "สมชาย", "zone": "north", "place": "a1", "has_farm": "1",
            "rai": 12.5, "crop": "ข้าว", "people": [{"age": 40}, {"age": 9, "school": "1"}],
            "check": 1}  # fmt: skip
    variants = [
        good,
        {**good, "place": "b1"},  # filtered out by zone
        {**good, "zone": None},
        {**good, "crop": None},  # required by rai > 10
        {**good, "rai": 5, "crop": None},
        {**good, "rai": {"special": "dont_know"}, "crop": None},
        {**good, "rai": {"special": "refused"}},  # not a special this field allows
        {**good, "has_farm": "2", "rai": 900},  # hidden: not checked, kept
        {**good, "rai": 900},
        {**good, "people": []},
        {**good, "people": [{"age": 1}] * 5},
        {**good, "people": [{"age": 110}]},  # warns
        {**good, "people": [{"age": 130}]},
        {**good, "people": [{"age": 30, "school": "1"}]},  # hidden school is kept
        {**good, "check": 2},
        {**good, "check": 0, "adults": 99, "order": 1},  # calculations recomputed
        {**good, "head": ""},
    ]
    required = [True] * len(variants)
    passed = assert_same_as_sessions(form, variants, required)
    assert 0 < passed < len(variants)
    assert_same_as_sessions(form, variants, [False] * len(variants))
    warned = [{**good, "people": [{"_id": "a1", "age": 110}]}]
    assert assert_same_as_sessions(form, warned, [True], [{"people[1].age"}]) == 1


def test_data_given_as_written_is_kept_and_other_data_is_written_again() -> None:
    form = make_form(HOUSEHOLD, header=HEADER)
    written = {"head": "สมชาย", "zone": "north", "place": "a1", "has_farm": "1", "rai": 12.5,
               "crop": "ข้าว", "people": [{"_id": "p1", "age": 40, "order": 10,
               "heads_farm": "ใช่"}], "adults": 1, "oldest": 40, "ages": 40, "check": 1}  # fmt: skip
    person = written["people"][0]
    variants = {
        "as written": written,
        "keys out of order": {"zone": "north", **written},
        "a blank written out": {**written, "crop": None},
        "a calculation given wrong": {**written, "adults": 2},
        "a whole number given as 40.0": {**written, "oldest": 40.0},
        "an instance without its id": {**written, "people": [{"age": 40}]},
        "an instance's keys out of order": {**written, "people": [{"age": 40, **person}]},
        "no instances": {**written, "people": [], "check": 0},
    }
    screened = screen(form, list(variants.values()), [False] * len(variants), today=TODAY)
    for (what, data), result in zip(variants.items(), screened.records, strict=True):
        expected = session_verdict(form, data, False, set())
        assert result is not None and expected is not None, what
        kept = result.data is data
        assert kept == (what == "as written"), what
        assert _text(result.data, {"p1"}) == _text(expected[0], {"p1"}), what


def test_a_calculation_given_as_minus_zero_is_kept_as_a_session_keeps_it() -> None:
    form = make_form(
        """\
        fields:
          - {name: x, type: decimal, label: {th: เอ็กซ์, en: X}}
          - {name: cx, type: calculate, calculate: "${x} * 1"}
        """
    )
    datas = [{"x": 0.0, "cx": -0.0}, {"x": -0.0, "cx": 0.0}, {"x": 2.5, "cx": 2.5}]
    assert assert_same_as_sessions(form, datas, [True] * 3) == 3


def test_values_written_alike_are_equal_to_the_text() -> None:
    assert written_alike({"a": [1, {"b": "ข"}], "c": 0.5}, {"a": [1, {"b": "ข"}], "c": 0.5})
    for ours, theirs in [
        (1, 1.0),
        (True, 1),
        (0.0, -0.0),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
        ([["1"]], [["1", "2"]]),
        ({"special": "dont_know"}, {"special": "refused"}),
    ]:
        assert not written_alike(ours, theirs), (ours, theirs)


def flat_rows_of_checked(form: Form, datas: list[Any], required: list[bool]) -> None:
    """The import's rows of these records: the flat rows it builds from the screen's
    columns are those each record's data gives (`flat.rows_of`), and its stored data text
    is its data."""
    from tui_cia.storage import flat
    from tui_cia.storage.bulk import Author
    from tui_cia.storage.importcheck import Candidate, ChunkChecker

    who = Author("dev", "en", "2026-01-01T00:00:00Z")
    candidates = [
        Candidate(f"line {i}", {"status": "complete" if r else "draft", "data": d}, i)
        for i, (d, r) in enumerate(zip(datas, required, strict=True))
    ]
    checked = ChunkChecker(form, TODAY, who, None).check(candidates)
    tables = flat.flat_tables(form)
    expected: dict[str, list[Any]] = {t.name: [] for t in tables}
    for row in checked.rows.records:
        data = json.loads(row[17])
        meta = (row[4], row[5], row[2], who.at)
        for name, rows in flat.rows_of(form, tables, row[0], meta, data).items():
            expected[name] += rows
    built = {name: rows for (_, name), rows in checked.rows.flat.items()}
    assert checked.rows.records, "some records passed"
    for table in tables:
        assert sorted(map(repr, built.get(table.name, []))) == sorted(
            map(repr, expected[table.name])
        ), table.name


def test_the_flat_rows_from_the_screens_columns_are_each_records_own(
    bmn: Form, sample_records: list[tuple[dict[str, Any], str, set[str]]]
) -> None:
    rng = random.Random(4)
    chosen = rng.sample(sample_records, 400)
    datas = [d for d, _, _ in chosen[:200]] + [_mutate(bmn, d, rng) for d, _, _ in chosen[200:]]
    flat_rows_of_checked(bmn, datas, [s != "draft" for _, s, _ in chosen])
    form = make_form(HOUSEHOLD, header=HEADER)
    good = {"head": "ก", "zone": "north", "place": "a1", "has_farm": "1", "rai": 5,
            "people": [{"age": 40}, {"age": 9, "school": "1"}], "check": 1}  # fmt: skip
    variants = [good, {**good, "rai": {"special": "dont_know"}}, {**good, "people": []}]
    flat_rows_of_checked(form, variants, [False] * len(variants))


def test_repeats_inside_repeats_are_left_to_sessions() -> None:
    form = make_form(
        """\
        fields:
          - repeat: outer
            label: {th: นอก, en: Outer}
            fields:
              - repeat: inner
                label: {th: ใน, en: Inner}
                fields:
                  - {name: x, type: integer, label: {th: x, en: x}}
        """
    )
    with pytest.raises(Unsupported):
        screen(form, [{}], [True], today=TODAY)


def test_the_import_checks_a_file_of_the_sample_as_before(tmp_path: Path) -> None:
    """Through the import: a file with one bad record among good ones is refused with the
    session's message at the right line, and the good file imports whole."""
    from tui_cia.storage import Store
    from tui_cia.storage.importer import ImportRefused, import_file

    conn = sqlite3.connect(f"file:{SAMPLE_DB}?mode=ro", uri=True)
    rows = conn.execute("SELECT data, status, confirmed FROM records LIMIT 30").fetchall()
    conn.close()
    lines = [
        {"status": s, "data": json.loads(d), "confirmed": json.loads(c or "[]")} for d, s, c in rows
    ]
    bad = copy.deepcopy(lines)
    bad[7]["data"]["members"][0]["sex"] = "7"
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in bad), "utf-8")
    store = Store(tmp_path / "t.db")
    form = store.resolve_form(str(FORMS / "bmn.yaml"))
    with pytest.raises(ImportRefused) as refused:
        import_file(store, form, source)
    assert [p.format().split(":")[:3] for p in refused.value.problems] == [
        ["bad.jsonl", "8", " members[1].sex"]
    ]
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    assert import_file(store, form, source) == 30
    store.close()


def test_an_import_stands_when_the_screen_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen only saves time: if it breaks, every record is checked by a session."""
    from tui_cia.storage import Store, importcheck, importer

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("screen failed")

    monkeypatch.setattr(importcheck, "screen", broken)
    conn = sqlite3.connect(f"file:{SAMPLE_DB}?mode=ro", uri=True)
    rows = conn.execute("SELECT data, status, confirmed FROM records LIMIT 5").fetchall()
    conn.close()
    source = tmp_path / "five.jsonl"
    lines = [{"status": s, "data": json.loads(d), "confirmed": json.loads(c)} for d, s, c in rows]
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    store = Store(tmp_path / "t.db")
    form = store.resolve_form(str(FORMS / "bmn.yaml"))
    assert importer.import_file(store, form, source) == 5
    store.close()
