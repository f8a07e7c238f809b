"""Form versions kept in the database: the YAML (and choice files) of every version used."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from tui_cia.errors import TuiCiaError

if TYPE_CHECKING:
    from tui_cia.survey import Form


class UnknownForm(TuiCiaError):
    """A form id, version or path that neither the database nor the disk has."""


class FormStore:
    """Stores form versions and hands out loaded forms, each parsed once per process."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._cache: dict[tuple[str, str], Form] = {}

    def add(self, form: Form, stored_at: str, villages_at: str | None = None) -> None:
        """Keep this version's YAML (once); choice files are folded in by the loader.
        `villages_at`: when its village list was imported (storage.villagelists)."""
        self.conn.execute(
            "INSERT OR IGNORE INTO form_versions(form_id, version, content_hash, yaml, files, "
            "stored_at, villages_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                form.id,
                form.version,
                form.content_hash,
                form.source,
                json.dumps(form.attachments, ensure_ascii=False),
                stored_at,
                villages_at,
            ),
        )
        self._cache[(form.id, form.content_hash)] = form

    def receive(self, form: Form, now: str, villages_at: str | None) -> None:
        """Keep a version that came in a bundle. It becomes this database's current version,
        as any version new here does, except against a current version of the same YAML
        whose village list is as new or newer: then it is kept behind it (its records read
        with it) and the newer list stays the one offered. A version known here that comes
        with a later village list stamp takes the stamp (and the lead, if it is now ahead)."""
        known = self.stamp(form.id, form.content_hash)
        if known is not None and (villages_at or "") <= (known[1] or ""):
            self._cache[(form.id, form.content_hash)] = form
            return
        current = self.current_row(form.id)
        same_yaml = current is not None and current[1] == form.source
        ahead = current is None or (villages_at or "") > (current[3] or "")
        if known is None:
            lead = ahead or not same_yaml
            stored_at = now if lead or current is None else just_before(current[2])
            self.add(form, stored_at, villages_at)
            return
        self.conn.execute(
            "UPDATE form_versions SET villages_at = ?, stored_at = CASE WHEN ? THEN ? "
            "ELSE stored_at END WHERE form_id = ? AND content_hash = ?",
            (villages_at, int(ahead and same_yaml), now, form.id, form.content_hash),
        )
        self._cache[(form.id, form.content_hash)] = form

    def promote(self, form: Form, now: str, villages_at: str | None) -> None:
        """Store `form` (if new) as the current version of its form, with this stamp."""
        self.add(form, now, villages_at)
        self.conn.execute(
            "UPDATE form_versions SET stored_at = ?, villages_at = ? "
            "WHERE form_id = ? AND content_hash = ?",
            (now, villages_at, form.id, form.content_hash),
        )

    def stamp(self, form_id: str, content_hash: str) -> tuple[str, str | None] | None:
        """(stored_at, villages_at) of a stored version; None if it is not stored."""
        row = self.conn.execute(
            "SELECT stored_at, villages_at FROM form_versions WHERE form_id = ? "
            "AND content_hash = ?",
            (form_id, content_hash),
        ).fetchone()
        return None if row is None else (str(row[0]), row[1])

    def current_row(self, form_id: str) -> tuple[str, str, str, str | None] | None:
        """(content hash, YAML, stored_at, villages_at) of the current (newest) version."""
        row = self.conn.execute(
            "SELECT content_hash, yaml, stored_at, villages_at FROM form_versions "
            "WHERE form_id = ? ORDER BY stored_at DESC, rowid DESC LIMIT 1",
            (form_id,),
        ).fetchone()
        return None if row is None else (row[0], row[1], str(row[2]), row[3])

    def ids(self) -> list[str]:
        rows = self.conn.execute("SELECT DISTINCT form_id FROM form_versions ORDER BY form_id")
        return [r[0] for r in rows]

    def versions(self, form_id: str) -> list[tuple[str, str, str]]:
        """(version, content_hash, stored_at) of a form, oldest first."""
        rows = self.conn.execute(
            "SELECT version, content_hash, stored_at FROM form_versions WHERE form_id = ? "
            "ORDER BY stored_at, rowid",
            (form_id,),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def get(
        self, form_id: str, content_hash: str | None = None, version: str | None = None
    ) -> Form:
        """A stored version (by hash, by version, or the newest)."""
        if content_hash and (form_id, content_hash) in self._cache:
            return self._cache[(form_id, content_hash)]
        sql = "SELECT content_hash, yaml, files FROM form_versions WHERE form_id = ?"
        args: list[str] = [form_id]
        if content_hash:
            sql, args = sql + " AND content_hash = ?", [*args, content_hash]
        elif version:
            sql, args = sql + " AND version = ?", [*args, version]
        row = self.conn.execute(
            sql + " ORDER BY stored_at DESC, rowid DESC LIMIT 1", args
        ).fetchone()
        if row is None:
            what = f"version {version} of " if version else ""
            raise UnknownForm(
                f"the database has no {what}form '{form_id}'; "
                f"known forms: {', '.join(self.ids()) or 'none'}"
            )
        key = (form_id, row[0])
        if key not in self._cache:
            from tui_cia.survey import load_form_text

            files = json.loads(row[2] or "{}")
            self._cache[key] = load_form_text(row[1], f"<{form_id} {row[0][:8]}>", None, files)
        return self._cache[key]

    def raw(self, form_id: str) -> tuple[str, str, str] | None:
        """(content hash, YAML, choice files) of the newest version, to parse elsewhere."""
        row = self.conn.execute(
            "SELECT content_hash, yaml, files FROM form_versions WHERE form_id = ? "
            "ORDER BY stored_at DESC, rowid DESC LIMIT 1",
            (form_id,),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2] or "{}")

    def forget(self) -> None:
        """Drop parsed forms: after a rolled-back transaction some may not be stored."""
        self._cache.clear()

    def remember(self, form: Form) -> None:
        """Keep a form parsed elsewhere (a worker) so `get` does not parse it again."""
        self._cache[(form.id, form.content_hash)] = form

    def resolve(self, spec: str, stored_at: str) -> Form:
        """FORM on the command line: a YAML path (stored on first use) or a known form id."""
        from tui_cia.survey import load_form

        path = Path(spec)
        if spec.endswith((".yaml", ".yml")) or path.is_file():
            if not path.is_file():
                raise UnknownForm(f"no form file {spec}")
            form = load_form(path)
            self.add(form, stored_at)
            return form
        return self.get(spec)


def just_before(stamp: str) -> str:
    """A stored_at a millisecond before `stamp` (ISO UTC), to keep a version behind it."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return ""  # not a time: before every time
    earlier = moment - dt.timedelta(milliseconds=1)
    return earlier.isoformat(timespec="milliseconds").replace("+00:00", "Z")
