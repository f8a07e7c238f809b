"""Checks of many records at once, column by column (imports): see `screen`."""

from tui_cia.survey.batch.frame import Unsupported
from tui_cia.survey.batch.screen import LevelData, Screened, Screening, screen

__all__ = ["LevelData", "Screened", "Screening", "Unsupported", "screen"]
