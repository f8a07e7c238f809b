"""A record as data (FORMS-SPEC section 8): written from a session and read back into one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui_cia.errors import AnswerProblem, answer_problem
from tui_cia.survey.fieldpath import FieldPath, path_str
from tui_cia.survey.schema import Container, Field, Form, Group, Item, Repeat
from tui_cia.survey.state import Instance
from tui_cia.survey.types import InvalidAnswer, from_json, to_json

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession


@dataclass
class DataProblem:
    """A value in record data that the form does not accept."""

    path: FieldPath
    problem: AnswerProblem

    @property
    def where(self) -> str:
        return path_str(self.path)


def to_data(session: FormSession, *, complete: bool = False) -> dict[str, Any]:
    """The answers as JSON-ready data; a complete record leaves out non-relevant answers."""
    return _container(session.form.root, session.root, complete)


def _container(container: Container, holder: Instance, complete: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in container.children:
        if complete and not holder.relevant.get(child.name, True):
            continue
        if isinstance(child, Repeat):
            instances = holder.repeats.get(child.name, [])
            if instances:
                out[child.name] = [_container(child, inst, complete) for inst in instances]
        elif isinstance(child, Container):
            out.update(_container(child, holder, complete))
        elif isinstance(child, Field) and child.type != "note":
            value = holder.values.get(child.name)
            if value is not None:
                out[child.name] = to_json(value)
    return out


def _scope_items(container: Container) -> dict[str, Item]:
    """Fields and repeats whose values sit directly in this container's instance."""
    found: dict[str, Item] = {}
    for child in container.children:
        if isinstance(child, Group):
            found.update(_scope_items(child))
        else:
            found[child.name] = child
    return found


def load_data(
    form: Form, data: Any, *, lang: str | None = None, today: dt.date | None = None
) -> tuple[FormSession, list[DataProblem]]:
    """A session holding `data`, and every value that did not fit its field's type."""
    from tui_cia.survey.session import FormSession

    session = FormSession(form, lang=lang, today=today, fresh=False)
    problems: list[DataProblem] = []
    _fill(form.root, session.root, data, (), problems)
    session.recalc.init_all()
    return session, problems


def _fill(
    container: Container,
    holder: Instance,
    data: Any,
    prefix: FieldPath,
    problems: list[DataProblem],
) -> None:
    if not isinstance(data, dict):
        problems.append(DataProblem(prefix, answer_problem("wrong_type", expected="an object")))
        return
    items = _scope_items(container)
    for key, raw in data.items():
        item = items.get(key)
        path = (*prefix, key)
        if item is None or (isinstance(item, Field) and item.type == "note"):
            problems.append(DataProblem(path, answer_problem("unknown_field", name=key)))
        elif isinstance(item, Repeat):
            _fill_repeat(item, holder, raw, path, problems)
        else:
            _fill_value(item, holder, raw, path, problems)


def _fill_value(
    item: Item, holder: Instance, raw: Any, path: FieldPath, problems: list[DataProblem]
) -> None:
    assert isinstance(item, Field)
    try:
        value = from_json(item.type, raw)
    except InvalidAnswer as exc:
        problems.append(DataProblem(path, exc.problem))
        return
    if value is not None:
        holder.values[item.name] = value


def _fill_repeat(
    item: Repeat, holder: Instance, raw: Any, path: FieldPath, problems: list[DataProblem]
) -> None:
    if not isinstance(raw, list):
        problems.append(DataProblem(path, answer_problem("wrong_type", expected="a list")))
        return
    instances = holder.repeats.setdefault(item.name, [])
    for index, entry in enumerate(raw):
        inst = Instance(item.name, holder)
        inst.index = index
        instances.append(inst)
        _fill(item, inst, entry, (*path, index), problems)
