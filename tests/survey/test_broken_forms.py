"""A catalogue of broken forms: each is refused with its own code, line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tui_cia.errors import CATALOGUE, FormError
from tui_cia.survey import analyse_text, check_file, load_form_text

F = 'form: {id: t, version: "1", languages: [th, en]}\n'
YN = 'choices:\n  yn:\n    - {value: "1", label: {th: ใช่, en: "Yes"}}\n'
YN += '    - {value: "2", label: {th: ไม่ใช่, en: "No"}}\n'

# (case id, form text, code, where, message fragment). `where` is the text the problem must
# point at (its first occurrence, or (text, n) for the occurrence after the first n), or an
# explicit (line, column) when the place is not a token (end of file, start of file).
CASES = [
    (
        "repeat-over-the-instance-limit",
        F + "fields:\n  - repeat: r\n    label: R\n    max: 5000\n    fields:\n"
        "      - {name: a, type: text, label: A}\n",
        "FORM044",
        "5000",
        "instances",
    ),
    (
        "pattern-that-backtracks",
        F + "fields:\n  - {name: a, type: text, label: A, pattern: '(?:x|xx)+(?=y)'}\n",
        "FORM047",
        "(?:x|xx)",
        "backtracks",
    ),
    (
        "yaml-syntax",
        F + "fields:\n  - name: a\n    type: [text\n",
        "FORM001",
        (5, 1),
        "started at line 4",
    ),
    ("yaml-tab", F + "fields:\n\t- name: a\n", "FORM001", "\\t- name", "YAML"),
    ("top-not-mapping", "- a\n- b\n", "FORM003", "- a", "mapping"),
    ("empty-file", "", "FORM003", (1, 1), "empty"),
    ("unknown-top-key", F + "feilds: []\n", "FORM004", "feilds", "did you mean 'fields'"),
    (
        "unknown-field-key",
        F + "fields:\n  - {name: a, type: text, label: A, requried: true}\n",
        "FORM004",
        "requried",
        "did you mean 'required'",
    ),
    (
        "unknown-setting",
        'form: {id: t, version: "1", langauges: [th]}\nfields: []\n',
        "FORM004",
        "langauges",
        "did you mean 'languages'",
    ),
    ("missing-version", "form: {id: t}\nfields: []\n", "FORM005", "{id: t}", "version"),
    ("missing-label", F + "fields:\n  - {name: a, type: text}\n", "FORM005", "{name: a", "label"),
    ("missing-type", F + "fields:\n  - {name: a, label: A}\n", "FORM005", "{name: a", "type"),
    ("list-not-mapping", F + "fields:\n  - just text\n", "FORM006", "just text", "mapping"),
    (
        "bad-min-value",
        F + "fields:\n  - {name: a, type: integer, label: A, min: ten}\n",
        "FORM006",
        "ten}",
        "number",
    ),
    (
        "bad-name",
        F + "fields:\n  - {name: Age, type: integer, label: A}\n",
        "FORM007",
        "Age",
        "Age",
    ),
    (
        "bad-choice-value",
        F + 'choices:\n  c:\n    - {value: "A b", label: x}\nfields: []\n',
        "FORM007",
        "A b",
        "A b",
    ),
    (
        "duplicate-name",
        F + "fields:\n  - {name: a, type: text, label: A}\n  - {name: a, type: text, label: B}\n",
        "FORM008",
        "a, type: text, label: B",
        "used twice",
    ),
    (
        "duplicate-across-repeat",
        F + "fields:\n  - {name: a, type: text, label: A}\n"
        "  - repeat: r\n    label: R\n    fields:\n      - {name: a, type: text, label: B}\n",
        "FORM008",
        "a, type: text, label: B",
        "unique",
    ),
    (
        "duplicate-choice",
        F + 'choices:\n  c:\n    - {value: "1", label: x}\n'
        '    - {value: "1", label: y}\nfields: []\n',
        "FORM009",
        '1", label: y',
        "twice",
    ),
    (
        "unknown-type",
        F + "fields:\n  - {name: a, type: integr, label: A}\n",
        "FORM010",
        "integr",
        "did you mean 'integer'",
    ),
    (
        "unknown-choice-list",
        F + YN + "fields:\n  - {name: a, type: select_one, label: A, choices: yes_no}\n",
        "FORM011",
        "yes_no",
        "yes_no",
    ),
    (
        "unknown-reference",
        F + "fields:\n  - {name: weight, type: decimal, label: W}\n"
        "  - {name: bmi, type: calculate, calculate: '${weigth} / 2'}\n",
        "FORM012",
        "${weigth}",
        "did you mean ${weight}",
    ),
    (
        "unknown-ref-in-label",
        F + "fields:\n  - {name: a, type: text, label: 'อายุ ${nme}'}\n",
        "FORM012",
        "{name: a",
        "${nme}",
    ),
    (
        "ref-to-group",
        F + "fields:\n  - group: g\n    label: G\n    fields:\n"
        "      - {name: a, type: text, label: A}\n  - {name: b, type: text, label: B, "
        "relevant: '${g} = 1'}\n",
        "FORM012",
        "${g}",
        "group",
    ),
    (
        "unknown-function",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "  - {name: b, type: calculate, calculate: 'sqrt(${a})'}\n",
        "FORM013",
        "sqrt",
        "unknown function sqrt()",
    ),
    (
        "wrong-arity",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "  - {name: b, type: calculate, calculate: 'if(${a} > 1, 2)'}\n",
        "FORM014",
        "if(",
        "if",
    ),
    (
        "aggregate-not-repeat",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "  - {name: b, type: calculate, calculate: 'sum(${a}, 1)'}\n",
        "FORM014",
        "sum(",
        "sum",
    ),
    (
        "syntax-error",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "  - {name: b, type: calculate, calculate: '${a} + * 2'}\n",
        "FORM015",
        "* 2",
        "calculate",
    ),
    (
        "unterminated-string",
        F + 'fields:\n  - {name: a, type: text, label: A, constraint: ". = \'x"}\n',
        "FORM015",
        "'x",
        "constraint",
    ),
    (
        "number-vs-text",
        F + "fields:\n  - {name: age, type: integer, label: A}\n"
        "  - {name: b, type: text, label: B, relevant: \"${age} > '5'\"}\n",
        "FORM016",
        "> '5'",
        "number",
    ),
    (
        "unquoted-version",
        "form: {id: t, version: 2565.10}\nfields: []\n",
        "FORM006",
        "2565.10",
        "quote the version",
    ),
    (
        "dot-vs-text",
        F + "fields:\n  - {name: age, type: integer, label: A, constraint: \". < '120'\"}\n",
        "FORM016",
        "< '120'",
        "number",
    ),
    (
        "cycle",
        F + "fields:\n  - {name: a, type: calculate, calculate: '${b} + 1'}\n"
        "  - {name: b, type: calculate, calculate: '${a} + 1'}\n",
        "FORM017",
        "{name: a",
        "a -> b -> a",
    ),
    (
        "cycle-via-relevant",
        F + "fields:\n  - {name: a, type: integer, label: A, relevant: "
        "'${c} > 1'}\n  - {name: c, type: calculate, calculate: 'coalesce(${a}, 0)'}\n",
        "FORM017",
        "{name: a",
        "depend on each other",
    ),
    (
        "unknown-dimension",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "dimensions:\n  - {id: health, label: H}\nindicators:\n  - {id: i1, dimension: helth, "
        "label: I, pass: '${a} > 1'}\n",
        "FORM018",
        "helth",
        "did you mean 'health'",
    ),
    (
        "over-not-repeat",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "dimensions:\n  - {id: d, label: D}\nindicators:\n  - {id: i1, dimension: d, label: I, "
        "unit: person, over: a, pass: 'true'}\n",
        "FORM019",
        "a, pass",
        "not a repeat",
    ),
    (
        "person-without-over",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "dimensions:\n  - {id: d, label: D}\nindicators:\n  - {id: i1, dimension: d, label: I, "
        "unit: person, pass: 'true'}\n",
        "FORM020",
        "{id: i1",
        "over",
    ),
    (
        "duplicate-yaml-key",
        F + "fields:\n  - name: a\n    type: text\n    label: A\n    type: integer\n",
        "FORM022",
        ("type", 1),
        "twice",
    ),
    (
        "choices-on-text",
        F + YN + "fields:\n  - {name: a, type: select_one, label: A}\n",
        "FORM023",
        "{name: a",
        "choices",
    ),
    (
        "missing-choice-file",
        F + "choices:\n  v:\n    file: nowhere.csv\nfields: []\n",
        "FORM024",
        "nowhere.csv",
        "nowhere.csv",
    ),
    (
        "bad-special",
        F + "fields:\n  - {name: a, type: integer, label: A, special: [dont_kno]}\n",
        "FORM025",
        "[dont_kno]",
        "dont_know",
    ),
    (
        "key-wrong-type",
        F + "fields:\n  - {name: a, type: integer, label: A, pattern: '[0-9]+'}\n",
        "FORM026",
        "pattern",
        "pattern",
    ),
    (
        "bad-regex",
        F + "fields:\n  - {name: a, type: text, label: A, pattern: '[0-9'}\n",
        "FORM027",
        "[0-9'}",
        "pattern",
    ),
    (
        "repeat-field-outside",
        F + "fields:\n  - repeat: m\n    label: M\n    fields:\n"
        "      - {name: age, type: integer, label: A}\n  - {name: b, type: calculate, "
        "calculate: '${age} + 1'}\n",
        "FORM028",
        "${age} + 1",
        "aggregate",
    ),
    (
        "current-outside-constraint",
        F + "fields:\n  - {name: a, type: integer, label: A, relevant: '. > 1'}\n",
        "FORM029",
        ". > 1",
        "'.'",
    ),
    (
        "bare-name",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "  - {name: b, type: calculate, calculate: 'a + 1'}\n",
        "FORM030",
        "a + 1",
        "${a}",
    ),
    (
        "position-outside-repeat",
        F + "fields:\n  - {name: b, type: calculate, calculate: 'position()'}\n",
        "FORM031",
        "position()",
        "position",
    ),
    (
        "nested-too-deep",
        F + "fields:\n  - repeat: a\n    label: A\n    fields:\n"
        "      - repeat: b\n        label: B\n        fields:\n          - repeat: c\n"
        "            label: C\n            fields:\n              - {name: x, type: text, "
        "label: X}\n",
        "FORM032",
        "repeat: c",
        "inside another repeat",
    ),
    (
        "setting-unknown-field",
        'form: {id: t, version: "1", area: village}\nfields:\n'
        "  - {name: a, type: text, label: A}\n",
        "FORM034",
        "village",
        "village",
    ),
    (
        "min-over-max",
        F + "fields:\n  - {name: a, type: integer, label: A, min: 10, max: 1}\n",
        "FORM035",
        "10, max",
        "greater",
    ),
    (
        "yaml-boolean-label",
        F + "choices:\n  yn:\n    - {value: '2', label: {th: ไม่, en: No}}\nfields: []\n",
        "FORM036",
        "No}",
        "quote",
    ),
    (
        "unknown-language",
        F + "fields:\n  - {name: a, type: text, label: {th: ก, fr: A}}\n",
        "FORM037",
        "fr:",
        "fr",
    ),
    (
        "duplicate-indicator",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "dimensions:\n  - {id: d, label: D}\nindicators:\n"
        "  - {id: i1, number: 1, dimension: d, label: I, pass: 'true'}\n"
        "  - {id: i1, number: 2, dimension: d, label: J, pass: 'true'}\n",
        "FORM038",
        ("{id: i1", 1),
        "i1",
    ),
    (
        "bad-calendar",
        'form: {id: t, version: "1", calendar: julian}\nfields: []\n',
        "FORM039",
        "julian",
        "buddhist",
    ),
    (
        "empty-group",
        F + "fields:\n  - {group: g, label: G, fields: []}\n",
        "FORM040",
        "{group: g",
        "no fields",
    ),
    (
        "bad-unit",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "dimensions:\n  - {id: d, label: D}\nindicators:\n  - {id: i1, dimension: d, label: I, "
        "unit: village, pass: 'true'}\n",
        "FORM041",
        "village",
        "household or person",
    ),
    (
        "bad-default",
        F + "fields:\n  - {name: a, type: integer, label: A, default: many}\n",
        "FORM042",
        "many",
        "default",
    ),
    (
        "select-literal-not-a-choice",
        F + YN + "fields:\n  - {name: q, type: select_one, "
        "label: Q, choices: yn}\n  - {name: r, type: text, label: R, relevant: \"${q} = '3'\"}\n",
        "FORM043",
        "'3'",
        "'3'",
    ),
    (
        "class-rule-last-class-with-a-threshold",
        F + "fields:\n  - {name: a, type: integer, label: A}\n"
        "dimensions:\n  - {id: d, label: D}\nindicators:\n  - {id: i1, dimension: d, label: I, "
        "pass: '${a} > 1', levels: {serious: '${a} < 0'}}\nclasses:\n"
        "  - {class: 1, label: L, serious_at_least: 1}\n"
        "  - {class: 2, label: M, problems_at_least: 1}\n",
        "FORM049",
        "{class: 2",
        "takes no threshold",
    ),
]


Where = str | tuple[str, int] | tuple[int, int]


def locate(text: str, where: Where) -> tuple[int, int]:
    """The 1-based line and column of `where` in `text`."""
    if isinstance(where, tuple) and isinstance(where[0], int):
        return where[0], int(where[1])
    anchor, skip = (where, 0) if isinstance(where, str) else (str(where[0]), int(where[1]))
    anchor = anchor.replace("\\t", "\t")
    index = -1
    for _ in range(skip + 1):
        index = text.index(anchor, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize(
    ("text", "code", "where", "fragment"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_broken_form_is_refused_at_the_right_place(
    text: str, code: str, where: Where, fragment: str
) -> None:
    form, problems = analyse_text(text, "broken.yaml")
    assert form is None
    found = [p for p in problems if p.code == code]
    assert found, [p.format() for p in problems]
    first = found[0]
    assert (first.line, first.col) == locate(text, where), first.format()
    assert fragment in first.message
    assert first.file == "broken.yaml"


def test_the_catalogue_has_at_least_thirty_kinds() -> None:
    assert len(CASES) >= 30
    assert len({c[2] for c in CASES}) >= 30


def test_every_error_code_in_the_catalogue_is_exercised() -> None:
    errors = {code for code, entry in CATALOGUE.items() if entry.severity == "error"}
    file_level = {"FORM002", "FORM045"}  # exercised by file tests (here, test_portable.py)
    assert errors - file_level - {c[2] for c in CASES} == set()


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    problems = check_file(tmp_path / "nowhere.yaml")
    assert [p.code for p in problems] == ["FORM002"]
    assert "no such file" in problems[0].message


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tis620.yaml"
    path.write_bytes("fields: []\nlabel: ภาษาไทย\n".encode("cp874"))
    problems = check_file(path)
    assert [p.code for p in problems] == ["FORM002"]
    assert "UTF-8" in problems[0].message


def test_all_problems_are_reported_at_once() -> None:
    text = F + textwrap.dedent("""\
        fields:
          - {name: a, type: integr, label: A}
          - {name: B, type: text, label: B}
          - {name: c, type: calculate, calculate: '${zz} + 1'}
          - {name: d, type: text, label: D, requried: true}
        """)
    with pytest.raises(FormError) as info:
        load_form_text(text, "many.yaml")
    codes = [p.code for p in info.value.problems]
    assert {"FORM010", "FORM007", "FORM012", "FORM004"} <= set(codes)
    assert "many.yaml:3:" in str(info.value)
