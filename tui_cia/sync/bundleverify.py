"""Keyer statistics in bundles: every verified re-key (one small row per record) travels in
the manifest (`verifications`), checked field by field on arrival; the latest re-key of a
record wins on merge (storage.verify.merge_verifications), so the district office sees the
keyer statistics of every laptop."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from typing import Any

from tui_cia.storage.verify import Verification, all_verifications, merge_verifications
from tui_cia.sync.bundle import BundleRefused

MAX_VERIFICATIONS = 500_000  # more than a province's households
MAX_TEXT = 200  # an id, a name or a time stamp
MAX_FIELDS = 1_000_000


def manifest_verifications(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every verified re-key of the database, for the manifest."""
    return [asdict(v) for v in all_verifications(conn)]


def _text(raw: dict[str, Any], name: str, *, optional: bool = False) -> bool:
    value = raw.get(name)
    if value is None:
        return optional
    return isinstance(value, str) and 0 < len(value) <= MAX_TEXT


def _count(raw: dict[str, Any], name: str) -> bool:
    value = raw.get(name)
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_FIELDS


def _verification(number: int, raw: object) -> Verification:
    def refuse(why: str) -> BundleRefused:
        return BundleRefused(f"the bundle's re-key statistics row {number} {why}: refused")

    if not isinstance(raw, dict):
        raise refuse("is not an object")
    for name, optional in (
        ("record_uuid", False),
        ("at", False),
        ("keyer", True),
        ("verifier", True),
    ):
        if not _text(raw, name, optional=optional):
            raise refuse(f"has a bad '{name}'")
    for name in ("fields", "mismatches"):
        if not _count(raw, name):
            raise refuse(f"has a bad '{name}'")
    if raw["mismatches"] > raw["fields"]:
        raise refuse("has more mismatches than fields")
    return Verification(
        raw["record_uuid"],
        raw.get("keyer"),
        raw.get("verifier"),
        raw["at"],
        raw["fields"],
        raw["mismatches"],
    )


def read_verifications(manifest: dict[str, Any]) -> list[Verification]:
    """The re-keys a manifest carries (none for a bundle from before they travelled)."""
    raw = manifest.get("verifications", [])
    if not isinstance(raw, list) or len(raw) > MAX_VERIFICATIONS:
        raise BundleRefused("the bundle's manifest has a malformed 'verifications': refused")
    return [_verification(n, item) for n, item in enumerate(raw, start=1)]


def merge_bundle_verifications(conn: sqlite3.Connection, found: list[Verification]) -> int:
    """Merge inside the import's transaction; the number of re-keys taken."""
    return merge_verifications(conn, found)
