"""The sync and conflicts screens, driven by keys on real SQLite files: bundles out and in,
encrypted ones, damaged ones, and a conflict settled with a reason."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from drive import SIZE, TODAY, settle, text_of, type_text
from textual.pilot import Pilot

from tui_cia.storage import Store
from tui_cia.sync.conflicts import list_conflicts
from tui_cia.sync.crypto import is_encrypted
from tui_cia.tui.app import TuiCiaApp
from tui_cia.tui.screens.conflicts import ConflictsScreen
from tui_cia.tui.screens.modals import PickScreen, ReasonScreen, TextInputScreen
from tui_cia.tui.screens.sync import SyncScreen
from tui_cia.wordings import has_words

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from synctools import Laptop, dump, send


@asynccontextmanager
async def app_on(db: Path, lang: str = "en") -> AsyncIterator[tuple[TuiCiaApp, Pilot[Any]]]:
    """The app (in English unless asked) on the database file `db`, settled on Home."""
    app = TuiCiaApp(db, lang=lang, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        yield app, pilot


def laptops(folder: Path) -> tuple[Laptop, Laptop]:
    folder.mkdir(exist_ok=True)
    return Laptop(folder, "a"), Laptop(folder, "b")


async def enter_text(pilot: Pilot[Any], text: str) -> None:
    """Replace what the text dialog shows with `text`, and press Enter."""
    assert isinstance(pilot.app.screen, TextInputScreen), pilot.app.screen
    await pilot.press("ctrl+u")  # the cursor is at the end: delete everything left of it
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def finish_work(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_sync(pilot: Pilot[Any]) -> SyncScreen:
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SyncScreen), screen
    return screen


async def export_everything(pilot: Pilot[Any], out: Path, passphrase: str = "") -> str:
    """e, Everything, the file, the passphrase (empty: none); returns the report."""
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickScreen)
    await pilot.press("enter")  # "Everything" is the first choice
    await pilot.pause()
    assert "tui-cia-" in pilot.app.screen.query_one("#text").value  # the proposed name
    await enter_text(pilot, str(out))
    await enter_text(pilot, passphrase)
    await finish_work(pilot)
    return report(pilot)


async def start_import(pilot: Pilot[Any], bundle: Path, key: str = "i") -> None:
    await pilot.press(key)
    await pilot.pause()
    await enter_text(pilot, str(bundle))
    await finish_work(pilot)


def sync_screen(pilot: Pilot[Any]) -> SyncScreen:
    """The sync screen, under any dialog it has open."""
    return next(s for s in pilot.app.screen_stack if isinstance(s, SyncScreen))


def report(pilot: Pilot[Any]) -> str:
    return str(sync_screen(pilot).query_one("#sync-report").render())


def is_error(pilot: Pilot[Any]) -> bool:
    return sync_screen(pilot).query_one("#sync-report").has_class("error")


@pytest.mark.slow
async def test_export_everything_and_import_it_into_another_database(tmp_path: Path) -> None:
    a, b = laptops(tmp_path / "laptops")
    uuids = {a.household(str(n), members=2) for n in range(1, 4)}
    expected = {uuid: a.store.data(uuid) for uuid in uuids}
    device = a.store.device
    a.store.close()
    b.store.close()
    bundle = tmp_path / "everything.tcb"
    async with app_on(a.store.path) as (app, pilot):
        await open_sync(pilot)
        text = await export_everything(pilot, bundle)
        assert "Exported: 3 records" in text and not is_error(pilot)
    async with app_on(b.store.path) as (app, pilot):
        screen = await open_sync(pilot)
        assert screen.query_one("#peers").row_count == 0
        await start_import(pilot, bundle, "d")  # a dry run first: nothing arrives
        assert "Checked" in report(pilot) and "added 3" in report(pilot)
        assert app.store.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0
        await start_import(pilot, bundle)
        text = report(pilot)
        assert "Imported from a" in text and device in text
        assert "added 3   updated 0   unchanged 0   conflicts 0" in text
        assert {uuid: app.store.data(uuid) for uuid in uuids} == expected
        assert [p[:2] for p in screen.peers] == [(device, "a")]  # the sender is a known peer
        assert screen.query_one("#peers").row_count == 1
        await start_import(pilot, bundle)  # twice: nothing changes
        assert "added 0   updated 0   unchanged 3" in report(pilot)
        await pilot.press("escape")
        assert not isinstance(app.screen, SyncScreen)


@pytest.mark.slow
async def test_an_encrypted_bundle_asks_again_after_a_wrong_passphrase(tmp_path: Path) -> None:
    a, b = laptops(tmp_path / "laptops")
    uuid = a.household("12/1")
    a.store.close()
    b.store.close()
    bundle = tmp_path / "secret.tcb"
    async with app_on(a.store.path) as (app, pilot):
        await open_sync(pilot)
        text = await export_everything(pilot, bundle, passphrase="ลับมาก")
        assert "Exported: 1 records" in text and "(encrypted)" in text
    assert is_encrypted(bundle.read_bytes())
    async with app_on(b.store.path) as (app, pilot):
        await open_sync(pilot)
        await pilot.press("i")
        await pilot.pause()
        await enter_text(pilot, str(bundle))
        assert isinstance(app.screen, TextInputScreen) and app.screen.password
        await enter_text(pilot, "wrong")
        await finish_work(pilot)
        assert is_error(pilot) and "passphrase" in report(pilot)
        assert isinstance(app.screen, TextInputScreen)  # asked again
        await enter_text(pilot, "ลับมาก")
        await finish_work(pilot)
        assert "added 1" in report(pilot) and not is_error(pilot)
        assert app.store.data(uuid)["house_no"] == "12/1"


async def test_a_damaged_bundle_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    a, b = laptops(tmp_path / "laptops")
    a.household("1")
    bundle = a.bundle_for(None)
    bundle.write_bytes(bundle.read_bytes()[:-40])  # cut short on the way
    a.store.close()
    b.store.close()
    async with app_on(b.store.path) as (app, pilot):
        await open_sync(pilot)
        before = dump(app.store)
        await start_import(pilot, bundle)
        assert is_error(pilot) and "Refused" in report(pilot) and "cut short" in report(pilot)
        assert dump(app.store) == before


async def test_a_refusal_reads_in_thai_whole_in_the_thai_app(tmp_path: Path) -> None:
    """The library's English reason is said in Thai, frame and all: no line mixes the two."""
    a, b = laptops(tmp_path / "laptops")
    a.household("1")
    bundle = a.bundle_for(None)
    bundle.write_bytes(bundle.read_bytes()[:-40])
    a.store.close()
    b.store.close()
    async with app_on(b.store.path, lang="th") as (_, pilot):
        await open_sync(pilot)
        await start_import(pilot, bundle)
        shown = report(pilot)
        assert is_error(pilot) and "ไฟล์ขาดหายระหว่างทาง" in shown, shown
        assert not has_words(shown.replace(bundle.name, "")), shown


