"""Runs one tui-cia command as the console script would and prints its peak memory and CPU
time at exit (for tests/test_hostile.py: the child's own figures, whatever way it ends short
of a crash).

The figure is VmHWM from /proc (reset when the process starts its program, unlike
ru_maxrss, which Linux carries over from the parent that forked it); none elsewhere.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path


def _cpu() -> None:
    """User + system CPU seconds of this process, its threads and its finished workers."""
    t = os.times()
    used = t.user + t.system + t.children_user + t.children_system
    print(f"\ncpu-seconds {used:.3f}", file=sys.stderr)


def _peak() -> None:
    status = Path("/proc/self/status")
    if not status.is_file():
        return
    for line in status.read_text(encoding="ascii", errors="replace").splitlines():
        if line.startswith("VmHWM:"):
            print(f"\npeak-rss-kib {line.split()[1]}", file=sys.stderr)


if __name__ == "__main__":
    atexit.register(_peak)
    atexit.register(_cpu)
    sys.argv = ["tui-cia", *sys.argv[1:]]
    from tui_cia.cli import main

    main()
