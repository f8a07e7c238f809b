"""The dependency graph among calculations and relevance, built once when a form loads."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from tui_cia.errors import Problem
from tui_cia.survey import expr as ex
from tui_cia.survey.schema import Container, Field, Form, Item, Repeat


@dataclass
class Graph:
    """Which items must be recomputed when an answer (or a repeat's instances) change.

    An edge X -> Y means Y's calculate, relevant or count reads X, or X is a container
    whose relevance Y inherits, or X is the repeat whose instance positions Y reads.
    """

    order: list[str]
    inputs: dict[str, frozenset[str]]
    downstream: dict[str, tuple[str, ...]] = field(default_factory=dict)
    computed: tuple[str, ...] = ()

    def affected(self, name: str) -> tuple[str, ...]:
        """Every item that may change when `name` changes, in an order safe to recompute."""
        return self.downstream.get(name, ())


def _direct_inputs(item: Item, dynamic: set[str]) -> set[str]:
    found: set[str] = set()
    if item.relevant is not None:
        found |= item.relevant.refs
    if isinstance(item, Field) and item.calculate is not None:
        found |= item.calculate.refs
    if isinstance(item, Repeat) and item.count is not None:
        found |= item.count.refs
    if item.parent is not None and item.parent.name in dynamic:
        found.add(item.parent.name)
    if _uses_position(item) and item.repeat is not None:
        found.add(item.repeat.name)
    return found


def _uses_position(item: Item) -> bool:
    exprs = [item.relevant, getattr(item, "calculate", None)]
    return any(e is not None and ex.uses_position(e.node) for e in exprs)


def _dynamic_containers(form: Form) -> set[str]:
    """Containers whose relevance can change (their own or an ancestor's `relevant`)."""
    dynamic: set[str] = set()
    for item in form.root.walk():
        if isinstance(item, Container):
            parent_dynamic = item.parent is not None and item.parent.name in dynamic
            if item.relevant is not None or parent_dynamic:
                dynamic.add(item.name)
    return dynamic


def build_graph(form: Form, file: str, problems: list[Problem]) -> Graph:
    """The graph of `form`; cycles are reported as FORM017 and their edges dropped."""
    dynamic = _dynamic_containers(form)
    inputs = {
        name: frozenset(n for n in _direct_inputs(item, dynamic) if n in form.items)
        for name, item in form.items.items()
    }
    dependents: dict[str, list[str]] = {name: [] for name in form.items}
    for name, ins in inputs.items():
        for source in ins:
            dependents[source].append(name)
    order = _topological(form, inputs, dependents, file, problems)
    index = {name: i for i, name in enumerate(order)}
    graph = Graph(order, inputs)
    graph.computed = tuple(n for n in order if inputs[n] or _computes(form.items[n]))
    for name in form.items:
        graph.downstream[name] = _closure(name, dependents, index)
    return graph


def _computes(item: Item) -> bool:
    return item.relevant is not None or (isinstance(item, Field) and item.calculate is not None)


def _closure(
    start: str, dependents: dict[str, list[str]], index: dict[str, int]
) -> tuple[str, ...]:
    seen: set[str] = set()
    stack = list(dependents[start])
    while stack:
        name = stack.pop()
        if name not in seen and name in index:
            seen.add(name)
            stack.extend(dependents[name])
    return tuple(sorted(seen, key=index.__getitem__))


def _topological(
    form: Form,
    inputs: dict[str, frozenset[str]],
    dependents: dict[str, list[str]],
    file: str,
    problems: list[Problem],
) -> list[str]:
    """Kahn's algorithm, ties broken by form order; what remains lies on or after a cycle."""
    pending = {name: len(ins) for name, ins in inputs.items()}
    ready = [(form.items[n].order, n) for n, count in pending.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, name = heapq.heappop(ready)
        order.append(name)
        for dep in dependents[name]:
            pending[dep] -= 1
            if pending[dep] == 0:
                heapq.heappush(ready, (form.items[dep].order, dep))
    stuck = {n for n, count in pending.items() if count > 0}
    if stuck:
        _report_cycles(form, inputs, stuck, file, problems)
    return order


def _report_cycles(
    form: Form,
    inputs: dict[str, frozenset[str]],
    stuck: set[str],
    file: str,
    problems: list[Problem],
) -> None:
    reported: set[frozenset[str]] = set()
    for start in sorted(stuck, key=lambda n: form.items[n].order):
        cycle = _find_cycle(start, inputs, stuck)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            item = form.items[cycle[0]]
            path = " -> ".join([*cycle, cycle[0]])
            problems.append(
                Problem(
                    "FORM017",
                    f"these values depend on each other: {path}",
                    file,
                    item.pos.line,
                    item.pos.col,
                    item.name,
                )
            )


def _find_cycle(start: str, inputs: dict[str, frozenset[str]], stuck: set[str]) -> list[str]:
    """A cycle through `start` following inputs, reversed to read as 'x uses y uses ...'."""
    path: list[str] = [start]
    seen = {start: 0}
    node = start
    while True:
        nxt = next((n for n in sorted(inputs[node]) if n in stuck), None)
        if nxt is None:
            return []
        if nxt in seen:
            return path[seen[nxt] :]
        seen[nxt] = len(path)
        path.append(nxt)
        node = nxt
