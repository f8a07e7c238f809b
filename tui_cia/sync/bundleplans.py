"""Planning notes in bundles: every note travels in the manifest (`plans`, a few hundred
small rows at most), checked field by field on arrival; the latest text wins on merge
(storage.plans.merge_plans), so laptops and the office end with the same notes."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from typing import Any

from tui_cia.storage.plans import PART_CHARS, Plan, all_plans, merge_plans
from tui_cia.sync.bundle import BundleRefused

MAX_PLANS = 100_000
TEXTS = ("form_id", "area", "indicator", "cause", "project", "agency", "modified_at", "device")


def manifest_plans(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every planning note of the database, for the manifest."""
    return [asdict(p) for p in all_plans(conn)]


def _plan(number: int, raw: object) -> Plan:
    def refuse(why: str) -> BundleRefused:
        return BundleRefused(f"the bundle's planning note {number} {why}: refused")

    if not isinstance(raw, dict):
        raise refuse("is not an object")
    for name in TEXTS:
        value = raw.get(name)
        if not isinstance(value, str) or len(value) > PART_CHARS:
            raise refuse(f"has a bad '{name}'")
    if not isinstance(raw.get("round"), int) or isinstance(raw.get("round"), bool):
        raise refuse("has a bad 'round'")
    who = raw.get("modified_by")
    if who is not None and not isinstance(who, str):
        raise refuse("has a bad 'modified_by'")
    return Plan(**{name: raw[name] for name in (*TEXTS, "round")}, modified_by=who)


def read_plans(manifest: dict[str, Any]) -> list[Plan]:
    """The notes a manifest carries (none for a bundle from before notes existed)."""
    raw = manifest.get("plans", [])
    if not isinstance(raw, list) or len(raw) > MAX_PLANS:
        raise BundleRefused("the bundle's manifest has a malformed 'plans': refused")
    return [_plan(n, item) for n, item in enumerate(raw, start=1)]


def merge_bundle_plans(conn: sqlite3.Connection, plans: list[Plan]) -> int:
    """Merge inside the import's transaction; the number of notes taken."""
    return merge_plans(conn, plans)
