"""XLSForm import: an XLSForm workbook to a tui-cia YAML form, with what did not map listed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from tui_cia.errors import Problem
from tui_cia.survey.xlsform.convert import Converter
from tui_cia.survey.xlsform.reader import XlsFormError, read_workbook
from tui_cia.survey.xlsform.rows import form_tree

__all__ = ["Conversion", "XlsFormError", "convert_xlsform", "import_xlsform"]


@dataclass(frozen=True)
class Conversion:
    """The YAML text, the notes for the author, and the form check's problems with it."""

    yaml_text: str
    notes: list[str]
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def convert_xlsform(path: Path, out_name: str | None = None) -> Conversion:
    """Convert FORM.xlsx; `out_name` is the YAML file name the form check's problems name."""
    from tui_cia.survey.loader import analyse_text

    conv = Converter(read_workbook(path), path.name, path.stem)
    tree = form_tree(conv)
    body = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=100)
    head = [f"# Converted from {path.name} by `tui-cia forms import-xlsform`."]
    if conv.notes:
        head.append("# Notes from the conversion (check each by hand):")
        head += [f"#   {note}" for note in conv.notes]
    text = "\n".join(head) + "\n\n" + body
    name = out_name or path.with_suffix(".yaml").name
    _, problems = analyse_text(text, name, base_dir=path.parent)
    return Conversion(text, conv.notes, problems)


def import_xlsform(
    path: Path, out: Path | None = None, force: bool = False
) -> tuple[Path, Conversion]:
    """Convert FORM.xlsx, write FORM.yaml beside it (or `out`); never overwrite unless `force`."""
    target = out or path.with_suffix(".yaml")
    if target.exists() and not force:
        raise XlsFormError(f"{target} exists: give --force to replace it, or --out another file")
    conversion = convert_xlsform(path, target.name)
    target.write_text(conversion.yaml_text, encoding="utf-8")
    return target, conversion
