"""Builds forms/areas/provinces.csv, amphoes.csv and tambons.csv for the whole country from
the `geothai` package (a dev dependency: the app ships the CSVs and never needs it).

The data of geothai is GeoThai/data (https://github.com/GeoThai/data), CC BY 4.0: the credit
is in forms/README.md and in `tui_cia.survey.areas.ATTRIBUTION`. Bangkok's 50 khet are its
amphoe level, as DOPA codes them (1001-1050). forms/areas/villages.csv is not built here: it
is the sample district's list, and an office loads its own (`tui-cia areas import`).

Regenerate after a geothai update (tests/forms/test_areas.py notices one):

    python tests/forms/areas_from_geothai.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

AREAS = Path(__file__).resolve().parents[2] / "forms" / "areas"

# file name, its columns (the parent level's last), as the forms' choice lists read them
LAYOUT = {
    "provinces.csv": ("value", "label_th", "label_en"),
    "amphoes.csv": ("value", "label_th", "label_en", "province"),
    "tambons.csv": ("value", "label_th", "label_en", "amphoe"),
}


def _csv(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(sorted(rows))
    return out.getvalue()


def build() -> dict[str, str]:
    """The text of each CSV file, by file name: UTF-8 without a byte-order mark, LF line
    ends, rows sorted by code."""
    import geothai

    provinces = geothai.provinces()
    districts = [d for p in provinces for d in geothai.districts(p.code)]
    tambons = [s for d in districts for s in geothai.subdistricts(d.code)]
    rows = {
        "provinces.csv": [(p.code, p.name_th, p.name_en) for p in provinces],
        "amphoes.csv": [(d.code, d.name_th, d.name_en, d.code[:2]) for d in districts],
        "tambons.csv": [(s.code, s.name_th, s.name_en, s.code[:4]) for s in tambons],
    }
    return {name: _csv(LAYOUT[name], rows[name]) for name in LAYOUT}


def write(folder: Path = AREAS) -> list[Path]:
    """Write the files into `folder` (forms/areas by default); the paths written."""
    written = []
    for name, text in build().items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


if __name__ == "__main__":
    import geothai

    for path in write():
        print(f"wrote {path} (geothai {geothai.DATA_VERSION})")
