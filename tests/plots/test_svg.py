"""The report's SVG charts: bars in proportion with their targets, every label given room."""

from __future__ import annotations

import re

from tui_cia.plots import svg
from tui_cia.plots.cells import width

AXES = ["สุขภาพ", "สภาพแวดล้อม", "การศึกษา", "การมีงานทำและรายได้", "ค่านิยม"]


def _attrs(tag: str, text: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\S+)="([^"]*)"', m)) for m in re.findall(rf"<{tag} ([^>]*)>", text)]


def test_bars_are_in_proportion_lowest_first_with_their_targets() -> None:
    rows = [("เด็กแรกเกิด <มีน้ำหนัก>", 90.0, 100.0), ("ไม่มีข้อมูล", None, 100.0), ("b", 50.0, 80.0)]
    out = svg.bars_svg(rows, ("pass", "target"))
    bars = [r for r in _attrs("rect", out) if r["fill"] == "#999"][:-1]  # the last is the key
    assert [float(b["width"]) for b in bars] == [svg.BAR_PX * 0.5, svg.BAR_PX * 0.9]
    marks = [float(m["x1"]) for m in _attrs("line", out) if m.get("stroke-width") == "2"]
    assert marks[:3] == [svg.LABEL_PX + svg.BAR_PX * t for t in (0.8, 1.0, 1.0)]
    texts = re.findall(r">([^<>]+)</text>", out)
    assert texts.index("b") < texts.index("เด็กแรกเกิด &lt;มีน้ำหนัก&gt;") < texts.index("ไม่มีข้อมูล")
    assert "n/a" in texts and "50.0%" in texts


def test_a_long_label_is_cut_to_its_column() -> None:
    label = "ครัวเรือน มีการจัดบ้านเรือน เป็นระเบียบเรียบร้อย สะอาด และถูกสุขลักษณะ " * 2
    out = svg.bars_svg([(label, 71.6, 100.0)])
    shown = re.findall(r'text-anchor="end" font-size="11">([^<]+)</text>', out)[0]
    assert shown.endswith("…") and width(shown) * svg.CELL_PX[11] <= svg.LABEL_PX - 8


def test_radar_labels_stay_inside_the_picture() -> None:
    out = svg.radar_svg(AXES, [("160104 2565", [93, 87, 98, 91, 96])], target=100)
    texts = re.findall(r">([^<]+)</text>", out)
    placed = {
        text: attrs for attrs, text in zip(_attrs("text", out), texts, strict=True) if text in AXES
    }
    assert set(placed) == set(AXES)  # all five, none cut at this size
    for text, attrs in placed.items():
        x, y, cells = float(attrs["x"]), float(attrs["y"]), width(text) * svg.CELL_PX[13]
        left = {"start": x, "end": x - cells, "middle": x - cells / 2}[attrs["text-anchor"]]
        assert left >= 0 and left + cells <= svg.WIDTH, text
        assert 13 <= y <= svg.HEIGHT, text


def test_values_beyond_the_scale_stay_on_the_outer_ring() -> None:
    out = svg.radar_svg(AXES, [("x", [150, 100, 100, 100, 100])], target=120)
    outer = svg.radar_svg(AXES, [("x", [100] * 5)], target=100)
    drawn = [p["points"] for p in _attrs("polygon", out)]
    assert drawn == [p["points"] for p in _attrs("polygon", outer)]


def test_the_radar_scale_separates_scores_between_85_and_97() -> None:
    assert svg.radar_floor([85.8, 91.4, 93.1, 94.0, 97.3]) == 80
    assert svg.radar_floor([72.0, 90.0]) == 60 and svg.radar_floor([40.0]) == 0
    assert svg.rings(80) == [85, 90, 95, 100] and svg.rings(0) == [25, 50, 75, 100]
    scores = [85.0, 97.0, 97.0, 97.0, 97.0]
    flat, floored = (
        svg.radar_svg(AXES, [("x", scores)]),
        svg.radar_svg(AXES, [("x", scores)], floor=80),
    )

    def top(out: str) -> float:  # the y of the first axis' point of the series
        series = [p["points"] for p in _attrs("polygon", out)][-1]
        return float(series.split()[0].split(",")[1])

    low = svg.radar_svg(AXES, [("x", [97.0] * 5)], floor=80)
    low0 = svg.radar_svg(AXES, [("x", [97.0] * 5)])
    # 85 and 97 lie five times further apart on a scale from 80 than on one from 0
    assert abs(top(floored) - top(low)) > 2.5 * abs(top(flat) - top(low0))
    assert ">80</text>" in floored and ">85</text>" in floored and ">100</text>" in floored


def test_long_series_names_in_the_radar_legend_do_not_overlap() -> None:
    names = ["16010402 หมู่ 2 บ้านหนองบัว 2565", "16010402 หมู่ 2 บ้านหนองบัว 2564"]
    out = svg.radar_svg(AXES, [(n, [90.0] * 5) for n in names])
    placed = [a for a in _attrs("text", out) if a.get("font-size") == "12"]
    first, second = (float(a["x"]) for a in placed)
    assert second >= first + width(names[0]) * svg.LEGEND_PX
    many = svg.radar_svg(AXES, [(n * 2, [90.0] * 5) for n in names])  # too long for one line
    rows = {a["y"] for a in _attrs("text", many) if a.get("font-size") == "12"}
    assert len(rows) == 2 and f'height="{svg.HEIGHT + svg.LEGEND_LINE}"' in many
