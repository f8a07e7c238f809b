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
    annex = (tmp_path / "r-annex.html").read_text(encoding="utf-8")
    assert "#1" in annex and not any(name in annex for name in names)


def test_a_report_needs_md_or_html(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--lang",
            "en",
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


@pytest.mark.slow
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
        bad = CliRunner().invoke(main, [*plan, *args, "--lang", "en"])
        assert bad.exit_code != 0 and why in bad.output, bad.output
    elsewhere = [*plan[:-1], "99999999", "--round", "2565", "--indicator", "20", "--cause", "x"]
    bad = CliRunner().invoke(main, [*elsewhere, "--lang", "en"])
    assert bad.exit_code != 0 and "area 99999999 has no records" in bad.output
    where = ["--db", str(db), "--form", "bmn", "--area", "1601", "--round", "2565"]
    listed = CliRunner().invoke(main, ["plan", "list", *where, "--lang", "en"])
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("area\tindicator") and lines[1].endswith("\tสมศรี")
    assert listed.stderr.strip() == "1 note"
    text = report(db, tmp_path / "v.md", "--area", "16010402")
    row = next(line for line in text.splitlines() if line.startswith("| 20 |") and "อบต." in line)
    assert "ว่างงาน / ตามฤดู" in row  # a | typed in a note does not break the table
    assert "อบต. &lt;b&gt;x&lt;/b&gt;" in row  # nor does HTML become HTML
    annex = (tmp_path / "v-annex.md").read_text(encoding="utf-8")
    assert "## 20 คนอายุ 15-59 ปี มีอาชีพและรายได้ (" in annex
    assert "| 16010402 หมู่ 2 บ้านหนองบัว |" in annex
    assert "ตัวชี้วัด ราย" not in text  # a village has no areas below it
    page = report(db, tmp_path / "v.html", "--area", "16010402", "--anonymous")
    assert "อบต." in page and "table class='targets'" not in page
    annex = (tmp_path / "v-annex.html").read_text(encoding="utf-8")
    assert "table class='targets'" in annex and "#1" in annex


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


def _cells(html: str, kind: str) -> list[list[str]]:
    """The body rows of the first table of class `kind`, as cell texts."""
    import re

    body = html.split(f"<table class='{kind}'>", 1)[1].split("</table>", 1)[0]
    body = body.split("<tbody>", 1)[1]
    rows = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in body.split("</tr>")]
    return [row for row in rows if row]


def test_the_tambon_report_is_titled_by_its_area_and_round(db: Path, tmp_path: Path) -> None:
    page = report(db, tmp_path / "k.html", "--area", "160104")
    title = "รายงานผลการวิเคราะห์ข้อมูลชุมชน ตำบลโก่งธนู รอบ 2565"
    assert f"<title>{title}</title>" in page and f"<h1>{title}</h1>" in page
    village = report(db, tmp_path / "v.md", "--area", "16010402", "--lang", "en")
    assert village.startswith(
        "# Community information report: Moo 2 Ban Nong Bua, Tambon Kong Thanu, round 2565\n"
    )


def test_the_names_go_to_the_annex_and_the_report_counts_them(db: Path, tmp_path: Path) -> None:
    out, annex = tmp_path / "k.html", tmp_path / "lists" / "names.html"
    annex.parent.mkdir()
    page = report(db, out, "--area", "160104", "--annex", str(annex))
    lists = annex.read_text(encoding="utf-8")
    conn = sqlite3.connect(db)
    names = [n for (n,) in conn.execute("SELECT head_name FROM form_bmn WHERE head_name > ''")]
    assert sum(name in lists for name in names[:200]) > 20
    assert not any(name in page for name in names)
    assert "table class='targets'" in lists and "table class='targets'" not in page
    assert "names.html" in page  # the report says where the lists are
    summary = _cells(page, "summary")
    assert summary[0][:3] == ["18", summary[0][1], "1"] and int(summary[0][3]) >= 1
    assert not (tmp_path / "k-annex.html").exists()


