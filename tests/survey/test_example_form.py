"""The example form uses every feature of the language, and the author's reference is current."""

from __future__ import annotations

import re
from typing import Any

import yaml
from formtools import FORMS, TODAY

from tui_cia.errors import catalogue_markdown
from tui_cia.survey import FormSession, load_form
from tui_cia.survey import expr as ex
from tui_cia.survey.checks import expression_sites
from tui_cia.survey.types import ALL_FIELD_KEYS, TYPES


def keys_used(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        found.update(node)
        for value in node.values():
            keys_used(value, found)
    elif isinstance(node, list):
        for value in node:
            keys_used(value, found)
    return found


def test_the_example_form_uses_every_type_key_and_function() -> None:
    form = load_form(FORMS / "example.yaml")
    assert form.warnings == []
    assert {f.type for f in form.fields()} == set(TYPES)
    raw = yaml.safe_load((FORMS / "example.yaml").read_text(encoding="utf-8"))
    used = keys_used(raw, set())
    assert ALL_FIELD_KEYS - used == set()
    assert {"group", "repeat", "count", "instance_label", "choice_filter", "file"} <= used
    assert set(raw["form"]) >= {
        "id",
        "version",
        "title",
        "languages",
        "default_language",
        "key",
        "instance_name",
        "area",
        "round",
        "calendar",
    }
    calls = {c.name for site in expression_sites(form) for c in ex.calls(site.expr.node)}
    assert set(ex.FUNCTIONS) - calls == set()
    assert {i.unit for i in form.indicators} == {"household", "person"}


def test_the_example_form_opens_a_record() -> None:
    session = FormSession(load_form(FORMS / "example.yaml"), today=TODAY)
    assert session.nav.first() is not None
    assert len(session.indicator_results()) == len(session.form.indicators)


def test_the_error_code_table_in_the_reference_is_current() -> None:
    text = (FORMS / "README.md").read_text(encoding="utf-8")
    assert text.endswith(catalogue_markdown()), "run: tui-cia forms codes, paste at the end"


def test_every_yaml_example_in_the_reference_parses() -> None:
    text = (FORMS / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 20
    for block in blocks:
        yaml.safe_load(block)
