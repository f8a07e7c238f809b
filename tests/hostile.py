"""A catalogue of hostile inputs: forms, choice files, records and keymaps built to hang,
exhaust memory or crash a reader. Each case writes its files into a folder and names the
command that reads them; tests/test_hostile.py runs each in a child process with a time
limit and reads the child's peak memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEAD = 'form: {id: h, version: "1"}\n'
ONE_FIELD = "fields:\n  - {name: x, type: text, label: X}\n"


@dataclass(frozen=True)
class Case:
    """One hostile input: `build` writes it and returns the CLI arguments that read it;
    the command must exit with `code` and print `says` (a limit's name or a plain reason)."""

    name: str
    build: Callable[[Path], list[str]]
    says: str
    code: int = 1


def form_case(text: str | bytes, *extra: tuple[str, str | bytes]) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        for name, body in (("form.yaml", text), *extra):
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, encoding="utf-8")
        return ["forms", "check", str(folder / "form.yaml")]

    return build


def laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return HEAD + "\n".join(lines) + "\n" + ONE_FIELD


def many_aliases() -> str:
    big = "[" + ", ".join(["x"] * 5000) + "]"
    refs = "\n".join("  - *big" for _ in range(5000))
    return HEAD + f"base: &big {big}\nuses:\n{refs}\n" + ONE_FIELD


def deep_block(levels: int) -> str:
    lines = [("  " * i) + "a:" for i in range(levels)]
    return HEAD + "\n".join(lines) + " 1\n" + ONE_FIELD


def wide_form(fields: int) -> str:
    rows = "".join(f"  - {{name: f{i}, type: integer, label: F}}\n" for i in range(fields))
    return HEAD + "fields:\n" + rows


def choices_form(spec: str, field: str = "") -> str:
    return (
        HEAD
        + f"choices:\n  big: {spec}\n"
        + "fields:\n  - {name: x, type: select_one, choices: big, label: X"
        + field
        + "}\n"
    )


def big_choices_csv(rows: int) -> str:
    return "value,label\n" + "".join(f"v{i},ตัวเลือก {i}\n" for i in range(rows))


def expr_form(expression: str, key: str = "relevant") -> str:
    quoted = json.dumps(expression)
    return (
        HEAD
        + "fields:\n  - {name: x, type: integer, label: X}\n  - name: y\n"
        + (f"    type: integer\n    label: Y\n    {key}: {quoted}\n")
    )


def pattern_form(pattern: str) -> str:
    return (
        HEAD + f"fields:\n  - {{name: x, type: text, label: X, pattern: {json.dumps(pattern)}}}\n"
    )


SLOW = "(?:x|xx)+(?=y)"  # backtracks exponentially, in re and in regex alike


def record(data: dict[str, object], uuid_n: int = 1) -> str:
    envelope = {
        "uuid": f"0b7f3c1e-8d2a-4e5b-9c6d-{uuid_n:012x}",
        "form": "h",
        "version": "1",
        "status": "complete",
        "data": data,
    }
    return json.dumps(envelope, ensure_ascii=False)


IMPORT_FORM = (
    HEAD
    + "fields:\n"
    + "  - {name: code, type: text, label: C}\n"
    + "  - repeat: members\n    label: M\n    fields:\n"
    + "      - {name: n, type: text, label: N}\n"
)


def import_case(lines: str | bytes, form: str = IMPORT_FORM) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / "form.yaml").write_text(form, encoding="utf-8")
        data = folder / "records.jsonl"
        if isinstance(lines, bytes):
            data.write_bytes(lines)
        else:
            data.write_text(lines, encoding="utf-8")
        return ["--db", str(folder / "t.db"), "records", "import", "--form",
                str(folder / "form.yaml"), str(data)]  # fmt: skip

    return build


def csv_import_case(text: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / "form.yaml").write_text(IMPORT_FORM, encoding="utf-8")
        (folder / "records.csv").write_text(text, encoding="utf-8")
        return ["--db", str(folder / "t.db"), "records", "import", "--form",
                str(folder / "form.yaml"), str(folder / "records.csv")]  # fmt: skip

    return build


def slow_pattern_rows(rows: int) -> str:
    form_lines = [record({"code": "x" * 40 + "!", "members": []}, i) for i in range(rows)]
    return "\n".join(form_lines) + "\n"


def nested_members(depth: int) -> str:
    return '{"uuid": "0b7f3c1e-8d2a-4e5b-9c6d-000000000001", "data": ' + "[" * depth + "]" * depth
    # (no closing brace: the depth is what is hostile)


def villages_case(text: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / "villages.csv").write_text(text, encoding="utf-8")
        return ["--db", str(folder / "t.db"), "areas", "import", str(folder / "villages.csv")]

    return build


def many_villages(per_tambon: int) -> str:
    """Valid, distinct villages: `per_tambon` in each of the country's tambons."""
    tambons = Path(__file__).resolve().parents[1] / "forms" / "areas" / "tambons.csv"
    codes = [line.split(",")[0] for line in tambons.read_text(encoding="utf-8").splitlines()[1:]]
    lines = [f"{t}{v:02d},หมู่ {v},Moo {v},{t}" for t in codes for v in range(1, per_tambon + 1)]
    return "value,label_th,label_en,tambon\n" + "\n".join(lines) + "\n"


