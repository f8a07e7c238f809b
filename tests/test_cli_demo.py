"""`tui-cia demo` runs on a scratch copy that is removed at exit, so what the demo writes
(`w`'s meeting report, `x`'s tables) goes to a folder that outlives it: the user's
documents folder, or TUI_CIA_HOME/demo when that is set; the notice names the path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from formtools import copy_sample

import tui_cia.cli as cli
from tui_cia.tui.app import TuiCiaApp
from tui_cia.tui.screens.analysis import AnalysisScreen


def test_the_demo_writes_into_a_folder_that_outlives_its_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_CIA_HOME", str(tmp_path / "home"))
    seen: dict[str, Any] = {}

    def fake_app(db: Path, lang: str, db_ready: Any = None, out_dir: Path | None = None) -> None:
        db_ready()
        seen.update(db=db, lang=lang, out_dir=out_dir, copied=db.is_file())

    monkeypatch.setattr(cli, "run_app", fake_app)
    cli.run_demo("en")
    assert seen["copied"] and not seen["db"].exists()  # the scratch copy is gone
    assert seen["out_dir"] == tmp_path / "home" / "demo" == cli.demo_out_dir()
    assert not seen["out_dir"].is_relative_to(seen["db"].parent)


def test_without_tui_cia_home_the_demo_writes_into_the_documents_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import platformdirs

    monkeypatch.delenv("TUI_CIA_HOME", raising=False)
    documents = Path(platformdirs.user_documents_dir())
    assert cli.demo_out_dir() == documents / "tui-cia-demo"


@pytest.mark.slow
async def test_w_writes_the_report_into_the_apps_out_dir_and_says_where(tmp_path: Path) -> None:
    out_dir = tmp_path / "kept" / "reports"  # made when the first file is written
    app = TuiCiaApp(copy_sample(tmp_path), lang="en", today=dt.date(2022, 6, 15), out_dir=out_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(1000):
            if app.store is not None and app.home is not None and app.home.opened:
                break
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.press("a")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.written == out_dir / "report_160104_2565_en.html"
        assert screen.written.is_file()
        notices = [n.message for n in app._notifications]
        assert any(str(out_dir / "report_160104_2565_en.html") in n for n in notices)
    assert not list((tmp_path).glob("report_*"))  # nothing beside the database
