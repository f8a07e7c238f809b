"""A record as data (FORMS-SPEC section 8): written from a session and read back into one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui_cia.errors import AnswerProblem, answer_problem
from tui_cia.survey.fieldpath import FieldPath, path_str
from tui_cia.survey.schema import Container, Field, Form, Group, Item, Repeat
from tui_cia.survey.state import Instance
from tui_cia.survey.types import InvalidAnswer, from_json, to_json

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession

ID_PATTERN = re.compile(r"[0-9a-z]{1,32}")


@dataclass
class DataProblem:
    """A value in record data that the form does not accept."""

    path: FieldPath
    problem: AnswerProblem

    @property
    def where(self) -> str:
        return path_str(self.path)


INSTANCE_ID = "_id"


def to_data(session: FormSession, *, complete: bool = False, ids: bool = False) -> dict[str, Any]:
    """The answers as JSON-ready data; a complete record leaves out non-relevant answers.

    With `ids`, each repeat instance also carries its stable id under "_id" (an extension of
    FORMS-SPEC section 8 that storage and bundles use to follow a member through edits).
    """
    return _container(session.form.root, session.root, complete, ids)


def _container(container: Container, holder: Instance, complete: bool, ids: bool) -> dict[str, Any]:
    out: dict[str, Any] = {INSTANCE_ID: holder.iid} if ids and holder.repeat else {}
    for child in container.children:
        if complete and not holder.relevant.get(child.name, True):
            continue
        if isinstance(child, Repeat):
            instances = holder.repeats.get(child.name, [])
            if instances:
                out[child.name] = [_container(child, inst, complete, ids) for inst in instances]
        elif isinstance(child, Container):
            out.update(_container(child, holder, complete, ids))
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
    _fill(form.root, session.root, data, (), problems, scopes_of(form))
    session.recalc.init_all()
    return session, problems


def data_problems(form: Form, data: Any) -> list[DataProblem]:
    """What `load_data` would report about `data`, without building a session: unknown
    fields, values of the wrong type, malformed repeats and instance ids."""
    problems: list[DataProblem] = []
    _fill(form.root, None, data, (), problems, scopes_of(form))
    return problems


def written_alike(ours: Any, theirs: Any) -> bool:
    """Whether two JSON values are written alike: equal, of the same types throughout
    (`1` is not `1.0`, `0.0` is not `-0.0`), their keys in the same order."""
    if ours is theirs:
        return True
    kind = type(ours)
    if kind is not type(theirs):
        return False
    if kind is list:
        return len(ours) == len(theirs) and all(map(written_alike, ours, theirs))
    if kind is dict:
        return list(ours) == list(theirs) and all(
            map(written_alike, ours.values(), theirs.values())
        )
    if kind is float:
        return bool(ours.hex() == theirs.hex())
    return bool(ours == theirs)


class _Anything:
    """The marker type of calculations: any value is theirs."""


# A value of these types that has this Python type is its own answer: no closer look.
_PLAIN = {"integer": int, "text": str, "select_one": str, "decimal": float, "calculate": _Anything}
Scopes = dict[int, dict[str, tuple[Item, type | None]]]


def scopes_of(form: Form) -> Scopes:
    """For each container (by id), its items with the Python type a plain value of each has;
    computed once per form."""
    if form.data_scopes is None:
        form.data_scopes = {
            id(c): {
                name: (item, _PLAIN.get(item.type) if isinstance(item, Field) else None)
                for name, item in _scope_items(c).items()
            }
            for c in [form.root, *form.repeats()]
        }
    return form.data_scopes  # type: ignore[no-any-return]


def is_plain(entry: tuple[Item, type | None] | None, raw: Any) -> bool:
    """Whether `raw` is taken as it is: its field's plain type (checked inline first, the
    common case), or any non-container value of a calculation."""
    return entry is not None and (
        type(raw) is entry[1] or (entry[1] is _Anything and type(raw) not in (dict, list))
    )


def _fill(
    container: Container,
    holder: Instance | None,
    data: Any,
    prefix: FieldPath,
    problems: list[DataProblem],
    scopes: Scopes,
) -> None:
    """Put `data` into `holder` (only check it when None), noting every value that does not
    fit; a plain value of the right type is taken as it is."""
    if not isinstance(data, dict):
        problems.append(DataProblem(prefix, answer_problem("wrong_type", expected="an object")))
        return
    plan = scopes[id(container)]
    for key, raw in data.items():
        entry = plan.get(key)
        if (entry is not None and type(raw) is entry[1]) or is_plain(entry, raw):
            if holder is not None:
                holder.values[key] = raw
            continue
        path = (*prefix, key)
        item = entry[0] if entry is not None else None
        if key == INSTANCE_ID and isinstance(container, Repeat):
            _fill_id(holder, raw, path, problems)
        elif item is None or (isinstance(item, Field) and item.type == "note"):
            problems.append(DataProblem(path, answer_problem("unknown_field", name=key)))
        elif isinstance(item, Repeat):
            _fill_repeat(item, holder, raw, path, problems, scopes)
        else:
            _fill_value(item, holder, raw, path, problems)


def _fill_id(
    holder: Instance | None, raw: Any, path: FieldPath, problems: list[DataProblem]
) -> None:
    if not (isinstance(raw, str) and ID_PATTERN.fullmatch(raw)):
        problems.append(DataProblem(path, answer_problem("instance_id")))
    elif holder is not None:
        holder.iid = raw


def _fill_value(
    item: Item, holder: Instance | None, raw: Any, path: FieldPath, problems: list[DataProblem]
) -> None:
    assert isinstance(item, Field)
    try:
        value = from_json(item.type, raw)
    except InvalidAnswer as exc:
        problems.append(DataProblem(path, exc.problem))
        return
    if value is not None and holder is not None:
        holder.values[item.name] = value


def _fill_repeat(
    item: Repeat,
    holder: Instance | None,
    raw: Any,
    path: FieldPath,
    problems: list[DataProblem],
    scopes: Scopes,
) -> None:
    if not isinstance(raw, list):
        problems.append(DataProblem(path, answer_problem("wrong_type", expected="a list")))
        return
    instances = holder.repeats.setdefault(item.name, []) if holder is not None else []
    for index, entry in enumerate(raw):
        inst = None
        if holder is not None:
            inst = Instance(item.name, holder)
            inst.index = index
            instances.append(inst)
        _fill(item, inst, entry, (*path, index), problems, scopes)
