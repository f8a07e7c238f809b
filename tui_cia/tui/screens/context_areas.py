"""The areas a work context is picked from: the form's tambon and village lists, found by
name (Thai or English), by code, and villages by their number (`2` finds หมู่ 2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui_cia.storage.prefill import area_chain

SHOWN = 50  # matches listed at most: typing more narrows them
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True)
class Area:
    """One match: the code kept and the text listed."""

    code: str
    label: str


class AreaLists:
    """A form's tambon and village lists (the last two levels of its area cascade)."""

    def __init__(self, form: Any, lang: str) -> None:
        chain = area_chain(form) if form is not None else []
        self.lang = lang
        self.chain = chain
        self.tambon = chain[-2] if len(chain) >= 2 else None
        self.village = chain[-1] if len(chain) >= 2 else None
        # Per tambon: code, label, its names folded (to rank), all its text folded (to match).
        self._tambons: list[tuple[str, str, str, str]] = []

    @property
    def usable(self) -> bool:
        return self.tambon is not None and self.village is not None

    def _parent(self, level: int, code: str) -> str:
        """The code one level up from `code` of chain level `level` ("" if none)."""
        if level <= 0:
            return ""
        item, parent = self.chain[level], self.chain[level - 1]
        choice = item.choices.by_value.get(code) if item.choices else None
        return str(choice.columns.get(parent.name, "")) if choice is not None else ""

    def name(self, level: int, code: str) -> str:
        choices = self.chain[level].choices
        choice = choices.by_value.get(code) if choices is not None else None
        return str(choice.label.get(self.lang) or code) if choice is not None else code

    def tambon_label(self, code: str) -> str:
        """A tambon with its amphoe and province: names repeat across the country."""
        level = len(self.chain) - 2
        names = [self.name(level, code)]
        up = code
        for above in range(level - 1, -1, -1):
            up = self._parent(above + 1, up)
            if up:
                names.append(self.name(above, up))
        if self.lang == "th":
            marks = ("ต.", "อ.", "จ.")[: len(names)]
            return " ".join(f"{mark}{name}" for mark, name in zip(marks, names, strict=False))
        return ", ".join(names)

    def village_label(self, code: str) -> str:
        return self.name(len(self.chain) - 1, code)

    def describe(self, code: str) -> str:
        """An area code for people: the tambon, and the village when there is one."""
        if not self.usable or not code:
            return ""
        assert self.village is not None and self.village.choices is not None
        if code not in self.village.choices.by_value:
            return self.tambon_label(code)
        tambon = self.name(len(self.chain) - 2, self._parent(len(self.chain) - 1, code))
        if self.lang == "th":
            return f"ต.{tambon} {self.village_label(code)}"
        return f"{self.village_label(code)}, {tambon}"

    def tambons(self, typed: str) -> list[Area]:
        """Tambons whose name or code has `typed`; the tambons of the village list first."""
        if not self.usable:
            return []
        if not self._tambons:
            self._tambons = self._all_tambons()
        wanted = typed.strip().translate(THAI_DIGITS).casefold()
        found = [row for row in self._tambons if wanted in row[3]]
        if wanted:  # a name that starts so comes first
            found.sort(key=lambda row: not row[2].startswith(wanted))
        return [Area(code, label) for code, label, _, _ in found[:SHOWN]]

    def _all_tambons(self) -> list[tuple[str, str, str, str]]:
        assert self.tambon is not None and self.village is not None
        assert self.tambon.choices is not None and self.village.choices is not None
        worked = {str(c.columns.get(self.tambon.name, "")) for c in self.village.choices.choices}
        ordered = sorted(self.tambon.choices.choices, key=lambda c: c.value not in worked)
        rows = []
        for choice in ordered:
            label = self.tambon_label(choice.value)
            names = " ".join(choice.label.by_lang.values()).casefold()
            rows.append((choice.value, label, names, f"{choice.value} {label.casefold()} {names}"))
        return rows

    def villages(self, tambon: str, typed: str) -> list[Area]:
        """The villages of `tambon` whose name has `typed`, or whose number it is."""
        if not self.usable or not tambon:
            return []
        assert self.village is not None and self.village.choices is not None
        assert self.tambon is not None
        wanted = typed.strip().translate(THAI_DIGITS).casefold()
        found = []
        for choice in self.village.choices.choices:
            if str(choice.columns.get(self.tambon.name, "")) != tambon:
                continue
            label = str(choice.label.get(self.lang) or choice.value)
            number = choice.value[-2:].lstrip("0")
            if not wanted or wanted == number or wanted in label.casefold():
                found.append(Area(choice.value, label))
        return found[:SHOWN]
