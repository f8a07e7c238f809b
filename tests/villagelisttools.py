"""Helpers for the tests of an office's village list (`tui-cia areas import`): a small form
whose cascade reads areas/tambons.csv and areas/villages.csv, databases with a ticking
clock, CSV files."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sqlite3
from pathlib import Path

from formtools import FORMS

from tui_cia.storage import Store
from tui_cia.survey import Form, FormSession, load_form

TODAY = dt.date(2022, 6, 15)

FORM = """\
form:
  id: hh
  version: "1"
  languages: [th, en]
  area: village_code
choices:
  tambons:
    file: areas/tambons.csv
  villages:
    file: areas/villages.csv
fields:
  - {name: tambon, type: select_one, choices: tambons, label: {th: ตำบล, en: Tambon}}
  - name: village_code
    type: select_one
    choices: villages
    choice_filter: "tambon = ${tambon}"
    label: {th: หมู่บ้าน, en: Village}
  - {name: house_no, type: text, label: {th: บ้านเลขที่, en: House number}}
"""

# Two lists an office might load: Mueang Chiang Mai's first tambons, then a corrected one.
LIST_A = """\
value,label_th,label_en,tambon
50010101,บ้านป่าแดด,Ban Pa Daet,500101
50010102,บ้านหนองหอย,Ban Nong Hoi,500101
50010201,บ้านช้างคลาน,Ban Chang Khlan,500102
"""
LIST_B = """\
value,label_th,label_en
50010101,บ้านป่าแดดเหนือ,Ban Pa Daet Nuea
50010103,บ้านใหม่,Ban Mai
"""


def form_folder(folder: Path) -> Path:
    """The small form beside a copy of the shipped area files (tambons: one district)."""
    areas = folder / "areas"
    areas.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FORMS / "areas" / "villages.csv", areas / "villages.csv")
    lines = (FORMS / "areas" / "tambons.csv").read_text(encoding="utf-8").splitlines()
    (areas / "tambons.csv").write_text(
        "\n".join([lines[0], *(x for x in lines if x.startswith("1601"))]) + "\n",
        encoding="utf-8",
    )
    (folder / "hh.yaml").write_text(FORM, encoding="utf-8")
    return folder / "hh.yaml"


def small_form(folder: Path) -> Form:
    return load_form(form_folder(folder))


def store_at(path: Path, minute: int = 0, form: Form | None = None) -> Store:
    """A database whose clock ticks a microsecond a call from 2022-06-15 08:`minute`."""
    ticks = itertools.count()

    def clock() -> str:
        return f"2022-06-15T08:{minute:02d}:00.{next(ticks):06d}Z"

    store = Store(path, today=TODAY, clock=clock)
    if form is not None:
        store.add_form(form)
    return store


def write_csv(folder: Path, text: str, name: str = "villages.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def village_choices(form: Form, tambon: str) -> list[tuple[str, str]]:
    """(code, Thai name) of the villages the form's cascade offers in `tambon`."""
    session = FormSession(form, today=TODAY)
    assert session.enter(("tambon",), tambon).ok
    return [(c.value, c.label.get("th")) for c in session.choices(("village_code",))]


def form_versions(path: Path) -> list[tuple[str, str, str, str | None]]:
    """Every stored version as (form, hash, stored_at, villages_at): to see nothing changed."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT form_id, content_hash, stored_at, villages_at FROM form_versions ORDER BY rowid"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]
    finally:
        conn.close()
