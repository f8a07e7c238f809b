"""A killed process loses nothing it had saved, and leaves a sound database."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from crashtrial import run_trial
from storetools import HEADER, HOUSEHOLD


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_at_a_random_moment_loses_no_saved_answer(tmp_path: Path, seed: int) -> None:
    form = tmp_path / "hh.yaml"
    form.write_text(HEADER + HOUSEHOLD, encoding="utf-8")
    result = run_trial(tmp_path, form, random.Random(seed).randint(1, 60))
    assert result.integrity == "ok"
    assert result.saved > 0 and result.lost == 0
