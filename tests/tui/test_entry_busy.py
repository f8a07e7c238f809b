"""The entry screen beside another program writing the same database (issue 23, item 1): an
answer that meets the lock is kept on screen as pending, the top line says who is writing,
and it is saved as soon as the lock is let go; nothing confirmed is lost, nothing crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from concurrenttools import import_file, lock_held, start_cli
from drive import answer_box, new_record, running, type_text

from tui_cia.storage import Store

NAMES = ["สมชาย ใจดี", "สมศรี ใจดี", "มานะ ใจดี", "ชูใจ ใจดี", "บุญมา ดีใจ"]


def records(db: Path) -> int:
    """How many records the database holds, read by a connection of its own."""
    store = Store(db)
    try:
        return int(store.conn.execute("SELECT COUNT(*) FROM records").fetchone()[0])
    finally:
        store.close()


async def wait_until(pilot, ready, attempts: int = 3000) -> bool:
    """Whether `ready()` comes true within a bounded number of looks (never a timing)."""
    for _ in range(attempts):
        if ready():
            return True
        await pilot.pause(0.01)
    return ready()


async def test_an_answer_that_meets_the_lock_waits_on_screen_then_is_saved(tmp_path) -> None:
    async with running(tmp_path) as (app, pilot):
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        await type_text(pilot, "1")  # has a house number: moves on, saved
        assert screen.path == ("house_no",)
        with lock_held(Path(app.store.path), "records import"):
            await type_text(pilot, "45/2")
            await pilot.press("enter")
            assert screen.path == ("house_no",)  # kept on screen, not lost
            assert answer_box(app).value == "45/2"
            assert answer_box(app).has_class("pending")
            notice = str(screen.query_one("#notice").render())
            assert "กำลังรอโปรแกรมอื่น" in notice and "records import" in notice
            assert "รอบันทึก" in str(screen.query_one("#message").render())
            await pilot.press("escape")  # Esc waits for the save
            assert app.screen is screen
        assert await wait_until(pilot, lambda: app.screen is not screen)
        assert Store(app.store.path).data(uuid)["house_no"] == "45/2"


@pytest.mark.slow
async def test_answers_keyed_during_a_1000_household_import_are_all_saved(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    async with running(tmp_path) as (app, pilot):
        db = Path(app.store.path)
        import_file(tmp_path_factory, tmp_path / "big.jsonl", 1000, "entry")
        run = start_cli(
            "--lang", "en", "--db", str(db), "records", "import", "--form", "bmn",
            str(tmp_path / "big.jsonl"),
        )  # fmt: skip
        screen = await new_record(pilot)
        uuid = screen.record.uuid
        waited: list[str | None] = []
        show_waiting = screen._show_waiting

        def counted(holder: str | None) -> None:
            waited.append(holder)
            show_waiting(holder)

        screen._show_waiting = counted  # type: ignore[method-assign]
        await type_text(pilot, "1")
        await type_text(pilot, "45/2")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: screen.path == ("house_code",))
        await pilot.press("f6")
        assert await wait_until(pilot, lambda: screen.path == ("soi",))
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # soi … gps_point, kept blank
        assert await wait_until(pilot, lambda: screen.path == ("head_name",))
        before = records(db)
        assert await wait_until(pilot, lambda: records(db) > before or run.poll() is not None)
        typed = []
        for number in range(300):  # the head's name, again and again, while the import runs
            if run.poll() is not None and number >= len(NAMES):
                break
            await pilot.press("ctrl+u")
            name = NAMES[number % len(NAMES)] + "ก" * number
            await type_text(pilot, name)
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: screen.path == ("informant_name",))
            typed.append(name)
            await pilot.press("shift+tab")
            assert await wait_until(pilot, lambda: screen.path == ("head_name",))
        print(f"{len(typed)} names saved during the import, {len(waited)} waits for it")
        assert set(waited) <= {None, "records import"}
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: app.screen is not screen)
    again = Store(db)
    saved = [c.new for c in again.history(uuid) if c.op == "set" and c.label == "head_name"]
    assert saved == typed  # every confirmed answer, in the order given
    assert again.data(uuid)["house_no"] == "45/2"
    assert again.data(uuid)["house_code"] == {"special": "dont_know"}
    assert records(db) >= 1001
