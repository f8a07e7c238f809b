"""XLSForm settings and choices sheets, names, texts and expressions for a tui-cia form."""

from __future__ import annotations

import re
from typing import Any

from tui_cia.survey.types import APPEARANCES
from tui_cia.survey.xlsform.expressions import over_repeats, translate
from tui_cia.survey.xlsform.names import language_code, tui_name
from tui_cia.survey.xlsform.reader import Row, Workbook

SAME_TYPES = {"text", "integer", "decimal", "date", "note", "calculate"}
ALIASES = {"int": "integer", "string": "text", "select1": "select_one", "acknowledge": "trigger"}
NO_TYPE = {
    "geopoint": "tui-cia has no GPS field: use two decimal fields",
    "geotrace": "tui-cia has no map fields",
    "geoshape": "tui-cia has no map fields",
    "image": "tui-cia keeps no media",
    "audio": "tui-cia keeps no media",
    "video": "tui-cia keeps no media",
    "file": "tui-cia keeps no files",
    "background-audio": "tui-cia keeps no media",
    "barcode": "a terminal has no camera: use a text field",
    "time": "tui-cia has dates, not times of day",
    "datetime": "tui-cia has dates, not times of day",
    "trigger": "tui-cia has no acknowledge field: use a note or a yes/no select",
    "rank": "tui-cia has no ranking field",
    "range": "use an integer with min and max",
    "hidden": "use a calculate field",
    "audit": "tui-cia keeps its own history of every change",
    "xml-external": "tui-cia reads no external instances",
    "csv-external": "tui-cia reads no external instances",
    "select_one_from_file": "use a choices list with file: (a CSV beside the form)",
    "select_multiple_from_file": "use a choices list with file: (a CSV beside the form)",
}
METADATA = "start end today deviceid phonenumber username email simserial subscriberid".split()
EXPRESSIONS = {"relevant": "relevant", "constraint": "constraint", "calculation": "calculate"}
TEXTS = ("label", "hint", "required_message", "constraint_message")
HANDLED = {"type", "name", *TEXTS, *EXPRESSIONS, "required", "default", "read_only"}
HANDLED |= {"appearance", "choice_filter", "repeat_count"}
_COMPARED = re.compile(r"(\$\{(\w+)\}\s*!?=\s*)'([^']*)'")
_SELECTED = re.compile(r"(selected\(\s*\$\{(\w+)\}\s*,\s*)'([^']*)'")
YES = {"yes", "true", "true()", "1"}
NO = {"no", "false", "false()", "0", ""}


def why_not(kind: str) -> str | None:
    """Why a survey row of this type (lower case, first word) is not converted; None if it is."""
    why = NO_TYPE.get(kind) or NO_TYPE.get(kind.replace("-", ""))
    if kind in METADATA or kind.startswith("start-"):
        why = "tui-cia records the times, device and enumerator of every change itself"
    if why is None and kind not in {*SAME_TYPES, "select_one", "select_multiple"}:
        why = "tui-cia has no such type"
    return why


