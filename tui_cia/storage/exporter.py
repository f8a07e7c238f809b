"""Exporting records as JSON lines (FORMS-SPEC section 8) that import back unchanged."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from tui_cia.errors import TuiCiaError
from tui_cia.storage.store import StoreCore


def export_records(
    store: StoreCore, form_id: str, out: Path, *, include_deleted: bool = False
) -> int:
    """Write every live record of a form, oldest first; returns the count."""
    checkpoint = getattr(store, "checkpoint_all", None)
    if checkpoint is not None:
        checkpoint()
    sql = (
        "SELECT uuid, form_id, form_version, status, deleted, data, confirmed, created_at "
        "FROM records WHERE form_id = ?"
        + ("" if include_deleted else " AND deleted = 0")
        + " ORDER BY created_at, rowid"
    )
    count = 0
    temp = out.with_name(out.name + ".part")  # beside `out`: the same drive, so one rename
    try:
        with temp.open("w", encoding="utf-8", newline="\n") as handle:
            for row in store.conn.execute(sql, (form_id,)):
                handle.write(json.dumps(_record(row), ensure_ascii=False) + "\n")
                count += 1
        temp.replace(out)  # a half-written export never takes the name of a finished one
    except OSError as exc:
        with contextlib.suppress(OSError):  # a folder in the way, or the file locked
            temp.unlink(missing_ok=True)
        raise TuiCiaError(_cannot_write(out, exc)) from exc
    return count


def _cannot_write(out: Path, exc: OSError) -> str:
    message = f"cannot write {out}: {exc.strerror or exc}"
    if isinstance(exc, PermissionError):  # Windows locks a file another program has open
        message += ". If it is open in another program, close it and export again"
    return message


def _record(row: tuple[Any, ...]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "uuid": row[0],
        "form": row[1],
        "version": row[2],
        "status": row[3],
        "data": json.loads(row[5]),
    }
    confirmed = json.loads(row[6] or "[]")
    if confirmed:
        record["confirmed"] = confirmed
    if row[4]:
        record["deleted"] = True
    record["created_at"] = row[7]
    return record
