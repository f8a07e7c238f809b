"""Stage 3 of loading: every expression and reference checked against the whole form."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tui_cia.errors import Problem
from tui_cia.survey import expr as ex
from tui_cia.survey.build import suggest
from tui_cia.survey.schema import Expr, Field, Form, Group, Item, Repeat, Text
from tui_cia.survey.types import TYPES

INTERPOLATION = re.compile(r"\$\{([^}]*)\}")
TEXT_ATTRS = ("label", "hint", "required_message", "constraint_message", "warn_message")


@dataclass
class Site:
    """Where an expression sits: its owner, key, the repeat it runs in, what it may use."""

    owner: str
    key: str
    expr: Expr
    scope: Repeat | None
    current: bool = False
    choice_filter: Field | None = None


def expression_sites(form: Form) -> Iterator[Site]:
    """Every expression of the form with the scope it is evaluated in."""
    if form.settings.instance_name:
        yield Site("form", "instance_name", form.settings.instance_name, None)
    for item in form.items.values():
        yield from _item_sites(item)
    for ind in form.indicators:
        over = form.items.get(ind.over or "")
        scope = over if isinstance(over, Repeat) else None
        sites = (("applies", ind.applies), ("pass", ind.passes), ("serious", ind.serious))
        for key, value in sites:
            if value is not None:
                yield Site(ind.id, key, value, scope)


def _item_sites(item: Item) -> Iterator[Site]:
    outer = item.repeat
    if item.relevant:
        yield Site(item.name, "relevant", item.relevant, outer)
    if isinstance(item, Repeat):
        if item.count:
            yield Site(item.name, "count", item.count, outer)
        if item.instance_label:
            yield Site(item.name, "instance_label", item.instance_label, item)
    if not isinstance(item, Field):
        return
    for key in ("calculate", "default_expr"):
        value = getattr(item, key)
        if value is not None:
            yield Site(item.name, key.removesuffix("_expr"), value, outer)
    if isinstance(item.required, Expr):
        yield Site(item.name, "required", item.required, outer)
    for key in ("constraint", "warn"):
        value = getattr(item, key)
        if value is not None:
            yield Site(item.name, key, value, outer, current=True)
    if item.choice_filter:
        yield Site(item.name, "choice_filter", item.choice_filter, outer, choice_filter=item)


def repeat_chain(repeat: Repeat | None) -> list[Repeat]:
    chain: list[Repeat] = []
    while repeat is not None:
        chain.append(repeat)
        repeat = repeat.repeat
    return chain


class ExpressionChecker:
    """Runs the reference, function, type and scope checks over every site."""

    def __init__(self, form: Form, file: str, problems: list[Problem]) -> None:
        self.form = form
        self.file = file
        self.problems = problems
        self._kinds: dict[str, ex.Kind] = {}

    def is_repeat(self, name: str) -> bool:
        return isinstance(self.form.items.get(name), Repeat)

    def report(self, code: str, message: str, site: Site, offset: int = 0) -> None:
        pos = site.expr.pos.shifted(offset)
        self.problems.append(
            Problem(code, f"in {site.key}: {message}", self.file, pos.line, pos.col, site.owner)
        )

    def kind_of(self, name: str) -> ex.Kind:
        item = self.form.items.get(name)
        if not isinstance(item, Field):
            return ex.Kind.ANY
        if item.type != "calculate" or item.calculate is None:
            return TYPES[item.type].kind
        if name not in self._kinds:
            self._kinds[name] = ex.Kind.ANY  # guards against cycles, which FORM017 reports
            self._kinds[name] = ex.infer_kind(item.calculate.node, self.kind_of)
        return self._kinds[name]

    def _kinds_for(self, site: Site) -> Callable[[str], ex.Kind]:
        """kind_of, with '.' meaning the field a constraint or warn belongs to."""
        if not site.current:
            return self.kind_of
        return lambda name: self.kind_of(site.owner if name == "." else name)

    def run(self) -> None:
        for site in expression_sites(self.form):
            self.check_site(site)
        self.check_interpolations()

    def check_site(self, site: Site) -> None:
        node = site.expr.node
        for use in ex.ref_uses(node, self.is_repeat):
            self._check_ref(site, use)
        self._check_calls(site)
        if ex.uses_current(node) and not site.current:
            self.report(
                "FORM029",
                "'.' means this answer and works only in constraint and warn;"
                " refer to fields as ${name}",
                site,
            )
        self._check_names(site)
        if ex.uses_position(node) and site.scope is None and not _has_aggregate(node):
            self.report("FORM031", "position() is only meaningful inside a repeat", site)
        for offset, message in ex.comparison_mismatches(node, self._kinds_for(site)):
            self.report("FORM016", message, site, offset)
        self._check_select_literals(site)

    def _check_ref(self, site: Site, use: ex.RefUse) -> None:
        item = self.form.items.get(use.name)
        if item is None:
            self.report(
                "FORM012",
                f"no field named ${{{use.name}}}{suggest_ref(use.name, self.form.items)}",
                site,
                use.pos,
            )
            return
        if isinstance(item, Group):
            self.report("FORM012", f"${{{use.name}}} is a group, not a field", site, use.pos)
            return
        owner = item.repeat
        if owner is None:
            return
        inside = self.form.items.get(use.inside or "")
        allowed = repeat_chain(site.scope) + repeat_chain(
            inside if isinstance(inside, Repeat) else None
        )
        if owner not in allowed:
            self.report(
                "FORM028",
                f"${{{use.name}}} is inside repeat '{owner.name}'; from "
                f"outside it, use an aggregate such as sum(${{{owner.name}}}, "
                f"${{{use.name}}})",
                site,
                use.pos,
            )

    def _check_calls(self, site: Site) -> None:
        for call in ex.calls(site.expr.node):
            if call.name not in ex.FUNCTIONS:
                self.report(
                    "FORM013",
                    f"unknown function {call.name}(){suggest(call.name, list(ex.FUNCTIONS))}",
                    site,
                    call.pos,
                )
                continue
            problem = ex.arity_problem(call, self.is_repeat)
            if problem:
                self.report("FORM014", problem, site, call.pos)
            if call.name == "regex" and len(call.args) == 2:
                self._check_regex(site, call.args[1])

    def _check_regex(self, site: Site, arg: ex.Node) -> None:
        if isinstance(arg, ex.Literal) and isinstance(arg.value, str):
            from tui_cia.survey.patterns import problem

            found = problem(arg.value)
            if found is not None:
                self.report(found[0], f"regex pattern {found[1]}", site, arg.pos)

    def _check_names(self, site: Site) -> None:
        columns: set[str] = set()
        if site.choice_filter is not None and site.choice_filter.choices is not None:
            for choice in site.choice_filter.choices.choices:
                columns.update(choice.columns)
        for name in ex.names(site.expr.node):
            if site.choice_filter is None:
                self.report(
                    "FORM030",
                    f"bare name '{name.name}': refer to a field as ${{{name.name}}}",
                    site,
                    name.pos,
                )
            elif name.name not in columns:
                self.report(
                    "FORM012",
                    f"the choice list has no column '{name.name}'{suggest(name.name, columns)}",
                    site,
                    name.pos,
                )

    def _check_select_literals(self, site: Site) -> None:
        for ref, literal in _select_comparisons(site.expr.node):
            item = self.form.items.get(ref.name)
            if not isinstance(item, Field) or item.choices is None or not item.choices.choices:
                continue
            if literal.value not in item.choices.by_value:
                self.report(
                    "FORM043",
                    f"'{literal.value}' is not a value of ${{{ref.name}}}'s "
                    f"list '{item.choices.name}'",
                    site,
                    literal.pos,
                )

    def check_interpolations(self) -> None:
        for item in self.form.items.values():
            for attr in TEXT_ATTRS:
                text = getattr(item, attr, None)
                if isinstance(text, Text):
                    self._check_text_refs(item, attr, text)

    def _check_text_refs(self, item: Item, attr: str, text: Text) -> None:
        names = {m.group(1) for v in text.by_lang.values() for m in INTERPOLATION.finditer(v)}
        for name in sorted(names):  # once per name, however many languages repeat it
            target = self.form.items.get(name)
            if isinstance(target, Field):
                continue
            what = (
                f"${{{name}}} is a {'repeat' if isinstance(target, Repeat) else 'group'}, "
                "not a field"
                if target is not None
                else f"no field named ${{{name}}}{suggest_ref(name, self.form.items)}"
            )
            self.problems.append(
                Problem(
                    "FORM012",
                    f"in {attr}: {what}",
                    self.file,
                    item.pos.line,
                    item.pos.col,
                    item.name,
                )
            )


def suggest_ref(name: str, options: dict[str, Item]) -> str:
    """`; did you mean ${x}?` for a mistyped reference."""
    fields = sorted(n for n, item in options.items() if isinstance(item, Field) and n != name)
    close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    return f"; did you mean ${{{close[0]}}}?" if close else ""


def _has_aggregate(node: ex.Node) -> bool:
    return any(c.name in ("count", "sum", "any", "all", "min", "max") for c in ex.calls(node))


def _select_comparisons(node: ex.Node) -> Iterator[tuple[ex.Ref, ex.Literal]]:
    """(${field}, 'text') pairs compared with = / != or tested with selected()."""
    if isinstance(node, ex.Binary):
        if node.op in ("=", "!="):
            for a, b in ((node.left, node.right), (node.right, node.left)):
                if isinstance(a, ex.Ref) and isinstance(b, ex.Literal) and isinstance(b.value, str):
                    yield a, b
        yield from _select_comparisons(node.left)
        yield from _select_comparisons(node.right)
    elif isinstance(node, ex.Unary):
        yield from _select_comparisons(node.operand)
    elif isinstance(node, ex.Call):
        args = node.args
        if node.name == "selected" and len(args) == 2 and isinstance(args[0], ex.Ref):
            lit = args[1]
            if isinstance(lit, ex.Literal) and isinstance(lit.value, str):
                yield args[0], lit
        for arg in args:
            yield from _select_comparisons(arg)


def check_form(form: Form, file: str, problems: list[Problem]) -> None:
    """Run every expression-level check, appending to `problems`."""
    ExpressionChecker(form, file, problems).run()
    for key in ("area", "round"):
        _check_setting_field(form, key, getattr(form.settings, key), file, problems)
    for name in form.settings.key:
        _check_setting_field(form, "key", name, file, problems)


def _check_setting_field(
    form: Form, key: str, name: str | None, file: str, problems: list[Problem]
) -> None:
    if name is None:
        return
    item = form.items.get(name)
    if not isinstance(item, Field) or item.repeat is not None:
        pos = form.settings.positions.get(key) or form.root.pos
        problems.append(
            Problem(
                "FORM034",
                f"form {key}: '{name}' is not a field outside repeats"
                f"{suggest(name, list(form.items))}",
                file,
                pos.line,
                pos.col,
            )
        )
