"""Test-wide settings: no test depends on how fast this machine is today."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Property tests judge results, never time: hypothesis's default deadline (200 ms an example)
# fails on a busy two-core machine for no fault of the code.
settings.register_profile("tui-cia", deadline=None)
settings.load_profile("tui-cia")

# Tests written when the command line's messages were English, which assert that wording
# without --lang: they run with TUI_CIA_LANG=en (the default is Thai; tests/test_cli_language.py
# checks it).
ENGLISH_MESSAGES = {
    "tests/sync/test_sync_cli.py",
    "tests/test_hostile.py",  # its child processes inherit the setting
    "tests/analysis/test_report.py::test_a_report_needs_md_or_html",
    "tests/analysis/test_aggregation.py::test_a_round_without_records_says_so",
    "tests/analysis/test_statexport.py::test_a_file_as_the_output_folder_is_refused",
    "tests/analysis/test_cache.py::test_a_failing_preparation_leaves_the_import_standing",
}


@pytest.fixture(autouse=True)
def english_messages(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    where = request.node.path.relative_to(request.config.rootpath).as_posix()
    if {where, f"{where}::{request.node.originalname}"} & ENGLISH_MESSAGES:
        monkeypatch.setenv("TUI_CIA_LANG", "en")
