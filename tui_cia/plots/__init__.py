"""Plots: pure functions from numbers to text charts (radar and bars), measured in cells."""

from tui_cia.plots.bars import Bar, bars
from tui_cia.plots.cells import pad_left, pad_right, truncate, width
from tui_cia.plots.radar import Series, radar

# The legend's words: the bar, and the target mark or ring.
LEGEND = {"th": ("ร้อยละที่ผ่าน", "เป้าหมาย"), "en": ("pass rate", "target")}

__all__ = ["LEGEND", "Bar", "Series", "bars", "pad_left", "pad_right", "radar", "truncate", "width"]
