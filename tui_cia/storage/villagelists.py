"""An office's own village list in the database (`tui-cia areas import|list`), stored as a
new version of each form whose choices read areas/villages.csv.

Design. A form version is its YAML and its choice files; the hash of both is what each
record stores, and the database keeps every version. Importing a village list therefore
makes, for each stored form whose current version reads areas/villages.csv (bmn, village),
a new version with the same YAML and the office's list as that file (and the country's
province, amphoe and tambon lists of this tui-cia, so that the cascade reaches every
tambon), stored as the form's current version. So:

- data entry offers the office's villages, with the tambon filter working as before, since
  new records take the current version; record imports check against it too;
- records keep the hash of the version they were filled with: older records stay valid
  with the list they were keyed from, and a bundle carries the version of each record it
  holds, so a laptop that does not know the office's villages never refuses them;
- a bundle also carries the sender's current versions that hold an imported list, so the
  list reaches the laptops before any record is keyed with it (sync.exchange);
- each such version remembers when its list was imported (`villages_at`, the office's
  time); a database keeps the latest list current whatever order bundles bring them in
  (`FormStore.receive`); a re-import makes a new current version, the same list again
  changes nothing;
- analysis reads the current version, so it names villages from the latest list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui_cia.errors import TuiCiaError
from tui_cia.paths import SHIPPED_FORMS
from tui_cia.storage.db import transaction
from tui_cia.survey.areas import COUNTRY_FILES, VILLAGES_FILE, country_tambons, shipped_area_text
from tui_cia.survey.villagefile import Village, read_villages, villages_csv

if TYPE_CHECKING:
    from tui_cia.storage.store import StoreCore
    from tui_cia.survey import Form


@dataclass
class ImportSummary:
    """What an import did: the villages taken and the forms given a new version."""

    villages: int
    tambons: int
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@dataclass
class VillageList:
    """A village list that forms of the database offer now."""

    forms: list[str]
    villages_at: str | None  # when it was imported; None: the list the form file ships with
    villages: list[Village]


def import_villages(store: StoreCore, path: Path) -> ImportSummary:
    """Check the CSV file at `path` whole (VillagesRefused lists every bad row), then store
    it as the current village list of every form reading areas/villages.csv, in one
    transaction: on any problem the database is left as it was."""
    villages = read_villages(path, country_tambons())
    text = villages_csv(villages)
    summary = ImportSummary(len(villages), len({v.tambon for v in villages}))
    now = store.clock()
    try:
        with transaction(store.conn):
            if not store.forms.ids():
                _add_start_forms(store, now)
            targets = [f for f in _current_forms(store) if VILLAGES_FILE in f.attachments]
            if not targets:
                raise TuiCiaError(
                    f"no form in {store.path.name} reads {VILLAGES_FILE}: the village list "
                    "is for forms whose village question uses that file (bmn, village)"
                )
            for form in targets:
                made = with_villages(form, text)
                if made.content_hash == form.content_hash:
                    summary.unchanged.append(form.id)
                    continue
                store.forms.promote(made, now, now)
                _ensure_tables(store, made)
                summary.changed.append(form.id)
    except BaseException:
        store.forms.forget()  # parsed forms of the rolled-back versions
        raise
    return summary


def with_villages(form: Form, villages_text: str) -> Form:
    """`form` with this village list and the shipped country lists as its choice files."""
    from tui_cia.survey import load_form_text

    files = dict(form.attachments)
    files[VILLAGES_FILE] = villages_text
    for name in COUNTRY_FILES:
        if name in files:
            files[name] = shipped_area_text(name)
    try:
        return load_form_text(form.source, f"<{form.id} {form.version}>", None, files)
    except TuiCiaError as exc:
        raise TuiCiaError(f"form '{form.id}' cannot take this village list:\n{exc}") from None


def village_lists(store: StoreCore) -> list[VillageList]:
    """The village lists the forms offer now, one per distinct list (normally one, shared
    by bmn and village); on a database without forms, the list that ships with them."""
    from tui_cia.survey.choices_csv import read_choice_file

    by_text: dict[str, VillageList] = {}
    for form_id in store.forms.ids():
        raw = store.forms.raw(form_id)
        files = json.loads(raw[2]) if raw else {}
        text = files.get(VILLAGES_FILE)
        if text is None or raw is None:
            continue
        stamp = store.forms.stamp(form_id, raw[0])
        if text not in by_text:
            rows, _, _ = read_choice_file(None, VILLAGES_FILE, ("th", "en"), files)
            villages = [
                Village(value, labels.get("th", ""), labels.get("en", ""), value[:6])
                for value, labels, _ in rows
            ]
            by_text[text] = VillageList([], stamp[1] if stamp else None, villages)
        by_text[text].forms.append(form_id)
    if not by_text and not store.forms.ids():
        files = {VILLAGES_FILE: shipped_area_text(VILLAGES_FILE)}
        rows, _, _ = read_choice_file(None, VILLAGES_FILE, ("th", "en"), files)
        shipped = [Village(v, lab.get("th", ""), lab.get("en", ""), v[:6]) for v, lab, _ in rows]
        return [VillageList([], None, shipped)]
    return list(by_text.values())


def _current_forms(store: StoreCore) -> list[Form]:
    return [store.forms.get(form_id) for form_id in store.forms.ids()]


def _add_start_forms(store: StoreCore, now: str) -> None:
    """A new database: the shipped forms first, as the app's first start adds them."""
    from tui_cia.storage.store import shipped_form_file
    from tui_cia.survey import load_form

    for form_id in SHIPPED_FORMS:
        path = shipped_form_file(form_id)
        if path is not None:
            form = load_form(path)
            store.forms.add(form, now)
            _ensure_tables(store, form)


def _ensure_tables(store: StoreCore, form: Form) -> None:
    from tui_cia.storage import flat

    flat.ensure_tables(store.conn, form)
