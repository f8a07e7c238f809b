"""The build backend: setuptools, with the shipped folders carried into the package.

The project keeps its shipped forms and the sample tambon at the top of the repository
(forms/, sample_db/), where form authors and reviewers find them. An installed app has no
repository, so the wheel carries copies inside the package as tui_cia/_shipped/, and the
source distribution carries the folders themselves; `tui_cia.paths.shipped_dir` finds
either place. pyproject.toml names the two commands below in [tool.setuptools] cmdclass.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.build_meta import *  # noqa: F403  (the PEP 517 hooks, unchanged)
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = {  # top-level folder: the files of it that ship
    "forms": ["README.md", "*.yaml", "areas/*.csv"],
    "sample_db": ["README.md", "kong_thanu.db"],
}
EXTRA_SDIST = ["LICENSE", ".packaging/backend.py"]


def shipped_files() -> list[Path]:
    """The shipped files, relative to the project's root."""
    found: list[Path] = []
    for folder, patterns in SHIPPED.items():
        for pattern in patterns:
            found += sorted(p.relative_to(ROOT) for p in (ROOT / folder).glob(pattern))
    return found


class BuildWithShipped(build_py):
    """build_py, then the shipped folders copied into build/lib/tui_cia/_shipped/."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the checkout
            return
        for relative in shipped_files():
            copy = Path(self.build_lib) / "tui_cia" / "_shipped" / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / relative, copy)


class SdistWithShipped(sdist):
    """sdist that also carries the shipped folders, the licence and this backend."""

    def make_distribution(self) -> None:
        extra = [Path(p) for p in EXTRA_SDIST] + shipped_files()
        present = set(self.filelist.files)
        self.filelist.files += [p.as_posix() for p in extra if p.as_posix() not in present]
        super().make_distribution()
