"""A child process for the crash test: saves answers one by one and reports each saved one.

Usage: python crashchild.py DB FORM_YAML. Prints "ready UUID", then each saved number.
"""

from __future__ import annotations

import sys

from tui_cia.storage import Store
from tui_cia.survey import load_form


def main() -> None:
    store = Store(sys.argv[1])
    rec = store.create(load_form(sys.argv[2]))
    print(f"ready {rec.uuid}", flush=True)
    number = 0
    while True:
        number += 1
        field = ("income",) if number % 2 else ("members", 0, "age")
        value = str(number) if number % 2 else str(number % 100)
        if not store.answer(rec, field, value).ok:
            raise SystemExit(f"refused {number}")
        print(number, flush=True)


if __name__ == "__main__":
    main()
