"""Reading texts (plain or by language) from a form, with translation checks."""

from __future__ import annotations

from collections.abc import Callable

from tui_cia.survey.schema import EMPTY_TEXT, Text
from tui_cia.survey.yamlsrc import Pos, YMap

Report = Callable[[str, str, Pos, "str | None"], None]


class TextReader:
    """Turns `label:`-style values into Text, reporting unknown and missing languages."""

    def __init__(self, report: Report, languages: tuple[str, ...], default: str) -> None:
        self.report = report
        self.languages = languages
        self.default = default

    def make(self, by_lang: dict[str, str]) -> Text:
        return Text(by_lang, self.default)

    def read(self, node: YMap, key: str, field: str | None, required: bool = False) -> Text:
        if key not in node:
            if required:
                self.report("FORM005", f"'{key}:' is required here", node.pos, field)
            return EMPTY_TEXT
        value, pos = node[key], node.at(key)
        if isinstance(value, YMap):
            return self._by_language(value, key, field)
        text = self._one(value, pos, key, field)
        return Text({self.default: text}, self.default) if text is not None else EMPTY_TEXT

    def _one(self, value: object, pos: Pos, key: str, field: str | None) -> str | None:
        if isinstance(value, bool):
            word = "true" if value else "false"
            self.report(
                "FORM036", f'\'{key}\' reads as {word}: quote it, e.g. "Yes" or "No"', pos, field
            )
            return None
        if isinstance(value, int | float):
            return str(value)
        if not isinstance(value, str):
            self.report("FORM006", f"'{key}' should be text or a mapping by language", pos, field)
            return None
        return value

    def _by_language(self, node: YMap, key: str, field: str | None) -> Text:
        texts: dict[str, str] = {}
        for lang, value in node.items():
            if lang not in self.languages:
                self.report(
                    "FORM037",
                    f"'{key}' has language '{lang}', which is not in "
                    f"languages {list(self.languages)}",
                    node.key_pos[lang],
                    field,
                )
                continue
            text = self._one(value, node.at(lang), f"{key}.{lang}", field)
            if text is not None:
                texts[lang] = text
        for lang in self.languages:
            if lang not in node:
                self.report(
                    "FORM021",
                    f"'{key}' has no '{lang}' text; the {self.default} text is shown instead",
                    node.pos,
                    field,
                )
        return Text(texts, self.default)
