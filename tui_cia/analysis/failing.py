"""The answer that makes an indicator fail for one record: where the entry screen opens when
a failing household is picked from the analysis.

The rule is followed down its `and`s to the part that is false (both sides of a false
`or`); of the fields that part names, the first that is answered is the culprit (else the
first named). A person indicator is judged on its first failing member, so the path names
that member. A culprit that is calculated (income per person) is followed to the first
answer it is calculated from, which is what the keyer can fix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui_cia.survey.expr import truthy
from tui_cia.survey.expr.compiler import evaluate
from tui_cia.survey.expr.nodes import Binary, Node, Ref, walk
from tui_cia.survey.fieldpath import FieldPath, path_str
from tui_cia.survey.schema import Field, Indicator
from tui_cia.survey.state import Instance, Scope, owner_instance

if TYPE_CHECKING:
    from tui_cia.survey.session import FormSession

DEPTH = 4  # calculations followed at most this deep (a cycle is refused at load; this bounds)


def failing_field(session: FormSession, indicator: Indicator) -> str | None:
    """The path (as text, `members[2].i24_drinks`) of the answer that makes `indicator`
    fail for this record; None when it does not fail or names no field on the route."""
    scope = _failing_scope(session, indicator)
    if scope is None:
        return None
    stops = set(session.route.stops())
    found = _pick(session, scope, _suspects(indicator.passes.node, scope), stops, DEPTH)
    if found is None:  # nothing answered: the first field the rule names, as the brief says
        found = next(iter(_paths(session, scope, _names(indicator.passes.node), stops)), None)
    return None if found is None else path_str(found)


def _failing_scope(session: FormSession, indicator: Indicator) -> Scope | None:
    """The record's scope (a household indicator) or its first failing member's."""
    root = Scope(session, session.root)
    scopes = root.instances(indicator.over) if indicator.over else [root]
    for scope in scopes:
        if not isinstance(scope, Scope):
            continue
        if indicator.applies is not None and not truthy(indicator.applies.run(scope)):
            continue
        if not truthy(indicator.passes.run(scope)):
            return scope
    return None


def _names(node: Node) -> list[str]:
    """The fields a (part of a) rule names, in the order written, each once."""
    return list(dict.fromkeys(n.name for n in walk(node) if isinstance(n, Ref)))


def _suspects(node: Node, scope: Scope) -> list[str]:
    """The fields of the false part of a false rule, in the order written."""
    if isinstance(node, Binary) and node.op == "and":
        left_holds = truthy(evaluate(node.left, scope))
        return _suspects(node.right if left_holds else node.left, scope)
    if isinstance(node, Binary) and node.op == "or":
        return list(dict.fromkeys(_suspects(node.left, scope) + _suspects(node.right, scope)))
    return _names(node)


def _path(session: FormSession, scope: Scope, name: str) -> FieldPath | None:
    """Where field `name`, as `scope` reads it, is stored: its instance's path and name."""
    info = session.infos.get(name)
    if info is None or not isinstance(info.item, Field):
        return None
    holder: Instance | None = owner_instance(scope.inst, info.owner)
    if holder is None:
        return None
    parts: list[str | int] = []
    node: Instance | None = holder
    while node is not None and node.repeat is not None:
        parts[:0] = [node.repeat, node.index]
        node = node.parent
    return (*parts, name)


def _paths(
    session: FormSession, scope: Scope, names: list[str], stops: set[FieldPath]
) -> list[FieldPath]:
    found = (_path(session, scope, name) for name in names)
    return [p for p in found if p is not None and p in stops]


def _pick(
    session: FormSession, scope: Scope, names: list[str], stops: set[FieldPath], depth: int
) -> FieldPath | None:
    """The first of `names` that is answered, on the route, and can be keyed; a calculated
    one is followed to what it is calculated from."""
    for name in names:
        path = _path(session, scope, name)
        if path is None or session.raw(path) is None:
            continue
        item: Any = session.infos[name].item
        if item.calculate is not None and depth > 0:
            holder = owner_instance(scope.inst, session.infos[name].owner)
            inner = Scope(session, holder) if holder is not None else scope
            deeper = _pick(session, inner, _names(item.calculate.node), stops, depth - 1)
            if deeper is not None:
                return deeper
        if path in stops:
            return path
    return None
