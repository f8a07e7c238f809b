"""Test-wide settings: no test depends on how fast this machine is today."""

from __future__ import annotations

from hypothesis import settings

# Property tests judge results, never time: hypothesis's default deadline (200 ms an example)
# fails on a busy two-core machine for no fault of the code.
settings.register_profile("tui-cia", deadline=None)
settings.load_profile("tui-cia")
