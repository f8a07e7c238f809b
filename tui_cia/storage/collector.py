"""Python's cycle collector paused while bulk work builds many objects without cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block: bulk work (an import, an analysis of a
    province) makes millions of small tuples, dicts and lists and no cycles, and
    collections would run over them again and again as they pile up."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
