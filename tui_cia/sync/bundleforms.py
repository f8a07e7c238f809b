"""The form versions a bundle carries: those its records name, and the current versions
holding a village list imported by the sender (storage.villagelists), so that an office's
list reaches the laptops before any record is keyed with it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any

from tui_cia.errors import TuiCiaError
from tui_cia.sync.bundle import BundleRefused

if TYPE_CHECKING:
    from tui_cia.survey import Form


def manifest_forms(conn: sqlite3.Connection, named: set[str]) -> list[dict[str, Any]]:
    """The form versions the records name, and the current version of each form whose
    village list was imported here (storage.villagelists): it travels before any record
    is keyed with it. Each with the time its village list was imported, if it was."""
    hashes = named | set(_current_village_lists(conn))
    forms = []
    for content_hash in sorted(hashes):
        row = conn.execute(
            "SELECT form_id, version, content_hash, yaml, files, villages_at FROM form_versions "
            "WHERE content_hash = ?",
            (content_hash,),
        ).fetchone()
        entry = {
            "form_id": row[0],
            "version": row[1],
            "content_hash": row[2],
            "yaml": row[3],
            "files": json.loads(row[4] or "{}"),
        }
        if row[5]:
            entry["villages_at"] = row[5]
        forms.append(entry)
    return forms


def _current_village_lists(conn: sqlite3.Connection) -> list[str]:
    """The hashes of the current versions whose village list was imported."""
    found = []
    for (form_id,) in conn.execute("SELECT DISTINCT form_id FROM form_versions").fetchall():
        row = conn.execute(
            "SELECT content_hash, villages_at FROM form_versions WHERE form_id = ? "
            "ORDER BY stored_at DESC, rowid DESC LIMIT 1",
            (form_id,),
        ).fetchone()
        if row[1]:
            found.append(str(row[0]))
    return found


def bundle_forms(
    manifest: dict[str, Any], named: set[str], form_id: str | None = None
) -> list[tuple[Form, str | None]]:
    """Every form version the records name (`named`: their hashes), and the village lists
    the sender sends along (of `form_id` only, when given), each parsed and checked against
    its content hash, with the time its village list was imported; oldest list first."""
    given = {
        str(f.get("content_hash")): f for f in manifest.get("forms") or [] if isinstance(f, dict)
    }
    for content_hash in sorted(named):
        if content_hash not in given:
            raise BundleRefused(f"the bundle lacks form version {content_hash[:12]}: refused")
    sent = {
        h for h, f in given.items() if f.get("villages_at") and form_id in (None, f.get("form_id"))
    }
    forms = [(_bundle_form(given[h], h), _stamp(given[h])) for h in sorted(named | sent)]
    return sorted(forms, key=lambda pair: pair[1] or "")


def _bundle_form(entry: dict[str, Any], content_hash: str) -> Form:
    from tui_cia.survey import load_form_text

    try:
        form = load_form_text(
            str(entry["yaml"]), f"<bundle {entry['form_id']}>", None, dict(entry["files"])
        )
    except (TuiCiaError, KeyError, TypeError, ValueError) as exc:
        raise BundleRefused(f"a form in the bundle cannot be read: {exc}") from None
    if form.content_hash != content_hash or form.id != entry["form_id"]:
        raise BundleRefused(
            f"form '{entry['form_id']}' in the bundle does not match its checksum: refused"
        )
    return form


def _stamp(entry: dict[str, Any]) -> str | None:
    """When the entry's village list was imported, if it says so (a time, ISO 8601)."""
    stamp = entry.get("villages_at")
    if stamp is None:
        return None
    try:
        if not isinstance(stamp, str) or len(stamp) > 40:
            raise ValueError(stamp)
        dt.datetime.fromisoformat(stamp)
    except ValueError:
        raise BundleRefused("a form in the bundle has a malformed 'villages_at': refused") from None
    return stamp
