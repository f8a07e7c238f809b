"""Runs one tui-cia command as the console script would and prints the peak memory at exit
(for tests/test_hostile.py: the child's own figure, whatever way it ends short of a crash).

The figure is VmHWM from /proc (reset when the process starts its program, unlike
ru_maxrss, which Linux carries over from the parent that forked it); none elsewhere.
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path


def _peak() -> None:
    status = Path("/proc/self/status")
    if not status.is_file():
        return
    for line in status.read_text(encoding="ascii", errors="replace").splitlines():
        if line.startswith("VmHWM:"):
            print(f"\npeak-rss-kib {line.split()[1]}", file=sys.stderr)


if __name__ == "__main__":
    atexit.register(_peak)
    sys.argv = ["tui-cia", *sys.argv[1:]]
    from tui_cia.cli import main

    main()
