"""Footer descriptions in the chosen language: rewritten from the key table by binding id."""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode

from tui_cia.tui.keys import description


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Replace each binding's description on `node` with the table's text in `lang`."""
    table = node._bindings.key_to_bindings
    for key, found in table.items():
        table[key] = [
            dataclasses.replace(b, description=description(b.id, lang, b.description))
            for b in found
        ]
