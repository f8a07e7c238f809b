"""Helpers for sync tests: laptops (databases) with a small household form, and exchanges."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from pathlib import Path
from typing import Any

from formtools import make_form

from tui_cia.storage import Store
from tui_cia.survey import Form
from tui_cia.sync.exchange import ImportReport, export_bundle, import_bundle

TODAY = dt.date(2022, 6, 15)

FORM = """\
form:
  id: hh
  version: "1"
  languages: [th, en]
  key: [house_no]
  instance_name: "concat(${house_no}, ' ', ${head_name})"
choices:
  yn:
    - {value: "1", label: {th: ใช่, en: "Yes"}}
    - {value: "2", label: {th: ไม่ใช่, en: "No"}}
fields:
  - {name: house_no, type: text, label: {th: บ้านเลขที่, en: House number}, required: true}
  - {name: head_name, type: text, label: {th: ชื่อหัวหน้า, en: Head}}
  - {name: water, type: select_one, choices: yn, label: {th: น้ำสะอาด, en: Clean water}}
  - {name: income, type: integer, label: {th: รายได้, en: Income}, min: 0}
  - repeat: members
    label: {th: สมาชิก, en: Members}
    fields:
      - {name: first_name, type: text, label: {th: ชื่อ, en: Name}}
      - {name: age, type: integer, label: {th: อายุ, en: Age}, min: 0, max: 120}
  - {name: total_age, type: calculate, calculate: "sum(${members}, ${age})"}
"""


def sync_form() -> Form:
    return make_form(FORM, header="")


class Laptop:
    """One database with its own device id and a clock that never repeats."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        ticks = itertools.count()
        self.store = Store(
            folder / f"{name}.db",
            today=TODAY,
            clock=lambda: f"2022-06-15T08:00:00.{next(ticks):06d}Z",
        )
        self.store.set_enumerator(name)
        self.form = sync_form()
        self.store.add_form(self.form)
        self.bundles = itertools.count()

    def household(self, house_no: str, head: str = "สมชาย", members: int = 1) -> str:
        rec = self.store.create(self.form, carry=False)
        self.store.answer(rec, ("house_no",), house_no)
        self.store.answer(rec, ("head_name",), head)
        for i in range(members):
            self.store.add_instance(rec, ("members",))
            self.store.answer(rec, ("members", i, "first_name"), f"คน{i}")
            self.store.answer(rec, ("members", i, "age"), str(30 + i))
        self.store.checkpoint(rec)
        return rec.uuid

    def answer(self, uuid: str, path: tuple[Any, ...], text: str) -> None:
        rec = self.store.open(uuid)
        result = self.store.answer(rec, path, text)
        assert result.ok, result.problem
        self.store.checkpoint(rec)

    def bundle_for(self, other: Laptop | None, **kwargs: Any) -> Path:
        out = self.folder / f"{self.name}-{next(self.bundles)}.tcb"
        peer = other.store.device if other is not None and self.knows(other) else None
        export_bundle(self.store, out, peer=peer, **kwargs)
        return out

    def knows(self, other: Laptop) -> bool:
        row = self.store.conn.execute(
            "SELECT 1 FROM peers WHERE device = ?", (other.store.device,)
        ).fetchone()
        return row is not None

    def take(self, bundle: Path, **kwargs: Any) -> ImportReport:
        return import_bundle(self.store, bundle, **kwargs)


def send(source: Laptop, target: Laptop) -> ImportReport:
    """source writes a bundle for target, which imports it."""
    return target.take(source.bundle_for(target))


def dump(store: Store) -> list[str]:
    """The whole database as SQL, for "nothing changed" comparisons."""
    return list(store.conn.iterdump())


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
