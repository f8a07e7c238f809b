"""Loading a form in stages: YAML, schema tree, expression checks, dependency graph."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tui_cia.errors import FormError, Problem
from tui_cia.survey import limits
from tui_cia.survey.build import TOP_KEYS, FormBuilder
from tui_cia.survey.build_levels import build_classes
from tui_cia.survey.checks import check_form
from tui_cia.survey.graph import build_graph
from tui_cia.survey.schema import Form, Group, Settings
from tui_cia.survey.yamlsrc import Pos, YList, YMap, load_located


def content_hash(text: str, attachments: dict[str, str] | None = None) -> str:
    """The hash stored with each record: the form's text and its choice files, line endings
    normalised, so that a change to a choice list is a change to the form."""
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8"))
    for name in sorted(attachments or {}):
        body = (attachments or {})[name].replace("\r\n", "\n")
        digest.update(f"\0{name}\0{body}".encode())
    return digest.hexdigest()


_UNREAD = {"FORM001", "FORM044"}  # the YAML was not read, or read only in part


def _sorted(problems: list[Problem]) -> list[Problem]:
    """The problems in file order; past PROBLEMS_SHOWN (errors kept before warnings), the
    rest are counted in one FORM048 note."""

    def order(p: Problem) -> tuple[int, int, str]:
        return (p.line, p.col, p.code)

    if len(problems) <= limits.PROBLEMS_SHOWN:
        return sorted(problems, key=order)
    ranked = sorted(problems, key=lambda p: (p.severity != "error", order(p)))
    shown, rest = ranked[: limits.PROBLEMS_SHOWN], ranked[limits.PROBLEMS_SHOWN :]
    shown.sort(key=order)
    errors = sum(p.severity == "error" for p in rest)
    last = shown[-1]
    note = f"{len(rest):,} more problems not shown ({errors:,} of them errors)"
    return [*shown, Problem("FORM048", note, last.file, last.line, last.col)]


def analyse_text(
    text: str,
    file: str = "<form>",
    base_dir: Path | None = None,
    files: dict[str, str] | None = None,
) -> tuple[Form | None, list[Problem]]:
    """Build a form from YAML text and report every problem; the form is None on any error."""
    problems: list[Problem] = []
    tree = load_located(text, file, problems)
    if tree is None and not problems:
        problems.append(
            Problem("FORM003", "the file is empty: a form needs form: and fields:", file, 1, 1)
        )
    if not isinstance(tree, YMap):
        if tree is not None:
            problems.append(
                Problem("FORM003", "a form is a mapping with form:, choices:, fields:", file, 1, 1)
            )
        return None, _sorted(problems)
    form = _build(tree, text, file, base_dir, problems, files)
    if any(p.severity == "error" for p in problems):
        return None, _sorted(problems)
    return form, _sorted(problems)


def _build(
    tree: YMap,
    text: str,
    file: str,
    base_dir: Path | None,
    problems: list[Problem],
    files: dict[str, str] | None,
) -> Form:
    builder = FormBuilder(file, base_dir, problems, files)
    builder.keys(tree, TOP_KEYS, "the top level")
    settings = _settings(builder, tree)
    choices = tree.get("choices")
    if choices is not None and builder.mapping(choices, tree.at("choices"), "choices:"):
        builder.choice_lists(choices)
    root = Group(name="", pos=tree.pos)
    fields = tree.get("fields")
    if fields is None:
        builder.report("FORM005", "a form needs 'fields:'", tree.pos)
    elif builder.sequence(fields, tree.at("fields"), "fields:") is not None:
        builder.items_of(fields, root)
    dims_seq = _seq(builder, tree, "dimensions")
    dims = builder.dimensions(dims_seq) if dims_seq is not None else []
    ind_seq = _seq(builder, tree, "indicators")
    indicators = builder.indicators(ind_seq, dims) if ind_seq is not None else []
    _check_unique_indicators(builder, indicators)
    classes_seq = _seq(builder, tree, "classes")
    classes = build_classes(builder, classes_seq, indicators) if classes_seq is not None else []
    form = Form(
        settings,
        root,
        builder.choices,
        dims,
        indicators,
        builder.items,
        source=text,
        path=Path(file) if file != "<form>" else None,
        content_hash=content_hash(text, builder.attachments),
        attachments=builder.attachments,
        classes=classes,
    )
    check_form(form, file, problems)
    form.graph = build_graph(form, file, problems)
    form.warnings = [p for p in problems if p.severity == "warning"]
    return form


def _settings(builder: FormBuilder, tree: YMap) -> Settings:
    node = tree.get("form")
    if node is None:
        builder.report("FORM005", "a form needs 'form:' with at least id and version", tree.pos)
        return Settings("form", "0")
    mapping = builder.mapping(node, tree.at("form"), "form:")
    return builder.settings(mapping) if mapping is not None else Settings("form", "0")


def _seq(builder: FormBuilder, tree: YMap, key: str) -> YList | None:
    if key not in tree:
        return None
    return builder.sequence(tree[key], tree.at(key), f"{key}:")


def _check_unique_indicators(builder: FormBuilder, indicators: list) -> None:  # type: ignore[type-arg]
    ids: dict[str, Pos] = {}
    numbers: dict[int, Pos] = {}
    for ind in indicators:
        for key, table in ((ind.id, ids), (ind.number, numbers)):
            if key is None:
                continue
            if key in table:
                builder.report(
                    "FORM038",
                    f"indicator {key} appears twice (first at line {table[key].line})",
                    ind.pos,
                    ind.id,
                )
            else:
                table[key] = ind.pos


def load_form_text(
    text: str,
    file: str = "<form>",
    base_dir: Path | None = None,
    files: dict[str, str] | None = None,
) -> Form:
    """A form from YAML text (choice files from `files` or beside it); raises FormError."""
    form, problems = analyse_text(text, file, base_dir, files)
    if form is None:
        raise FormError(problems)
    return form


def read_form_file(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of a form file, or why it cannot be read (no file, not a regular file,
    over the size limit, not UTF-8)."""
    refused = limits.refuse_to_read(path, limits.FORM_BYTES)
    if refused:
        return None, [
            Problem("FORM002" if "no such" in refused else "FORM044", refused, str(path), 0, 0)
        ]
    try:
        return path.read_text(encoding="utf-8"), []
    except FileNotFoundError:
        return None, [Problem("FORM002", "no such file", str(path), 0, 0)]
    except (UnicodeDecodeError, OSError) as exc:
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
        return None, [Problem("FORM002", f"cannot read the file: {reason}", str(path), 0, 0)]


def check_file(path: Path) -> list[Problem]:
    """Every problem of the form file at `path` (errors and warnings)."""
    text, problems = read_form_file(path)
    if text is None:
        return problems
    problems = analyse_text(text, str(path), path.parent)[1]
    if any(p.code in _UNREAD for p in problems):  # the YAML itself was not read
        return problems
    from tui_cia.survey.portable import portability_problems

    return _sorted(problems + portability_problems(text, str(path)))


def load_form(path: Path | str) -> Form:
    """The form file at `path`; raises FormError listing every error."""
    path = Path(path)
    text, problems = read_form_file(path)
    if text is None:
        raise FormError(problems)
    return load_form_text(text, str(path), path.parent)
