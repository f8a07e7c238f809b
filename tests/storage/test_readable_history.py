"""History in words: labels not ids, members by name, พ.ศ. times, specials, reasons, versions."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from formtools import make_form

from tui_cia.storage import OpenRecord, Store
from tui_cia.storage.readable import ReadableHistory, readable_changes, readable_record
from tui_cia.storage.readwords import be_time, value_text
from tui_cia.survey import Form

BANGKOK = dt.timezone(dt.timedelta(hours=7))
TODAY = dt.date(2026, 12, 8)

HEADER = """\
form:
  id: hh
  version: "{version}"
  languages: [th, en]
  key: [house_no]
  instance_name: "${{house_no}}"
"""

BODY = """\
choices:
  yn:
    - {{value: "1", label: {{th: ใช่, en: "Yes"}}}}
    - {{value: "2", label: {{th: ไม่ใช่, en: "No"}}}}
  water:
    - {{value: tap, label: {{th: {tap}, en: Tap water}}}}
    - {{value: well, label: {{th: น้ำบ่อ, en: Well}}}}
    - {{value: rain, label: {{th: น้ำฝน, en: Rain}}}}
fields:
  - {{name: house_no, type: text, label: {{th: บ้านเลขที่, en: House number}}, required: true}}
  - {{name: visit, type: date, label: {{th: วันที่สำรวจ, en: Survey date}}}}
  - {{name: water, type: select_multiple, choices: water,
     label: {{th: แหล่งน้ำดื่ม, en: Drinking water}}}}
  - repeat: members
    label: {{th: สมาชิกในครัวเรือน, en: Household members}}
    instance_label: "concat(${{first_name}}, ' ', ${{last_name}})"
    fields:
      - {{name: first_name, type: text, label: {{th: ชื่อ, en: First name}}}}
      - {{name: last_name, type: text, label: {{th: นามสกุล, en: Last name}}}}
      - {{name: age, type: integer, label: {{th: {age}, en: Age}}, special: [dont_know]}}
      - {{name: cares, type: select_one, choices: yn,
         label: {{th: "${{first_name}} ช่วยเหลือตนเองได้", en: "${{first_name}} cares for self"}}}}
  - {{name: n_members, type: calculate, calculate: "count(${{members}})"}}
