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
        "## ครัวเรือนเป้าหมาย รายตัวชี้วัด",
        "## แผนแก้ปัญหา (สาเหตุ โครงการ หน่วยงานรับผิดชอบ)",
        "## ตัวชี้วัด รายหมู่บ้าน (ร้อยละที่ผ่าน)",
        "| 16010401 หมู่ 1 บ้านโก่งธนู |",
        "- **พื้นที่**: ตำบล 160104 โก่งธนู",
        "- **ประชากร (คน)**: ",
        "- **รายได้เฉลี่ย ต่อคน ต่อปี (บาท)**: ",
        "| ข้อ | ตัวชี้วัด | หน่วย | สำรวจ | ผ่าน | ไม่ผ่าน | % | % รอบก่อน | เปลี่ยน |",
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


def test_planning_notes_and_target_lists_print(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    plan = ["plan", "set", "--db", str(db), "--form", "bmn", "--area", "16010402"]
    done = CliRunner().invoke(
        main, [*plan, "--round", "2565", "--indicator", "20", "--cause", "ว่างงาน | ตามฤดู"]
    )
    assert done.exit_code == 0, done.output
    done = CliRunner().invoke(
        main,
        [
            *plan,
            "--round",
            "2565",
            "--indicator",
            "20",
            "--agency",
            "อบต. <b>x</b>",
            "--by",
            "สมศรี",
        ],
    )
    assert done.exit_code == 0, done.output
    for args, why in (
        (["--round", "2565", "--indicator", "99", "--cause", "x"], "no such indicator"),
        (["--round", "2565", "--indicator", "20"], "nothing to save"),
        (["--round", "1999", "--indicator", "20", "--cause", "x"], "its rounds: 2565, 2564"),
    ):
        bad = CliRunner().invoke(main, [*plan, *args])
        assert bad.exit_code != 0 and why in bad.output, bad.output
    elsewhere = [*plan[:-1], "99999999", "--round", "2565", "--indicator", "20", "--cause", "x"]
    bad = CliRunner().invoke(main, elsewhere)
    assert bad.exit_code != 0 and "area 99999999 has no records" in bad.output
    listed = CliRunner().invoke(
        main,
        ["plan", "list", "--db", str(db), "--form", "bmn", "--area", "1601", "--round", "2565"],
    )
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("area\tindicator") and lines[1].endswith("\tสมศรี")
    assert listed.stderr.strip() == "1 note"
    text = report(db, tmp_path / "v.md", "--area", "16010402")
    row = next(line for line in text.splitlines() if line.startswith("| 20 |") and "อบต." in line)
    assert "ว่างงาน / ตามฤดู" in row  # a | typed in a note does not break the table
    assert "อบต. &lt;b&gt;x&lt;/b&gt;" in row  # nor does HTML become HTML
    assert "### 20 คนอายุ 15-59 ปี มีอาชีพและรายได้ (" in text
    assert "| 16010402 หมู่ 2 บ้านหนองบัว |" in text
    assert "ตัวชี้วัด ราย" not in text  # a village has no areas below it
    page = report(db, tmp_path / "v.html", "--area", "16010402", "--anonymous")
    assert "อบต." in page and "table class='targets'" in page and "#1" in page


def test_headline_figures_are_the_counted_households_and_members(db: Path) -> None:
    from tui_cia.analysis.headline import headline
    from tui_cia.storage import Store

    store = Store(db)
    found = headline(store.conn, store.forms.get("bmn"), "16010402", 2565)
    conn = sqlite3.connect(db)
    where = (
        "h._status IN ('complete','verified') AND COALESCE(h._deleted,0) = 0 "
        "AND h.village_code = '16010402' AND h.survey_round = 2565"
    )
    people, income = conn.execute(
        f"SELECT (SELECT count(*) FROM form_bmn_members m JOIN form_bmn h USING (_uuid) "
        f"WHERE {where}), (SELECT sum(income_total) FROM form_bmn h WHERE {where})"
    ).fetchone()
    assert found.population == people and found.income_per_person == round(income / people)


def test_printed_rates_gaps_and_changes_add_up(db: Path, tmp_path: Path) -> None:
    """In the indicator table, rate + gap = target and rate - the round before = change,
    as printed; the legends are in the report's language."""
    text = report(db, tmp_path / "r.md", "--area", "160104")
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| ")]
    checked = 0
    for cells in rows:
        if len(cells) != 11 or not cells[0].lstrip("| ").isdigit():
            continue
        rate, before, change, target, gap = (c.strip(" |") for c in cells[6:11])
        if "-" in (rate, gap, target):
            continue
        assert round(float(rate) + float(gap), 1) == float(target), cells
        if before != "-":
            assert round(float(rate) - float(before), 1) == float(change or 0), cells
        checked += 1
    assert checked >= 25
    assert "เป้าหมาย 100%" in text and "█ ร้อยละที่ผ่าน" in text
    assert "pass rate" not in text and "target" not in text


def test_an_amphoe_report_has_its_tambons_matrix(db: Path, tmp_path: Path) -> None:
    text = report(db, tmp_path / "a.md", "--area", "1601")
    assert "- **พื้นที่**: อำเภอ 1601 เมืองลพบุรี" in text
    assert "## ตัวชี้วัด รายตำบล (ร้อยละที่ผ่าน)" in text
    assert "| ตำบล | 1 | 2 |" in text and "| 160104 โก่งธนู |" in text
