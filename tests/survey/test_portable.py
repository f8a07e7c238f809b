"""`forms check` finds text that the YAML readers read differently or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_cia.survey import check_file
from tui_cia.survey.portable import _first_difference, portability_problems
from tui_cia.survey.yamlsrc import load_located

HEAD = 'form: {id: t, version: "1"}\nfields:\n  - {name: a, type: text, label: A}\n'
SHIPPED = Path(__file__).resolve().parents[2] / "forms"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["bmn.yaml", "village.yaml", "example.yaml"])
def test_the_shipped_forms_read_alike_in_both_readers(name: str) -> None:
    import yaml

    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(text, Loader=yaml.CSafeLoader)
    assert portability_problems(text, name) == []


def test_a_question_mark_in_a_flow_mapping_is_reported_where_it_is(tmp_path: Path) -> None:
    text = HEAD + "  - {name: b, type: text, label: {th: ข, en: Is it?}}\n"
    problems = [p for p in check_file(write(tmp_path, text)) if p.code == "FORM045"]
    assert len(problems) == 1
    assert (problems[0].line, problems[0].severity) == (4, "error")
    assert "pure-Python" in problems[0].message and "'?'" in problems[0].message


def test_a_tab_inside_a_plain_value_is_reported(tmp_path: Path) -> None:
    text = HEAD + "  - {name: b, type: text, label: B}\nx_note: a\tb\n"
    assert "FORM045" in {p.code for p in check_file(write(tmp_path, text))}


@pytest.mark.parametrize(
    ("value", "kind"), [("yes", "bool"), ("Off", "bool"), ("0777", "int"), ("1:30", "int")]
)
def test_yaml_11_readings_are_warned_with_line_and_column(value: str, kind: str) -> None:
    text = HEAD + f"  - {{name: b, type: text, label: B, hint: {value}}}\n"
    problems = [p for p in portability_problems(text, "f.yaml") if p.code == "FORM046"]
    assert [(p.line, p.col, p.severity) for p in problems] == [
        (4, text.splitlines()[3].index(value) + 1, "warning")
    ]
    assert kind in problems[0].message


def test_plain_true_false_and_numbers_are_portable() -> None:
    text = HEAD + "  - {name: b, type: integer, label: B, min: 0, max: 10, required: true}\n"
    assert portability_problems(text, "f.yaml") == []


def test_a_difference_is_located_in_the_first_readers_tree() -> None:
    text = "a:\n  b: [1, 2]\n  c: x\n"
    tree = load_located(text, "f.yaml", [])
    place = _first_difference(tree, {"a": {"b": [1, 2], "c": "y"}}, tree.pos)
    assert place is not None
    pos, mine, theirs = place
    assert (pos.line, pos.col, mine, theirs) == (3, 6, "x", "y")
    assert _first_difference(tree, {"a": {"b": [1, 2], "c": "x"}}, tree.pos) is None