@pytest.mark.slow
async def test_a_conflict_is_settled_with_the_other_value_and_a_reason(tmp_path: Path) -> None:
    a, b = laptops(tmp_path / "laptops")
    uuid = a.household("7")
    send(a, b)
    a.answer(uuid, ("income",), "5000")
    b.answer(uuid, ("income",), "7000")
    assert len(send(b, a).conflicts) == 1
    a.store.close()
    b.store.close()
    async with app_on(a.store.path) as (app, pilot):
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        table = screen.query_one("#conflicts")
        assert table.row_count == 1 and "7000" in str(table.get_row_at(0))
        # a typed value the form refuses (income has min 0) changes nothing
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("end", "enter")  # the last choice: type another value
        await pilot.pause()
        await enter_text(pilot, "-5")
        assert isinstance(app.screen, ReasonScreen)
        await type_text(pilot, "ถามใหม่")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#message").has_class("error")
        assert len(list_conflicts(app.store)) == 1 and app.store.data(uuid)["income"] == 5000
        # the other laptop's value, with a reason
        await pilot.press("enter")
        await pilot.pause()
        picks = app.screen
        assert isinstance(picks, PickScreen) and any("7000" in s for s in picks.labels)
        other = next(i for i, s in enumerate(picks.labels) if "7000" in s)
        await pilot.press(*["down"] * other, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await type_text(pilot, "ตรวจใบเสร็จแล้ว")
        await pilot.press("enter")
        await pilot.pause()
        assert list_conflicts(app.store) == [] and table.row_count == 0
        assert app.store.data(uuid)["income"] == 7000
        last = app.store.history(uuid)[-1]
        assert (last.new, last.reason) == (7000, "ตรวจใบเสร็จแล้ว")
        assert "Resolved" in text_of(app, "#message")
    check = Store(a.store.path)
    try:
        assert list_conflicts(check) == []
    finally:
        check.close()


@pytest.mark.slow
async def test_an_import_leaves_the_analysis_columns_ready(tmp_path: Path) -> None:
    from formtools import copy_sample

    from tui_cia.analysis import prepare
    from tui_cia.storage.settings import new_device_id
    from tui_cia.sync.exchange import export_bundle

    (tmp_path / "office").mkdir()
    (tmp_path / "laptop").mkdir()
    office = copy_sample(tmp_path / "office")
    laptop = Store(copy_sample(tmp_path / "laptop"))
    laptop.device = new_device_id(laptop.conn)  # a copied file is another laptop
    uuid = laptop.list_records("bmn", status="complete", limit=1)[0].uuid
    laptop.answer(laptop.open(uuid), ("income_other",), "4321")
    bundle = tmp_path / "laptop.tcb"
    export_bundle(laptop, bundle)
    laptop.close()
    async with app_on(office) as (app, pilot):
        await open_sync(pilot)
        await start_import(pilot, bundle)
        assert "updated 1" in report(pilot), report(pilot)
        assert prepare(app.store) == 0  # the changed chunks were read again after the import