class Converter:
    """One conversion: the tree built so far and the notes for the author."""

    def __init__(self, book: Workbook, file: str, form_id: str) -> None:
        self.book, self.file, self.form_id = book, file, form_id
        self.notes: list[str] = []
        self.names: dict[str, str] = {}
        self.repeat_of: dict[str, str] = {}  # a field inside a repeat -> the repeat
        self.dropped: set[str] = set()  # fields whose type is not converted
        self.list_of: dict[str, str] = {}  # a select field -> its XLSForm list name
        self.lists: dict[str, str] = {}
        self.values: dict[str, dict[str, str]] = {}
        self.columns: dict[str, str] = {}
        self.languages = self._languages()
        self.default = self.languages[0] if self.languages else ""

    # -- notes -------------------------------------------------------------------
    def note(self, sheet: str, row: int, what: str, why: str) -> None:
        self.notes.append(f"{self.file}:{sheet} row {row}: {what} is not converted: {why}")

    def renamed(self, sheet: str, row: int, old: str, new: str) -> None:
        self.notes.append(f"{self.file}:{sheet} row {row}: the name {old!r} is renamed {new!r}")

    def _languages(self) -> list[str]:
        found: list[str] = []
        for row in [*self.book.survey, *self.book.choices]:
            for column in row.cells:
                base, _, lang = column.partition("::")
                if lang and base.strip().lower() in TEXTS:
                    code = language_code(lang)
                    if code not in found:
                        found.append(code)
        wanted = self._setting("default_language")
        if wanted and language_code(wanted) in found:
            found.remove(language_code(wanted))
            found.insert(0, language_code(wanted))
        return found

    def _setting(self, key: str) -> str:
        return self.book.settings[0].cells.get(key, "") if self.book.settings else ""

    def settings(self) -> dict[str, Any]:
        cells = self.book.settings[0].cells if self.book.settings else {}
        number = self.book.settings[0].number if self.book.settings else 2
        raw_id = cells.get("form_id") or self.form_id
        form_id = tui_name(raw_id, set())
        if form_id != raw_id:
            self.renamed("settings", number, raw_id, form_id)
        out: dict[str, Any] = {"id": form_id, "version": cells.get("version") or "1"}
        if cells.get("form_title"):
            out["title"] = cells["form_title"]
        if self.languages:
            out["languages"] = list(self.languages)
            out["default_language"] = self.default
        if cells.get("instance_name"):
            expr = self.expression("settings", number, "instance_name", cells["instance_name"])
            if expr is not None:
                out["instance_name"] = expr
        for key in cells:
            if key not in ("form_id", "version", "form_title", "default_language", "instance_name"):
                self.note("settings", number, f"the setting {key}", "tui-cia has no such setting")
        return out

    # -- names -------------------------------------------------------------------
    def name_fields(self) -> None:
        taken: set[str] = set()
        open_: list[tuple[str, str]] = []  # (group|repeat, name) of the containers still open
        for row in self.book.survey:
            raw = row.cells.get("name", "")
            kind = row.cells.get("type", "").lower().replace("_", " ", 1)
            if kind.startswith("end") and open_:
                open_.pop()
            if not raw or kind.startswith("end"):
                continue
            new = tui_name(raw, taken)
            self.names.setdefault(raw, new)
            if new != raw:
                self.renamed("survey", row.number, raw, new)
            words = row.cells.get("type", "").split() or [""]
            first = words[0].lower()
            if first.startswith("select_") and len(words) > 1:
                self.list_of[new] = words[1]
            if not kind.startswith("begin") and why_not(ALIASES.get(first, first)):
                self.dropped.add(new)
            repeats = [name for container, name in open_ if container == "repeat"]
            if repeats:
                self.repeat_of[new] = repeats[-1]
            if kind.startswith("begin"):
                open_.append((kind.split()[1] if len(kind.split()) > 1 else "group", new))

    def rename(self, raw: str) -> str:
        return self.names.get(raw, raw)

    def expression(self, sheet: str, row: int, key: str, source: str) -> str | None:
        """The translated expression, or None (noted) when it uses what has no equivalent."""
        done = translate(source, self.rename)
        if done.drop:
            self.note(sheet, row, f"{key} {source!r}", "it uses " + ", ".join(done.drop))
            return None
        gone = sorted(n for n in self.dropped if "${" + n + "}" in done.text)
        if gone:
            names = ", ".join("${" + n + "}" for n in gone)
            self.note(sheet, row, f"{key} {source!r}", f"it refers to {names}, not converted")
            return None
        for what in done.unknown:
            self.notes.append(
                f"{self.file}:{sheet} row {row}: {key} {source!r} is kept as written:"
                f" tui-cia does not know {what}"
            )
        return self._choice_values(over_repeats(done.text, self.repeat_of))

    def _choice_values(self, text: str) -> str:
        """`${sex} = 'Male'` and `selected(${x}, 'Male')` follow a renamed choice value."""

        def value(field: str, raw: str) -> str:
            return self.values.get(self.list_of.get(field, ""), {}).get(raw, raw)

        text = _COMPARED.sub(lambda m: f"{m[1]}'{value(m[2], m[3])}'", text)
        return _SELECTED.sub(lambda m: f"{m[1]}'{value(m[2], m[3])}'", text)

    def text(self, cells: dict[str, str], base: str) -> str | dict[str, str] | None:
        """A label or hint: a plain string, or {th: ..., en: ...} from `label::Thai (th)`."""
        by_lang: dict[str, str] = {}
        plain = None
        for column, value in cells.items():
            head, _, lang = column.partition("::")
            if head.strip().lower() != base:
                continue
            if lang:
                by_lang[language_code(lang)] = self._refs(value)
            else:
                plain = self._refs(value)
        if plain is not None and self.languages:
            by_lang.setdefault(self.default, plain)
        if by_lang:
            return {lang: by_lang[lang] for lang in self.languages if lang in by_lang}
        return plain

    def _refs(self, text: str) -> str:
        return re.sub(r"\$\{\s*([^}]*?)\s*\}", lambda m: "${" + self.rename(m[1]) + "}", text)

    # -- choices -----------------------------------------------------------------
    def choices(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        list_names: set[str] = set()
        column_names: set[str] = {"value", "label"}
        for row in self.book.choices:
            cells = row.cells
            raw_list = cells.get("list_name") or cells.get("list name") or ""
            if not raw_list or "name" not in cells:
                self.note("choices", row.number, "a choice without list_name or name", "")
                continue
            if raw_list not in self.lists:
                self.lists[raw_list] = tui_name(raw_list, list_names)
                self.values[raw_list] = {}
                if self.lists[raw_list] != raw_list:
                    self.renamed("choices", row.number, raw_list, self.lists[raw_list])
            taken = set(self.values[raw_list].values())
            value = tui_name(cells["name"], taken, digits_ok=True)
            self.values[raw_list][cells["name"]] = value
            if value != cells["name"]:
                self.renamed("choices", row.number, cells["name"], value)
            choice: dict[str, Any] = {"value": value, "label": self.text(cells, "label") or value}
            for column, cell in cells.items():
                self._choice_column(row.number, choice, column, cell, column_names)
            out.setdefault(self.lists[raw_list], []).append(choice)
        return out

    def _choice_column(
        self, number: int, choice: dict[str, Any], column: str, cell: str, taken: set[str]
    ) -> None:
        head = column.partition("::")[0].strip().lower()
        if head in ("list_name", "list name", "name", "label"):
            return
        if head in ("image", "audio", "video", "media"):
            self.note("choices", number, f"the column {column}", "tui-cia keeps no media")
            return
        if column not in self.columns:
            self.columns[column] = tui_name(column, taken)
        choice[self.columns[column]] = cell

    def appearance(self, row: Row, allowed: frozenset[str]) -> str | None:
        words = row.cells.get("appearance", "").split()
        kept = [w for w in words if w in allowed]
        for word in words:
            if word not in allowed:
                self.note("survey", row.number, f"appearance {word!r}", "it has no equivalent here")
        return " ".join(kept) or None


def field_appearances() -> frozenset[str]:
    return APPEARANCES - {"table"}
