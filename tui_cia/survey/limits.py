"""The limits every input is held to: a hostile or broken file ends in a clear message
naming the limit, within seconds, never a hang, a crash or memory running out.

The figures leave wide room for real work: the BMN household form is 100 KiB of YAML with
about 5,000 nodes, 300 fields and expressions of at most 400 characters; the whole
country's village list is about 75,000 rows. forms/README.md lists them for form authors.
"""

from __future__ import annotations

import stat
from pathlib import Path

MIB = 1024 * 1024

# A form file.
FORM_BYTES = 4 * MIB  # the YAML text
YAML_NODES = 100_000  # mappings, lists and values, each alias counted as what it expands to
YAML_ALIASES = 1_000  # uses of &anchors (*alias)
YAML_DEPTH = 64  # mappings and lists inside one another
PROBLEMS_SHOWN = 200  # problems reported for one file; the rest are counted
FIELDS = 5_000  # fields, groups and repeats of one form

# Choice lists.
CHOICE_FILE_BYTES = 32 * MIB  # one CSV file beside the form
CHOICES = 100_000  # choices of one list (inline or from a file)

# An XLSForm workbook (`tui-cia forms import-xlsform`): its rows become the fields and choices.
XLSFORM_BYTES = 16 * MIB  # the .xlsx or .xls file, read whole by pyxform
XLSFORM_ROWS = FIELDS + CHOICES  # rows of the survey and choices sheets together

# An office's village list (`tui-cia areas import`): the country has about 75,000 villages.
VILLAGE_FILE_BYTES = CHOICE_FILE_BYTES  # the CSV file
VILLAGES = CHOICES  # rows: it becomes the forms' village choice list
VILLAGE_NAME_CHARS = 200  # one village name, Thai or English

# Expressions and patterns.
EXPRESSION_CHARS = 5_000  # one expression's text
PATTERN_CHARS = 1_000  # one regular expression (pattern: or regex())
# A match's time limit is wall-clock time, which a busy machine or another thread holding the
# interpreter stretches: the limits are far above what a sound pattern takes (microseconds)
# and a time-out counts only when a second try times out too. A pattern that backtracks takes
# seconds to hours on the 40-character probes, so it is still caught.
PATTERN_SECONDS = 0.5  # the longest one match may take (twice) before the pattern counts as slow
PATTERN_PROBE_SECONDS = 0.5  # the same, for the probes the linter runs on each pattern

# Answers and records.
TEXT_CHARS = 10_000  # one text answer
INSTANCES = 1_000  # instances of one repeat in one record (or its parent instance)
RECORD_BYTES = 4 * MIB  # one record (one line of JSON lines)
CSV_BYTES = 512 * MIB  # one CSV file of records (read whole: households or members)


def mib(size: int) -> str:
    """`size` bytes as people read it: '4 MiB'."""
    return f"{size / MIB:.3g} MiB"


def refuse_to_read(path: Path, most: int) -> str | None:
    """Why the file at `path` is not to be read (missing, not a regular file such as a
    device or a pipe, larger than `most` bytes), or None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a folder, device or pipe): give a file"
    if info.st_size > most:
        return f"the file is larger than {mib(most)} (limit): {mib(info.st_size)}"
    return None
