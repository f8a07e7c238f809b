"""The form engine stays light: importing it loads no UI, data-frame or plotting library."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("textual", "pandas", "numpy", "sqlite_utils", "plotext")


def modules_after(statement: str) -> set[str]:
    code = f"import json, sys; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_importing_the_survey_package_loads_nothing_heavy() -> None:
    loaded = modules_after("import tui_cia.survey")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_the_command_line_starts_without_heavy_imports() -> None:
    loaded = modules_after("import tui_cia.cli")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