CASES: list[Case] = [
    # --- YAML of the form itself ---
    Case("billion_laughs", form_case(laughs()), "alias"),
    Case("many_aliases_to_a_big_list", form_case(many_aliases()), "alias"),
    Case("deep_flow_nesting", form_case(HEAD + "x: " + "[" * 100_000 + "]" * 100_000), "nesting"),
    Case("deep_block_nesting", form_case(deep_block(300)), "deep"),
    Case("form_file_too_big", form_case(HEAD + "# " + "x" * (9 * 1024 * 1024) + "\n"), "MiB"),
    Case("a_million_nodes", form_case(HEAD + "x: [" + "1," * 600_000 + "1]\n"), "nodes"),
    Case("not_utf8", form_case(b"form: {id: h}\n\xff\xfe\x00\x00garbage"), "UTF-8"),
    Case("nul_bytes", form_case(b"form:\x00\x00\x00\n"), "YAML"),
    Case("python_object_tag", form_case(HEAD + "x: !!python/object/apply:os.system [ls]\n"), "tag"),
    Case("huge_integer", form_case(HEAD + "x: " + "9" * 100_000 + "\n" + ONE_FIELD), "digits"),
    Case("many_duplicate_keys", form_case(HEAD + "a: 1\n" * 20_000 + ONE_FIELD), "more"),
    Case("six_thousand_fields", form_case(wide_form(6_000)), "fields"),
    # --- choices files ---
    Case(
        "choices_csv_of_a_million_rows",
        form_case(choices_form("{file: big.csv}"), ("big.csv", big_choices_csv(1_000_000))),
        "32 MiB",
    ),
    Case(
        "choices_csv_of_150_000_rows",
        form_case(choices_form("{file: big.csv}"), ("big.csv", big_choices_csv(150_000))),
        "choices",
    ),
    Case(
        "choices_csv_one_huge_field",
        form_case(choices_form("{file: big.csv}"), ("big.csv", "value,label\nv," + "ก" * 400_000)),
        "CSV",
    ),
    Case(
        "choices_file_is_a_device",
        form_case(choices_form("{file: zero.csv}")),  # the test links zero.csv to /dev/zero
        "regular file",
    ),
    Case("choices_path_escapes", form_case(choices_form("{file: ../../etc/passwd}")), "inside"),
    Case(
        "inline_choices_too_many",
        form_case(
            choices_form(
                "[" + ", ".join(f"{{value: v{i}, label: L}}" for i in range(120_000)) + "]"
            )
        ),
        "nodes",
    ),
    # --- expressions and patterns ---
    Case("huge_parentheses", form_case(expr_form("(" * 50_000 + "1" + ")" * 50_000)), "long"),
    Case("deep_parentheses", form_case(expr_form("(" * 2_000 + "1" + ")" * 2_000)), "nested"),
    Case("long_expression", form_case(expr_form("+".join(["1"] * 40_000))), "long"),
    Case("slow_pattern", form_case(pattern_form(SLOW)), "backtrack"),
    Case(
        "slow_regex_call",
        form_case(expr_form(f"regex(${{x}}, '{SLOW}')", "constraint").replace("${x}", ".")),
        "backtrack",
    ),
    Case("pattern_too_long", form_case(pattern_form("a" * 20_000)), "long"),
    # --- repeats and lengths ---
    Case(
        "huge_repeat_bounds",
        form_case(
            HEAD + "fields:\n  - repeat: r\n    label: R\n    min: 1000000000\n    fields:\n"
            "      - {name: n, type: text, label: N}\n"
        ),
        "instances",
    ),
    Case(
        "huge_text_length",
        form_case(
            HEAD + "fields:\n  - {name: x, type: text, label: X, length: [0, 999999999999]}\n"
        ),
        "characters",
    ),
    # --- records to import ---
    Case(
        "import_600_rows_against_a_slow_pattern",
        import_case(
            slow_pattern_rows(600), IMPORT_FORM.replace("label: C}", "label: C, pattern: '(x+)+y'}")
        ),
        "",
        code=1,
    ),
    Case("import_a_line_of_20_mib", import_case(record({"code": "x" * (20 << 20)}) + "\n"), "MiB"),
    Case("import_deep_json", import_case(nested_members(100_000) + "\n"), "deep"),
    Case(
        "import_a_million_members",
        import_case(record({"code": "a", "members": [{"n": "a"}] * 200_000}) + "\n"),
        "At most 1000",
    ),
    Case(
        "import_huge_number",
        import_case(record({"code": "a"}).replace('"a"', "9" * 5000) + "\n"),
        "digits",
    ),
    Case("import_not_json", import_case(b"\x00\xff" * 1000 + b"\n"), "UTF-8"),
    Case("import_csv_huge_field", csv_import_case("code\n" + "x" * 400_000 + "\n"), "CSV"),
    # --- the office's village list ---
    Case("village_list_of_104_000_rows", villages_case(many_villages(14)), "100,000"),
    Case(
        "village_list_one_huge_name",
        villages_case("value,label_th\n16010401," + "ก" * 300_000),
        "row",
    ),
]
