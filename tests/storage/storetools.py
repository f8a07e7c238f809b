"""Helpers for storage tests: a store in a temporary folder and a small household form."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from formtools import make_form

from tui_cia.storage import Store
from tui_cia.survey import Form

TODAY = dt.date(2022, 6, 15)

HOUSEHOLD = """\
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
  village:
    - {value: "16010401", label: {th: บ้านโก่งธนู, en: Ban Kong Thanu}, tambon: "160104"}
    - {value: "16010402", label: {th: บ้านใหม่, en: Ban Mai}, tambon: "160104"}
fields:
  - {name: tambon, type: text, label: {th: ตำบล, en: Tambon}, default: "160104", carry: true}
  - {name: village_code, type: select_one, choices: village, carry: true, required: true,
     label: {th: หมู่บ้าน, en: Village}, choice_filter: "tambon = ${tambon}"}
  - {name: survey_round, type: integer, label: {th: รอบ, en: Round}, default: 2565}
  - {name: house_no, type: text, label: {th: บ้านเลขที่, en: House number}, required: true}
  - {name: head_name, type: text, label: {th: ชื่อหัวหน้า, en: Head}}
  - repeat: members
    label: {th: สมาชิก, en: Members}
    min: 1
    fields:
      - {name: first_name, type: text, label: {th: ชื่อ, en: Name}, required: true}
      - {name: national_id, type: thai_id, label: {th: เลขประจำตัว, en: Id}, special: [dont_know]}
      - {name: age, type: integer, label: {th: อายุ, en: Age}, min: 0, max: 120,
         warn: ". < 100", warn_message: {th: อายุมาก, en: Very old}}
      - {name: checkup, type: select_one, choices: yn, label: {th: ตรวจ, en: Check-up},
         relevant: "${age} >= 35"}
  - {name: income, type: integer, label: {th: รายได้, en: Income}, min: 0,
     constraint: ". < 10000000", constraint_message: {th: มากเกินไป, en: Too large}}
  - {name: per_person, type: calculate, calculate: "int(${income} div count(${members}))"}
dimensions:
  - {id: health, label: {th: สุขภาพ, en: Health}}
indicators:
  - {id: i06, number: 6, dimension: health, label: {th: ตรวจ, en: Check-up}, unit: person,
     over: members, applies: "${age} >= 35", pass: "${checkup} = '1'"}
"""

HEADER = """\
form:
  id: hh
  version: "1"
  languages: [th, en]
  key: [village_code, house_no]
  area: village_code
  round: survey_round
  instance_name: "concat(${house_no}, ' ', ${head_name})"
"""


def household_form() -> Form:
    return make_form(HOUSEHOLD, header=HEADER)


def ticking_clock() -> object:
    counter = itertools.count()
    return lambda: f"2022-06-15T08:{next(counter) // 60:02d}:{next(counter) % 60:02d}.000Z"


def new_store(path: Path) -> Store:
    return Store(path, today=TODAY)
