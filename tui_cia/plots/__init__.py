"""Plots: pure functions from numbers to text charts (plotext and text)."""
