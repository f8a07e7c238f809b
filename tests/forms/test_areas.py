"""The shared area lists in forms/areas/: well-formed CSVs whose codes nest by prefix, the
whole country's provinces, amphoes and tambons as geothai builds them."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from areas_from_geothai import build
from formtools import FORMS

from tui_cia.survey import areas

AREAS = FORMS / "areas"

# file, expected header, parent column, length of the code
LEVELS = [
    ("provinces.csv", ["value", "label_th", "label_en"], None, 2),
    ("amphoes.csv", ["value", "label_th", "label_en", "province"], "province", 4),
    ("tambons.csv", ["value", "label_th", "label_en", "amphoe"], "amphoe", 6),
    ("villages.csv", ["value", "label_th", "label_en", "tambon"], "tambon", 8),
]
THAI = re.compile(r"[\u0e00-\u0e7f]")
MUEANG_LOPBURI_TAMBONS = [f"1601{n:02d}" for n in range(1, 26) if n != 13]


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def rows(name: str) -> list[dict[str, str]]:
    return read_rows(AREAS / name)[1]


def codes(name: str) -> set[str]:
    return {r["value"] for r in rows(name)}


@pytest.mark.parametrize(("name", "header", "parent", "width"), LEVELS)
def test_each_file_is_well_formed(
    name: str, header: list[str], parent: str | None, width: int
) -> None:
    raw = (AREAS / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    found, data = read_rows(AREAS / name)
    assert found == header
    assert data
    for row in data:
        assert None not in row, f"extra cells in {row}"
        assert all(v is not None and v == v.strip() and v for v in row.values()), row
        assert re.fullmatch(rf"\d{{{width}}}", row["value"]), row
        assert THAI.search(row["label_th"]), row
        assert re.fullmatch(r"[A-Za-z0-9 .()'-]+", row["label_en"]), row
        if parent is not None:
            assert row["value"].startswith(row[parent]), row


@pytest.mark.parametrize("name", [level[0] for level in LEVELS])
def test_values_are_unique(name: str) -> None:
    counts = Counter(r["value"] for r in rows(name))
    assert [v for v, n in counts.items() if n > 1] == []


def test_all_77_provinces_from_bangkok_to_narathiwat() -> None:
    provinces = {r["value"]: (r["label_th"], r["label_en"]) for r in rows("provinces.csv")}
    assert len(provinces) == 77
    assert provinces["10"] == ("กรุงเทพมหานคร", "Bangkok")
    assert provinces["16"] == ("ลพบุรี", "Lop Buri")
    assert provinces["96"] == ("นราธิวาส", "Narathiwat")
    assert min(provinces) == "10" and max(provinces) == "96"
    assert len({th for th, _ in provinces.values()}) == 77


def test_every_code_has_its_parent() -> None:
    levels = [codes(name) for name, *_ in LEVELS]
    for (name, _, parent, _), parents in zip(LEVELS[1:], levels[:-1], strict=True):
        assert parent is not None
        for row in rows(name):
            assert row[parent] in parents, f"{name}: {row['value']} has no parent {row[parent]}"


def test_lopburi_has_its_eleven_amphoes() -> None:
    lopburi = {r["value"]: r["label_th"] for r in rows("amphoes.csv") if r["province"] == "16"}
    assert sorted(lopburi) == [f"16{n:02d}" for n in range(1, 12)]
    assert lopburi["1601"] == "เมืองลพบุรี"
    assert lopburi["1611"] == "หนองม่วง"


def test_mueang_lopburi_tambons() -> None:
    tambons = {r["value"]: r for r in rows("tambons.csv") if r["amphoe"] == "1601"}
    assert sorted(tambons) == MUEANG_LOPBURI_TAMBONS
    assert tambons["160104"]["label_th"] == "โก่งธนู"
    assert tambons["160104"]["label_en"] == "Kong Thanu"


def test_kong_thanu_has_ten_villages_and_every_tambon_some() -> None:
    per_tambon = Counter(r["tambon"] for r in rows("villages.csv"))
    kong_thanu = sorted(r["value"] for r in rows("villages.csv") if r["tambon"] == "160104")
    assert kong_thanu == [f"160104{n:02d}" for n in range(1, 11)]
    for tambon in MUEANG_LOPBURI_TAMBONS:
        assert 2 <= per_tambon[tambon] <= 10, tambon


def test_village_labels_carry_their_moo_number_in_both_languages() -> None:
    for row in rows("villages.csv"):
        moo = int(row["value"][-2:])
        assert row["label_th"].startswith(f"หมู่ {moo} บ้าน"), row
        assert row["label_en"].startswith(f"Moo {moo} Ban "), row


def test_the_whole_country_77_provinces_928_amphoes_7436_tambons() -> None:
    counts = {name: len(rows(name)) for name, *_ in LEVELS[:3]}
    assert counts == {"provinces.csv": 77, "amphoes.csv": 928, "tambons.csv": 7436}
    assert list(areas.COUNTS.values()) == list(counts.values())


def test_bangkoks_50_khet_are_its_amphoe_level() -> None:
    khet = sorted(r["value"] for r in rows("amphoes.csv") if r["province"] == "10")
    assert khet == [f"10{n:02d}" for n in range(1, 51)]
    assert all(r["amphoe"] in khet for r in rows("tambons.csv") if r["value"].startswith("10"))


def test_every_province_amphoe_and_tambon_has_children() -> None:
    amphoes, tambons = rows("amphoes.csv"), rows("tambons.csv")
    assert {r["province"] for r in amphoes} == codes("provinces.csv")
    assert {r["amphoe"] for r in tambons} == codes("amphoes.csv")


@pytest.mark.parametrize("name", [level[0] for level in LEVELS[:3]])
def test_rows_are_sorted_by_code(name: str) -> None:
    values = [r["value"] for r in rows(name)]
    assert values == sorted(values)


@pytest.mark.parametrize("name", [level[0] for level in LEVELS[:3]])
def test_the_committed_lists_are_what_geothai_builds(name: str) -> None:
    """A geothai update with new data fails here until the lists are rebuilt:
    python tests/forms/areas_from_geothai.py (and the credit in survey.areas updated)."""
    assert (AREAS / name).read_bytes() == build()[name].encode("utf-8")


def test_the_credit_names_the_geothai_release_the_lists_come_from() -> None:
    from importlib.metadata import version

    import geothai

    assert areas.GEOTHAI_DATA == geothai.DATA_VERSION
    assert version("geothai") == areas.GEOTHAI_VERSION
    for lang in ("th", "en"):
        credit = areas.attribution(lang)
        assert "GeoThai" in credit and "CC BY 4.0" in credit and areas.SOURCE_URL in credit
    assert areas.SOURCE_URL in (FORMS / "README.md").read_text(encoding="utf-8")


def test_the_country_tambons_are_read_from_the_shipped_list() -> None:
    tambons = areas.country_tambons()
    assert len(tambons) == 7436
    assert tambons["160104"].name_th == "โก่งธนู"
