"""Test helpers shared by every package's tests: forms written inline, pyxform style."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from tui_cia.survey import Form, FormSession, analyse_text, load_form_text

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
TODAY = dt.date(2022, 6, 15)

# The BMN household questions a household that lacks nothing answers "yes" (code 1): the
# tests that key or build a whole household start from them.
BMN_WELL_OFF = (
    "i04_1_fda_food i04_2_cooked_meat i04_3_safe_vegetables i04_4_hand_washing"
    " i05_1_household_remedies i05_2_no_drug_sets i05_3_no_unlabelled_herbal"
    " i05_4_no_false_supplements i08_1_secure_tenure i08_2_durable_house"
    " i09_drinking_water i10_household_water i11_1_clean_rooms i11_2_kitchen"
    " i11_3_water_storage i11_4_pest_control i11_6_drainage i11_7_toilet i11_8_chemicals"
    " i13_1_vehicles i13_2_electricity i13_3_work_safety i13_4_disaster_ready i30_community"
    " i31_1_time_together i31_2_respect i31_3_mutual_help certified"
).split()

HEADER = """\
form:
  id: t
  version: "1"
  languages: [th, en]
"""


def make_form(body: str, *, header: str = HEADER, base_dir: Path | None = None) -> Form:
    """A form from inline YAML; `body` is everything after the form: block."""
    return load_form_text(header + textwrap.dedent(body), "test.yaml", base_dir)


def problems_of(body: str, *, header: str = HEADER, base_dir: Path | None = None) -> list:  # type: ignore[type-arg]
    return analyse_text(header + textwrap.dedent(body), "test.yaml", base_dir)[1]


def session_of(body: str, **kwargs: object) -> FormSession:
    return FormSession(make_form(body), today=TODAY, **kwargs)  # type: ignore[arg-type]


SAMPLE_DB = ROOT / "sample_db" / "kong_thanu.db"


def copy_sample(folder: Path) -> Path:
    """A scratch copy of the committed sample: tests never write to sample_db/."""
    import shutil

    target = folder / "sample.db"
    shutil.copyfile(SAMPLE_DB, target)
    return target
