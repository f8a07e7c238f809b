"""`tui-cia report`: the meeting report as Markdown or self-contained HTML, anonymous on demand."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from formtools import copy_sample

from tui_cia.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("report"))


def report(db: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        main, ["report", "--db", str(db), "--form", "bmn", "--out", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_markdown_report_of_the_tambon(db: Path, tmp_path: Path) -> None:
    text = report(db, tmp_path / "r.md", "--area", "160104")
    for part in (
        "## ผลรายด้าน (เรดาร์)",
        "## ตารางตัวชี้วัด",
        "## ปัญหาเรียงลำดับ",
        "## ครัวเรือนเป้าหมาย",
        "### 16010401",
        "| ข้อ | ตัวชี้วัด | หน่วย |",
    ):
        assert part in text
    assert text.count("\n| 1") >= 1 and "2565" in text


def test_html_report_is_self_contained_and_anonymous(db: Path, tmp_path: Path) -> None:
    text = report(db, tmp_path / "r.html", "--area", "16010402", "--anonymous", "--lang", "en")
    assert text.startswith("<!doctype html>") and text.count("<svg") == 2 and "@page" in text
    assert "<pre" not in text  # both charts are drawn, not typed
    assert "<script" not in text and "http" not in text.replace("http://www.w3.org", "")
    conn = sqlite3.connect(db)
    names = [
        n
        for (n,) in conn.execute(
            "SELECT head_name FROM form_bmn WHERE village_code = '16010402' AND head_name IS NOT "
            "NULL LIMIT 50"
        )
    ]
    assert names and not any(name in text for name in names)
    assert "#1" in text


def test_a_report_needs_md_or_html(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--db",
            str(db),
            "--form",
            "bmn",
            "--area",
            "160104",
            "--out",
            str(tmp_path / "r.pdf"),
        ],
    )
    assert result.exit_code != 0 and "FILE.md or FILE.html" in result.output
