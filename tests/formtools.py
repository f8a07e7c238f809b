"""Test helpers shared by every package's tests: forms written inline, pyxform style."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from tui_cia.survey import Form, FormSession, analyse_text, load_form_text

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
TODAY = dt.date(2022, 6, 15)

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