"""


def household_form(version: str = "1", tap: str = "น้ำประปา", age: str = "อายุ") -> Form:
    return make_form(BODY.format(tap=tap, age=age), header=HEADER.format(version=version))


def clock() -> object:
    minutes = itertools.count()
    return lambda: f"2026-12-08T00:{26 + next(minutes):02d}:00.000Z"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "h.db", clock=clock(), today=TODAY)  # type: ignore[arg-type]
    s.set_enumerator("สมศรี")
    return s


def keyed(store: Store, form: Form) -> OpenRecord:
    rec = store.create(form)
    assert store.answer(rec, ("house_no",), "12/3").ok
    assert store.answer(rec, ("visit",), "08/12/2569").ok
    assert store.answer(rec, ("water",), "tap rain").ok
    for first, last in (("สมชาย", "ใจดี"), ("สมหญิง", "ใจดี")):
        index = store.add_instance(rec, ("members",))
        assert store.answer(rec, ("members", index, "first_name"), first).ok
        assert store.answer(rec, ("members", index, "last_name"), last).ok
    assert store.answer(rec, ("members", 1, "age"), "35").ok
    assert store.answer(rec, ("members", 1, "age"), "36", reason="พิมพ์ผิด").ok
    assert store.set_special(rec, ("members", 1, "age"), "dont_know").ok
    assert store.answer(rec, ("members", 1, "cares"), "2").ok
    return rec


def lines_of(store: Store, rec: OpenRecord, lang: str = "th") -> list[tuple[str, str, str]]:
    return [(c.what, c.old, c.new) for c in ReadableHistory(store, rec.uuid).lines(lang)]


def test_each_change_reads_as_question_and_labels(store: Store) -> None:
    rec = keyed(store, household_form())
    lines = lines_of(store, rec)
    assert lines[0] == ("สร้างแบบสอบถาม", "", "")  # nothing answered yet
    assert ("บ้านเลขที่", "(ว่าง)", "12/3") in lines
    assert ("วันที่สำรวจ", "(ว่าง)", "8 ธ.ค. 2569") in lines
    assert ("แหล่งน้ำดื่ม", "(ว่าง)", "น้ำประปา, น้ำฝน") in lines  # a multi-select by labels
    assert ("เพิ่ม คนที่ 2", "", "") in lines  # added before it had a name
    assert ("คนที่ 2 สมหญิง ใจดี: อายุ", "35", "36") in lines
    assert ("คนที่ 2 สมหญิง ใจดี: อายุ", "36", "ไม่ทราบ") in lines  # a special in words
    assert ("คนที่ 2 สมหญิง ใจดี: สมหญิง ช่วยเหลือตนเองได้", "(ว่าง)", "ไม่ใช่") in lines
    assert not any("members" in what or "#" in what for what, _, _ in lines)


def test_who_when_in_buddhist_era_local_time_and_why(store: Store) -> None:
    rec = keyed(store, household_form())
    changes = readable_changes(
        ReadableHistory(store, rec.uuid).form, store.history(rec.uuid), "th", BANGKOK
    )
    assert store.history(rec.uuid)[0].at == "2026-12-08T00:27:00.000Z"  # (00:26: the form)
    assert changes[0].when == "8 ธ.ค. 2569 07:27" and changes[0].who == "สมศรี"
    assert changes[0].device == store.device
    fixed = next(c for c in changes if c.new == "36")
    assert fixed.reason == "พิมพ์ผิด"
    assert all(c.reason == "" for c in changes if c is not fixed)
    assert be_time("2026-12-08T00:26:00Z", "en", BANGKOK) == "8 Dec 2569 07:26"
    assert be_time("2026-12-31T20:00:00Z", "th", BANGKOK) == "1 ม.ค. 2570 03:00"
    assert be_time("not a time", "th") == "not a time"


def test_english_labels_and_roster_changes(store: Store) -> None:
    rec = keyed(store, household_form())
    store.move_instance(rec, ("members",), 1, 0, reason="หัวหน้าก่อน")
    store.remove_instance(rec, ("members",), 1, reason="ย้ายออก")
    store.complete(rec)
    lines = lines_of(store, rec, "en")
    assert ("Member 2 สมหญิง ใจดี: Age", "36", "Don't know") in lines
    assert ("Drinking water", "(blank)", "Tap water, Rain") in lines
    assert ("Moved Member 2 สมหญิง ใจดี", "position 2", "position 1") in lines
    assert ("Removed Member 2 สมชาย ใจดี", "", "") in lines
    assert lines[-1] == ("Status", "draft", "complete")
    history = ReadableHistory(store, rec.uuid).lines("th")
    assert [c.reason for c in history[-3:-1]] == ["หัวหน้าก่อน", "ย้ายออก"]


def test_a_change_to_a_member_no_longer_there_names_the_roster(store: Store) -> None:
    rec = keyed(store, household_form())
    changes = store.history(rec.uuid)
    age = next(c for c in changes if c.path.endswith(".age"))
    age.path = "members#gone00000000.age"  # a member another laptop removed before it came
    lines = readable_changes(ReadableHistory(store, rec.uuid).form, changes, "th")
    assert next(c for c in lines if c.revision == age.revision).what == ("สมาชิกในครัวเรือน: อายุ")


def test_the_record_as_of_a_revision_in_labels(store: Store) -> None:
    rec = keyed(store, household_form())
    history = ReadableHistory(store, rec.uuid)
    at_36 = next(c.revision for c in history.lines("th") if c.new == "36")
    record = [(a.depth, a.question, a.answer) for a in history.as_of(at_36, "th")]
    assert record == [
        (0, "บ้านเลขที่", "12/3"),
        (0, "วันที่สำรวจ", "8 ธ.ค. 2569"),
        (0, "แหล่งน้ำดื่ม", "น้ำประปา, น้ำฝน"),
        (0, "คนที่ 1 สมชาย ใจดี", ""),
        (1, "ชื่อ", "สมชาย"),
        (1, "นามสกุล", "ใจดี"),
        (0, "คนที่ 2 สมหญิง ใจดี", ""),
        (1, "ชื่อ", "สมหญิง"),
        (1, "นามสกุล", "ใจดี"),
        (1, "อายุ", "36"),
    ]
    latest = history.as_of(history.changes[-1].revision, "en")
    assert [(a.question, a.answer) for a in latest][-2:] == [
        ("Age", "Don't know"),
        ("สมหญิง cares for self", "No"),
    ]


def test_an_old_record_keeps_the_labels_of_its_form_version(store: Store) -> None:
    old = keyed(store, household_form())
    store.add_form(household_form("2", tap="ประปา", age="อายุ (ปีเต็ม)"))
    new = keyed(store, household_form("2", tap="ประปา", age="อายุ (ปีเต็ม)"))
    assert ("แหล่งน้ำดื่ม", "(ว่าง)", "น้ำประปา, น้ำฝน") in lines_of(store, old)
    assert ("คนที่ 2 สมหญิง ใจดี: อายุ", "35", "36") in lines_of(store, old)
    assert ("แหล่งน้ำดื่ม", "(ว่าง)", "ประปา, น้ำฝน") in lines_of(store, new)
    assert ("คนที่ 2 สมหญิง ใจดี: อายุ (ปีเต็ม)", "35", "36") in lines_of(store, new)


def test_values_in_words() -> None:
    form = household_form()
    water, cares = form.field("water"), form.field("cares")
    assert value_text(water, ["well", "lake"], "th") == "น้ำบ่อ, lake"  # an unknown code as is
    assert value_text(cares, {"special": "refused"}, "en") == "Refused"
    assert value_text(None, 120000, "th") == "120000"  # as typed
    assert value_text(None, 2.5, "th") == "2.5"
    assert value_text(None, 2565, "th") == "2565"
    assert value_text(None, None, "en") == "(blank)"
    assert readable_record(form, {}, "th") == []
