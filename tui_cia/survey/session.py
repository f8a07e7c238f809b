"""FormSession: the pure runtime of one record (answers, relevance, checks, repeats)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tui_cia.errors import AnswerProblem, answer_problem
from tui_cia.survey import validate
from tui_cia.survey.classes import Classified, classify
from tui_cia.survey.completion import CompletionProblem, completion_problems, confirmed_warnings
from tui_cia.survey.fieldpath import FieldPath as Path
from tui_cia.survey.fieldpath import path_str
from tui_cia.survey.indicators import IndicatorResult, evaluate_indicators
from tui_cia.survey.navigate import Navigator, Route
from tui_cia.survey.recalc import Recalculator, apply_defaults, form_runtime
from tui_cia.survey.recorddata import DataProblem, load_data, to_data
from tui_cia.survey.schema import Choice, Container, Field, Form, Item, Repeat
from tui_cia.survey.state import Instance, Scope, gated_open, owner_instance
from tui_cia.survey.types import InvalidAnswer, Special, format_value, parse_typed

_INTERPOLATION = re.compile(r"\$\{([a-z][a-z0-9_]*)\}")


@dataclass
class AnswerResult:
    """What happened to an answer: stored, refused with a problem, or awaiting confirmation."""

    ok: bool
    value: Any = None
    problem: AnswerProblem | None = None
    needs_confirmation: bool = False


class FormSession:
    """One record being filled: every operation the entry screen and importers need."""

    def __init__(
        self,
        form: Form,
        *,
        lang: str | None = None,
        today: dt.date | None = None,
        carry: dict[str, Any] | None = None,
        fresh: bool = True,
        new_id: Callable[[], str] | None = None,
    ) -> None:
        self.form = form
        self.new_id = new_id  # makes repeat instance ids (random unless given: the sample)
        self.lang = lang or form.settings.default_language
        self.today = today or dt.date.today()
        self.infos = form_runtime(form).infos
        self.root = Instance()
        self.version = 0
        self.confirmed: set[str] = set()
        self.recalc = Recalculator(self)
        self.nav = Navigator(self)
        self.route = Route(self)
        if fresh:
            self._start(carry or {})

    def _start(self, carry: dict[str, Any]) -> None:
        for item in self.form.fields():
            if item.carry and item.repeat is None and carry.get(item.name) is not None:
                self.root.values[item.name] = carry[item.name]
        apply_defaults(self, self.form.root, self.root)
        for rep in self.form.repeats():
            if rep.repeat is None and rep.count is None:
                for _ in range(rep.min or 0):
                    self.new_instance(rep, self.root, None, propagate=False)
        self.recalc.init_all()

    @classmethod
    def from_data(
        cls,
        form: Form,
        data: dict[str, Any],
        *,
        lang: str | None = None,
        today: dt.date | None = None,
    ) -> tuple[FormSession, list[DataProblem]]:
        """A session over existing record data (no defaults), and values that did not fit."""
        return load_data(form, data, lang=lang, today=today)

    def to_data(self, *, complete: bool = False, ids: bool = False) -> dict[str, Any]:
        """FORMS-SPEC section 8 data; `complete` leaves out answers that are not relevant."""
        return to_data(self, complete=complete, ids=ids)

    def may_affect_completion(self, name: str, cleared: bool) -> bool:
        """Whether changing `name` can turn a complete record incomplete (else no recheck)."""
        return cleared or name in form_runtime(self.form).rechecks

    def completion_problems(self, *, required: bool = True) -> list[CompletionProblem]:
        return completion_problems(self, required=required)

    def confirmed_warnings(self) -> list[tuple[Path, AnswerProblem]]:
        return confirmed_warnings(self)

    def indicator_results(self) -> list[IndicatorResult]:
        return evaluate_indicators(self)

    def failing_indicators(self) -> list[IndicatorResult]:
        return [r for r in evaluate_indicators(self) if r.outcome == "fail"]

    def development_class(self) -> Classified:
        """The record's class by the form's `classes:` rule, from its indicator levels."""
        return classify(self.form.classes, [r.level for r in evaluate_indicators(self)])

    # -- locating ---------------------------------------------------------------------------
    def locate(self, path: Path) -> tuple[Item, Instance]:
        """The item a path names and the instance that holds its value; KeyError if none."""
        inst = self.root
        parts = tuple(path)
        while len(parts) > 1:
            rep, index = parts[0], parts[1]
            instances = inst.repeats.get(str(rep), [])
            if not isinstance(index, int) or not 0 <= index < len(instances):
                raise KeyError(path_str(path))
            inst, parts = instances[index], parts[2:]
        item = self.form.items.get(str(parts[0])) if parts else None
        if item is None or self.infos[item.name].owner != inst.repeat:
            raise KeyError(path_str(path))
        return item, inst

    def field_at(self, path: Path) -> tuple[Field, Instance]:
        item, holder = self.locate(path)
        if not isinstance(item, Field):
            raise KeyError(path_str(path))
        return item, holder

    # -- reading ----------------------------------------------------------------------------
    def raw(self, path: Path) -> Any:
        """The stored answer, special answers included (None when blank)."""
        item, holder = self.locate(path)
        return holder.values.get(item.name)

    def value(self, path: Path) -> Any:
        """The answer as expressions see it: None when blank, special or not relevant."""
        item, holder = self.locate(path)
        return Scope(self, holder).value(item.name)

    def display(self, path: Path) -> str:
        item, holder = self.locate(path)
        kind = item.type if isinstance(item, Field) else "text"
        return format_value(kind, holder.values.get(item.name), self.form.settings.calendar)

    def is_relevant(self, path: Path) -> bool:
        item, holder = self.locate(path)
        if not gated_open(self.infos[item.name], holder):
            return False
        node = holder
        while node.repeat is not None and node.parent is not None:
            info = self.infos[node.repeat]
            if not gated_open(info, node.parent):
                return False
            node = node.parent
        return True

    def choices(self, path: Path) -> list[Choice]:
        """The choices offered for a select, after its choice_filter."""
        item, holder = self.field_at(path)
        if item.choices is None:
            return []
        return [c for c in item.choices.choices if validate.choice_allowed(self, item, holder, c)]

    def label(self, path: Path) -> str:
        item, holder = self.locate(path)
        return self.interpolate(item.label.get(self.lang), holder, self.lang)

    def hint(self, path: Path) -> str:
        item, holder = self.locate(path)
        return self.interpolate(item.hint.get(self.lang), holder, self.lang)

    def interpolate(self, text: str, holder: Instance, lang: str) -> str:
        """Replace each `${name}` in a text with that answer as shown to people."""
        if "${" not in text:
            return text
        scope = Scope(self, holder)

        def shown(match: re.Match[str]) -> str:
            name = match.group(1)
            value = scope.value(name)
            if value is None:
                return "…"
            item = self.form.items.get(name)
            if isinstance(item, Field) and item.choices is not None:
                return str(scope.label(name, value))
            kind = item.type if isinstance(item, Field) else "text"
            return format_value(kind, value, self.form.settings.calendar)

        return _INTERPOLATION.sub(shown, text)

    def instance_name(self) -> str:
        expr = self.form.settings.instance_name
        if expr is None:
            return ""
        value = expr.run(Scope(self, self.root))
        return "" if value is None else str(value)

    # -- answering --------------------------------------------------------------------------
    def check(self, path: Path, text: str) -> AnswerResult:
        """Parse and check typed text without storing it."""
        item, holder = self.field_at(path)
        try:
            value = parse_typed(item.type, text, self.form.settings.calendar)
        except InvalidAnswer as exc:
            return AnswerResult(False, problem=exc.problem)
        problem = validate.check_answer(self, item, holder, value)
        return AnswerResult(problem is None, value, problem)

    def enter(self, path: Path, text: str, *, confirm: bool = False) -> AnswerResult:
        """Typed text as the answer: parsed, checked, and stored when it passes."""
        result = self.check(path, text)
        if not result.ok:
            return result
        return self.set_value(path, result.value, confirm=confirm)

    def set_special(self, path: Path, name: str) -> AnswerResult:
        return self.set_value(path, Special(name))

    def clear(self, path: Path) -> AnswerResult:
        return self.set_value(path, None)

    def set_value(self, path: Path, value: Any, *, confirm: bool = False) -> AnswerResult:
        """Store an already-typed value after every check; `confirm` accepts a failing warn."""
        item, holder = self.field_at(path)
        if not item.editable:
            return AnswerResult(False, value, answer_problem("read_only"))
        problem = validate.check_answer(self, item, holder, value)
        if problem is not None:
            return AnswerResult(False, value, problem)
        key = path_str(path)
        warning = validate.warn_problem(self, item, holder, value)
        if warning is not None and not confirm:
            return AnswerResult(False, value, warning, needs_confirmation=True)
        if warning is not None:
            self.confirmed.add(key)
        else:
            self.confirmed.discard(key)
        self.store(item, holder, value)
        return AnswerResult(True, value, warning)

    def store(self, item: Field, holder: Instance, value: Any) -> None:
        """Put a value in place and bring everything that depends on it up to date."""
        old = holder.values.get(item.name)
        if type(old) is type(value) and old == value:
            return
        if value is None:
            holder.values.pop(item.name, None)
        else:
            holder.values[item.name] = value
        self.recalc.propagate(item.name, holder)

    # -- repeats ----------------------------------------------------------------------------
    def _repeat_at(self, repeat_path: Path) -> tuple[Repeat, Instance]:
        item, holder = self.locate(repeat_path)
        if not isinstance(item, Repeat):
            raise KeyError(path_str(repeat_path))
        return item, holder

    def instances(self, repeat_path: Path) -> list[Instance]:
        item, holder = self._repeat_at(repeat_path)
        return holder.repeats.get(item.name, [])

    def instance_count(self, repeat_path: Path) -> int:
        return len(self.instances(repeat_path))

    def can_add(self, repeat_path: Path) -> AnswerProblem | None:
        item, holder = self._repeat_at(repeat_path)
        if item.count is not None:
            return answer_problem("repeat_count")
        if item.max is not None and len(holder.repeats.get(item.name, [])) >= item.max:
            return answer_problem("repeat_max", n=item.max)
        return None

    def can_remove(self, repeat_path: Path) -> AnswerProblem | None:
        item, _ = self._repeat_at(repeat_path)
        return answer_problem("repeat_count") if item.count is not None else None

    def new_instance(
        self, item: Repeat, holder: Instance, at: int | None, *, propagate: bool = True
    ) -> Instance:
        """Create an instance (defaults applied, calculations run) at position `at`."""
        instances = holder.repeats.setdefault(item.name, [])
        inst = Instance(item.name, holder, self.new_id() if self.new_id else None)
        instances.insert(len(instances) if at is None else at, inst)
        _renumber(instances)
        self.version += 1
        apply_defaults(self, item, inst)
        for rep in (c for c in item.walk() if isinstance(c, Repeat)):
            if rep.repeat is item and rep.count is None:
                for _ in range(rep.min or 0):
                    self.new_instance(rep, inst, None, propagate=False)
        self.recalc.init_instance(inst)
        if propagate:
            self.recalc.propagate(item.name, holder)
        return inst

    def add_instance(self, repeat_path: Path, at: int | None = None) -> int:
        """Add an instance (at the end, or before position `at`); returns its index."""
        problem = self.can_add(repeat_path)
        if problem is not None:
            raise ValueError(problem.message("en"))
        item, holder = self._repeat_at(repeat_path)
        return self.new_instance(item, holder, at).index

    def remove_instance(self, repeat_path: Path, index: int) -> None:
        problem = self.can_remove(repeat_path)
        if problem is not None:
            raise ValueError(problem.message("en"))
        item, holder = self._repeat_at(repeat_path)
        instances = holder.repeats.get(item.name, [])
        del instances[index]
        _renumber(instances)
        self.version += 1
        self._forget_confirmations(path_str((*repeat_path,)))
        self.recalc.propagate(item.name, holder)

    def move_instance(self, repeat_path: Path, index: int, to: int) -> None:
        item, holder = self._repeat_at(repeat_path)
        instances = holder.repeats.get(item.name, [])
        instances.insert(to, instances.pop(index))
        _renumber(instances)
        self.version += 1
        self._forget_confirmations(path_str((*repeat_path,)))
        self.recalc.propagate(item.name, holder)

    def _forget_confirmations(self, prefix: str) -> None:
        # Instance positions shifted, so confirmations keyed by position no longer apply.
        self.confirmed = {c for c in self.confirmed if not c.startswith(prefix + "[")}

    def instance_label(self, repeat_path: Path, index: int) -> str:
        item, holder = self._repeat_at(repeat_path)
        inst = holder.repeats.get(item.name, [])[index]
        if item.instance_label is None:
            return f"{item.label.get(self.lang) or item.name} {index + 1}"
        value = item.instance_label.run(Scope(self, inst))
        return str(value) if value not in (None, "") else f"{index + 1}"

    # -- walking ----------------------------------------------------------------------------
    def walk(self, *, relevant_only: bool = True) -> Iterator[tuple[Path, Item, Instance]]:
        """Every item of the record in form order, with its path and holding instance."""
        yield from self._walk(self.form.root, self.root, (), relevant_only)

    def _walk(
        self, container: Container, holder: Instance, prefix: Path, relevant_only: bool
    ) -> Iterator[tuple[Path, Item, Instance]]:
        for child in container.children:
            if relevant_only and not holder.relevant.get(child.name, True):
                continue
            yield (*prefix, child.name), child, holder
            if isinstance(child, Repeat):
                for i, inst in enumerate(holder.repeats.get(child.name, [])):
                    yield from self._walk(child, inst, (*prefix, child.name, i), relevant_only)
            elif isinstance(child, Container):
                yield from self._walk(child, holder, prefix, relevant_only)

    def owner_of(self, name: str, inst: Instance) -> Instance | None:
        return owner_instance(inst, self.infos[name].owner)


def _renumber(instances: list[Instance]) -> None:
    for i, inst in enumerate(instances):
        inst.index = i
