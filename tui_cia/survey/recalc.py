"""Incremental recalculation: after a change, recompute only what depends on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui_cia.survey.expr import truthy
from tui_cia.survey.schema import Container, Expr, Field, Form, Repeat
from tui_cia.survey.state import Instance, Scope, item_infos
from tui_cia.survey.types import Special

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession


def repeat_chains(form: Form) -> dict[str, tuple[str, ...]]:
    """For each item, the repeats (outermost first) whose instances hold its value."""
    chains: dict[str, tuple[str, ...]] = {}
    for name, item in form.items.items():
        chain = [a.name for a in item.ancestors() if isinstance(a, Repeat)]
        chains[name] = tuple(reversed(chain))
    return chains


def instance_path(inst: Instance) -> list[Instance]:
    """The repeat instances from the root's child down to `inst` (empty for the root)."""
    path: list[Instance] = []
    node: Instance | None = inst
    while node is not None and node.repeat is not None:
        path.append(node)
        node = node.parent
    return list(reversed(path))


def _same(old: Any, new: Any) -> bool:
    return type(old) is type(new) and old == new


class FormRuntime:
    """What every session of a form needs, computed once per form and shared."""

    def __init__(self, form: Form) -> None:
        self.infos = item_infos(form)
        self.chains = repeat_chains(form)
        self.rechecks = _rechecks(form)
        computed = form.graph.computed
        self.inside: dict[str, tuple[str, ...]] = {
            rep.name: tuple(n for n in computed if rep.name in self.chains[n])
            for rep in form.repeats()
        }


def _rechecks(form: Form) -> frozenset[str]:
    """Fields whose change can make another answer invalid, required or newly shown: the
    inputs of constraint, warn, required and choice_filter, and of anything with relevance."""
    read: set[str] = set()
    for field in form.fields():
        for expr in (field.constraint, field.warn, field.choice_filter, field.required):
            if isinstance(expr, Expr):
                read |= expr.refs
    gated = {name for name, item in form.items.items() if item.relevant is not None}
    return frozenset(
        name
        for name in form.items
        if name in read or any(d in read or d in gated for d in form.graph.affected(name))
    )


def form_runtime(form: Form) -> FormRuntime:
    if form.runtime is None:
        form.runtime = FormRuntime(form)
    return form.runtime  # type: ignore[no-any-return]


class Recalculator:
    """Keeps relevance, calculations and counted repeats current for one session."""

    def __init__(self, session: FormSession) -> None:
        self.session = session
        self.form = session.form
        self.graph = session.form.graph
        runtime = form_runtime(self.form)
        self.chains = runtime.chains
        self.inside = runtime.inside

    def holders(self, name: str, origin: Instance) -> list[Instance]:
        """Instances holding `name` that a change in `origin` can reach."""
        path = instance_path(origin)
        current = [self.session.root]
        for depth, rep in enumerate(self.chains[name]):
            if depth < len(path) and path[depth].repeat == rep:
                current = [path[depth]]
            else:
                current = [c for h in current for c in h.repeats.get(rep, ())]
        return current

    def compute(self, name: str, holder: Instance) -> bool:
        """Recompute one item in one instance; True when what others read may have changed."""
        item = self.form.items[name]
        changed = False
        if item.relevant is not None:
            now = truthy(item.relevant.run(Scope(self.session, holder)))
            if holder.relevant.get(name, True) != now:
                holder.relevant[name] = now
                changed = True
                self.session.version += 1  # what is shown changed: routes are rebuilt
        if isinstance(item, Field) and item.calculate is not None:
            value = coerce(item, item.calculate.run(Scope(self.session, holder)))
            if not _same(holder.values.get(name), value):
                holder.values[name] = value
                changed = True
        elif isinstance(item, Repeat) and item.count is not None:
            changed = self._apply_count(item, holder) or changed
        if item.relevant is None and not (isinstance(item, Field) and item.calculate):
            return True  # a pass-through: its parent's relevance changed
        return changed or isinstance(item, Container)

    def _apply_count(self, item: Repeat, holder: Instance) -> bool:
        assert item.count is not None
        raw = item.count.run(Scope(self.session, holder))
        if not isinstance(raw, int | float) or isinstance(raw, bool):
            return False  # a blank count leaves the roster as it is: nothing typed is lost
        wanted = max(0, min(int(raw), item.max if item.max is not None else 500))
        instances = holder.repeats.setdefault(item.name, [])
        if wanted == len(instances):
            return False
        while len(instances) > wanted:
            instances.pop()
        while len(instances) < wanted:
            self.session.new_instance(item, holder, len(instances), propagate=False)
        self.session.version += 1
        return True

    def propagate(self, name: str, origin: Instance) -> None:
        """After `name` changed in `origin`, recompute its dependents in dependency order."""
        changed = {name}
        for dep in self.graph.affected(name):
            if self.graph.inputs[dep].isdisjoint(changed):
                continue
            hit = False
            for holder in self.holders(dep, origin):
                hit = self.compute(dep, holder) or hit
            if hit:
                changed.add(dep)

    def init_all(self) -> None:
        for name in self.graph.computed:
            for holder in self.holders(name, self.session.root):
                self.compute(name, holder)

    def init_instance(self, inst: Instance) -> None:
        assert inst.repeat is not None
        for name in self.inside[inst.repeat]:
            for holder in self.holders(name, inst):
                self.compute(name, holder)


def apply_defaults(session: FormSession, container: Container, holder: Instance) -> None:
    """Evaluate `default` once for the fields of a new record or repeat instance."""
    for item in container.children:
        if isinstance(item, Repeat):
            continue
        if isinstance(item, Container):
            apply_defaults(session, item, holder)
        elif isinstance(item, Field) and item.name not in holder.values:
            if item.default_expr is not None:
                value = coerce(item, item.default_expr.run(Scope(session, holder)))
                if value is not None:
                    holder.values[item.name] = value
            elif item.default is not None:
                value = item.default
                holder.values[item.name] = list(value) if isinstance(value, list) else value


def coerce(item: Field, value: Any) -> Any:
    """A computed value in the field's own type: 5.0 for an integer field is 5."""
    if item.type == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def is_blank(value: Any) -> bool:
    return (
        value is None
        or value == ""
        or value == []
        or (isinstance(value, Special) and not value.name)
    )
