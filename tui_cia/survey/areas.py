"""The area lists that ship in forms/areas/: the whole country's provinces, amphoes and
tambons (from GeoThai/data, CC BY 4.0, whose credit is here for the app's About and
`tui-cia about`), the names the forms read them by, and the country's tambon codes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tui_cia.errors import TuiCiaError

PROVINCES_FILE = "areas/provinces.csv"
AMPHOES_FILE = "areas/amphoes.csv"
TAMBONS_FILE = "areas/tambons.csv"
VILLAGES_FILE = "areas/villages.csv"  # the sample district's; an office imports its own
COUNTRY_FILES = (PROVINCES_FILE, AMPHOES_FILE, TAMBONS_FILE)

SOURCE_URL = "https://github.com/GeoThai/data"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
# The geothai release the CSVs were built from (tests/forms/areas_from_geothai.py); the
# test of the area lists fails when a newer one is installed, until the CSVs are rebuilt.
GEOTHAI_VERSION = "3.2.1"
GEOTHAI_DATA = "2026.10.23"
COUNTS = {"provinces": 77, "amphoes": 928, "tambons": 7436}

# The area levels as people name them (titles, column heads, reports): Thai, English.
LEVEL_NAMES = {
    "province": ("จังหวัด", "Province"),
    "amphoe": ("อำเภอ", "Amphoe"),
    "tambon": ("ตำบล", "Tambon"),
    "village": ("หมู่บ้าน", "Village"),
}


def level_name(level: str, lang: str) -> str:
    """`tambon` as `ตำบล` (`Tambon` in English); a level this list lacks as it is."""
    names = LEVEL_NAMES.get(level)
    return names[lang == "en"] if names else level


ATTRIBUTION = {
    "en": (
        "Province, amphoe and tambon lists (77 provinces, 928 amphoes and Bangkok khet, "
        "7,436 tambons, with DOPA codes): GeoThai/data "
        f"{GEOTHAI_DATA}, {SOURCE_URL}, © 2026 Pongsakorn Thipayanate, licensed under "
        f"Creative Commons Attribution 4.0 (CC BY 4.0, {LICENSE_URL}); codes and names from "
        "the Department of Provincial Administration (กรมการปกครอง). Built with the geothai "
        f"package {GEOTHAI_VERSION}."
    ),
    "th": (
        "รายชื่อจังหวัด อำเภอ/เขต และตำบล ทั่วประเทศ (77 จังหวัด 928 อำเภอและเขต "
        "7,436 ตำบล พร้อมรหัสของกรมการปกครอง): GeoThai/data "
        f"{GEOTHAI_DATA} {SOURCE_URL} © 2026 Pongsakorn Thipayanate "
        f"สัญญาอนุญาต Creative Commons Attribution 4.0 (CC BY 4.0, {LICENSE_URL}) "
        "รหัสและชื่อ จากกรมการปกครอง"
    ),
}


def attribution(lang: str = "en") -> str:
    """The credit the area lists' licence asks for, in `lang` (th or en; else English)."""
    return ATTRIBUTION.get(lang, ATTRIBUTION["en"])


def about_text(version: str, lang: str = "en") -> str:
    """What `tui-cia about` prints and the app's About shows: the version and the credits."""
    return f"tui-cia {version}\n\n{attribution(lang)}\n"


@dataclass(frozen=True)
class Tambon:
    """A tambon of the shipped country list."""

    code: str
    name_th: str
    name_en: str


def shipped_area_text(name: str) -> str:
    """The text of a shipped area file (`areas/tambons.csv`), as a form version keeps it."""
    from tui_cia.paths import shipped_forms_dir

    return (shipped_forms_dir() / name).read_text(encoding="utf-8-sig")


@cache
def country_tambons() -> dict[str, Tambon]:
    """Every tambon of the country by its 6-digit code (forms/areas/tambons.csv)."""
    from tui_cia.survey.choices_csv import read_choice_file

    files = {TAMBONS_FILE: shipped_area_text(TAMBONS_FILE)}
    rows, problem, _ = read_choice_file(None, TAMBONS_FILE, ("th", "en"), files)
    if problem:  # a broken install: the shipped file is ours
        raise TuiCiaError(f"the shipped {TAMBONS_FILE} cannot be read ({problem}): reinstall")
    return {
        value: Tambon(value, labels.get("th", ""), labels.get("en", ""))
        for value, labels, _ in rows
    }
