"""Paths to answers: ("members", 0, "age") in code, "members[1].age" in history and messages."""

from __future__ import annotations

import re

FieldPath = tuple[str | int, ...]

_PART = re.compile(r"([a-z][a-z0-9_]*)(?:\[(\d+)\])?")


def path_str(path: FieldPath) -> str:
    """The text form of a path; repeat instances are numbered from 1, as people count."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out[-1] += f"[{part + 1}]"
        else:
            out.append(part)
    return ".".join(out)


def parse_path(text: str) -> FieldPath:
    """The inverse of path_str; raises ValueError on anything else."""
    parts: list[str | int] = []
    for piece in text.split("."):
        match = _PART.fullmatch(piece)
        if match is None:
            raise ValueError(f"not a field path: {text!r}")
        parts.append(match.group(1))
        if match.group(2) is not None:
            index = int(match.group(2))
            if index < 1:
                raise ValueError(f"instance numbers start at 1: {text!r}")
            parts.append(index - 1)
    return tuple(parts)