def test_the_annex_cannot_overwrite_the_report(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "k.html"
    args = ["report", "--db", str(db), "--form", "bmn", "--area", "160104", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--annex", str(out)])
    assert result.exit_code == 1 and "the annex cannot be the report" in result.output
    assert "Traceback" not in result.output and not out.exists()
    result = CliRunner().invoke(main, [*args, "--annex", str(tmp_path / "lists.md")])
    assert result.exit_code == 1 and "name it lists.html" in result.output
    assert not out.exists()


def test_a_printed_page_keeps_rows_whole_and_repeats_heads(db: Path, tmp_path: Path) -> None:
    page = report(db, tmp_path / "k.html", "--area", "160104")
    css = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "tr { break-inside: avoid; page-break-inside: avoid; }" in css
    assert "thead { display: table-header-group; }" in css
    assert "@page { size: A4;" in css
    assert page.count("<thead>") == page.count("<table") - 1  # all but the headline table


def test_counts_carry_thousands_separators(db: Path, tmp_path: Path) -> None:
    page = report(db, tmp_path / "k.html", "--area", "160104")
    assert "<td>1,604</td>" in page and "<td>4,808</td>" in page  # households, population
    assert ">2565<" in page and "2,565" not in page  # a round is a year, not a count
    counts = [c for row in _cells(page, "indicators") for c in row[3:6]]
    assert any("," in c for c in counts)
    assert all(int(c.replace(",", "")) < 1000 or "," in c for c in counts)


def test_matrix_cells_below_target_are_marked_for_black_and_white(db: Path, tmp_path: Path) -> None:
    page = report(db, tmp_path / "k.html", "--area", "160104")
    css = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "td.below, td.far { font-weight: bold; }" in css and "repeating-linear-gradient" in css
    matrix = page.split("<table class='matrix'>", 1)[1].split("</table>", 1)[0]
    import re

    cells = re.findall(r"<td(?: class='(\w+)')?>([^<]*)</td>", matrix)
    marked = {(mark, value) for mark, value in cells if mark}
    assert {m for m, _ in marked} == {"below", "far"}
    assert all(v != "100" for _, v in marked)  # below a target of 100 never shows 100
    assert all(int(v) < 90 for m, v in marked if m == "far")
    assert "Bold: below target" in report(
        db, tmp_path / "e.html", "--area", "160104", "--lang", "en"
    )
    text = report(db, tmp_path / "k.md", "--area", "160104")
    assert "**67 ▼**" in text or "▼**" in text


def test_the_radar_scale_starts_above_zero_and_says_so(db: Path, tmp_path: Path) -> None:
    page = report(db, tmp_path / "k.html", "--area", "160104")
    assert "แกนของเรดาร์เริ่มที่ 70% (ไม่ใช่ 0)" in page
    radar = page.split("<svg", 2)[1]
    for ring in ("70", "80", "90", "100"):
        assert f'fill="#444">{ring}</text>' in radar


def test_printed_figures_agree_with_analyze_json(db: Path, tmp_path: Path) -> None:
    import json

    page = report(db, tmp_path / "k.html", "--area", "160104")
    found = CliRunner().invoke(
        main, ["analyze", "--db", str(db), "--form", "bmn", "--level", "tambon", "--json"]
    )
    tambon = next(r for r in json.loads(found.stdout) if r["area"] == "160104")
    units = {"person": "คน", "household": "คร."}
    printed = _cells(page, "indicators")
    assert len(printed) == len(tambon["indicators"])
    for cells, row in zip(printed, tambon["indicators"], strict=True):
        number, _name, unit, surveyed, passed, failed, rate = cells[:7]
        assert number == str(row["number"]) and unit == units[row["unit"]]
        figures = (surveyed, passed, failed)
        assert [int(f.replace(",", "")) for f in figures] == [
            row["applicable"],
            row["passed"],
            row["failed"],
        ]
        assert rate == _half_up(row["rate"])
    dims = _cells(page, "dimensions")
    assert [d[1] for d in dims] == [_half_up(d["score"]) for d in tambon["dimensions"]]


def _half_up(value: float) -> str:
    """One decimal, half up from the two the JSON keeps (94.05 prints 94.1)."""
    from decimal import ROUND_HALF_UP, Decimal

    return str(Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def test_analyze_fits_80_columns_and_prints_the_reports_figures(db: Path, tmp_path: Path) -> None:
    """`tui-cia analyze` at 80 columns: no line wider, no figure cut, each count with the
    report's unit and the report's rounding."""
    from tui_cia.plots.cells import width

    page = report(db, tmp_path / "k.html", "--area", "160104")
    for lang, units in (("th", ("คน", "คร.")), ("en", ("persons", "households"))):
        shown = CliRunner().invoke(
            main,
            ["analyze", "--db", str(db), "--form", "bmn", "--level", "tambon", "--lang", lang],
        )
        lines = shown.stdout.splitlines()
        assert max(width(line) for line in lines) <= 80
        start = next(i for i, line in enumerate(lines) if "160104" in line)
        assert lines[start].endswith("1,604 ครัวเรือน" if lang == "th" else "1,604 households")
        rows = lines[start + 2 : start + 33]
        printed = _cells(page, "indicators")
        for line, cells in zip(rows, printed, strict=True):
            unit, surveyed, passed, failed, rate = line.split()[-7:-2]
            assert unit in units and (units.index(unit), cells[2]) in ((0, "คน"), (1, "คร."))
            assert [surveyed, passed, failed, rate] == cells[3:7], line
