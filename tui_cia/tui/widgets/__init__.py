"""Reusable Textual widgets of the terminal user interface."""
