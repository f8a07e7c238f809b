"""Checks of many records at once, column by column (imports): see `screen`."""

from tui_cia.survey.batch.frame import Unsupported
from tui_cia.survey.batch.screen import Screened, screen

__all__ = ["Screened", "Unsupported", "screen"]
