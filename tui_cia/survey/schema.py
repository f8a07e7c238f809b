"""The form as a tree of dataclasses: settings, choices, fields, containers, indicators."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui_cia.survey.expr import Compiled, Node
from tui_cia.survey.yamlsrc import Pos

SPECIALS = ("dont_know", "refused", "not_applicable")


@dataclass(frozen=True)
class Text:
    """A text by language; `get` falls back to the default language, then to any."""

    by_lang: dict[str, str]
    default: str = "th"

    def get(self, lang: str) -> str:
        return (
            self.by_lang.get(lang)
            or self.by_lang.get(self.default)
            or next(iter(self.by_lang.values()), "")
        )

    def __bool__(self) -> bool:
        return bool(self.by_lang)


EMPTY_TEXT = Text({})


@dataclass
class Expr:
    """An expression parsed once at load: its source, AST, compiled closure and position."""

    source: str
    node: Node
    run: Compiled
    pos: Pos
    refs: frozenset[str] = frozenset()


@dataclass
class Choice:
    """One choice of a list: its value, label and any further columns."""

    value: str
    label: Text
    columns: dict[str, Any] = field(default_factory=dict)


@dataclass
class ChoiceList:
    """A named list of choices, inline or read from a CSV file."""

    name: str
    choices: list[Choice]
    pos: Pos
    by_value: dict[str, Choice] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_value = {c.value: c for c in self.choices}


@dataclass
class Item:
    """What fields, groups and repeats share: a name, texts, relevance, place in the tree."""

    name: str
    pos: Pos
    label: Text = EMPTY_TEXT
    hint: Text = EMPTY_TEXT
    relevant: Expr | None = None
    parent: Container | None = None
    order: int = 0

    @property
    def repeat(self) -> Repeat | None:
        """The innermost repeat this item lies in (not counting itself)."""
        node = self.parent
        while node is not None and not isinstance(node, Repeat):
            node = node.parent
        return node

    def ancestors(self) -> Iterator[Container]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass
class Field(Item):
    """A question (or a calculation or a note)."""

    type: str = "text"
    required: bool | Expr = False
    required_message: Text = EMPTY_TEXT
    constraint: Expr | None = None
    constraint_message: Text = EMPTY_TEXT
    warn: Expr | None = None
    warn_message: Text = EMPTY_TEXT
    calculate: Expr | None = None
    default: Any = None
    default_expr: Expr | None = None
    read_only: bool = False
    choices: ChoiceList | None = None
    choice_filter: Expr | None = None
    min: float | None = None
    max: float | None = None
    length: tuple[int, int] | None = None
    pattern: str | None = None
    special: tuple[str, ...] = ()
    carry: bool = False
    appearance: tuple[str, ...] = ()

    @property
    def shown(self) -> bool:
        """Whether the enumerator sees this field (calculate-type fields are hidden)."""
        return self.type != "calculate"

    @property
    def editable(self) -> bool:
        return self.type not in ("calculate", "note") and not self.read_only and not self.calculate


@dataclass
class Container(Item):
    """A group or a repeat: an ordered list of children."""

    children: list[Item] = field(default_factory=list)

    def walk(self) -> Iterator[Item]:
        """Every descendant, depth first, in form order."""
        for child in self.children:
            yield child
            if isinstance(child, Container):
                yield from child.walk()


@dataclass
class Group(Container):
    """A named section of fields."""


@dataclass
class Repeat(Container):
    """A roster: zero or more instances of its fields."""

    min: int | None = None
    max: int | None = None
    count: Expr | None = None
    instance_label: Expr | None = None
    appearance: tuple[str, ...] = ()


@dataclass
class Dimension:
    """An axis of the radar."""

    id: str
    label: Text
    pos: Pos


@dataclass
class Indicator:
    """A pass/fail rule judged per household or per person, optionally on 3 levels."""

    id: str
    number: int | None
    dimension: str
    label: Text
    unit: str
    over: str | None
    applies: Expr | None
    passes: Expr
    target: float | None
    pos: Pos
    serious: Expr | None = None  # `levels: serious:`; None = the indicator has no levels

    @property
    def has_levels(self) -> bool:
        """Whether the indicator is judged on the 3-level problem scale (`levels:`)."""
        return self.serious is not None


@dataclass
class DevClass:
    """One development class of the `classes:` rule: its number, label and thresholds
    (a record is in the first class whose thresholds it reaches; the last has none)."""

    number: int
    label: Text
    pos: Pos
    serious_at_least: int | None = None
    problems_at_least: int | None = None
    score_below: float | None = None

    @property
    def thresholds(self) -> dict[str, float]:
        """The thresholds given, by key."""
        given = {
            "serious_at_least": self.serious_at_least,
            "problems_at_least": self.problems_at_least,
            "score_below": self.score_below,
        }
        return {k: v for k, v in given.items() if v is not None}


@dataclass
class Settings:
    """The `form:` block."""

    id: str
    version: str
    title: Text = EMPTY_TEXT
    languages: tuple[str, ...] = ("th",)
    default_language: str = "th"
    key: tuple[str, ...] = ()
    instance_name: Expr | None = None
    area: str | None = None
    round: str | None = None
    calendar: str = "buddhist"
    # The first and last survey round (B.E.) the indicator set is valid for; None: any round.
    indicator_rounds: tuple[int, int] | None = None
    positions: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Form:
    """A loaded, checked form."""

    settings: Settings
    root: Group
    choices: dict[str, ChoiceList]
    dimensions: list[Dimension]
    indicators: list[Indicator]
    items: dict[str, Item]
    source: str = ""
    path: Path | None = None
    content_hash: str = ""
    attachments: dict[str, str] = field(default_factory=dict)  # choice files by name
    classes: list[DevClass] = field(default_factory=list)  # the `classes:` rule, in order
    warnings: list[Any] = field(default_factory=list)
    graph: Any = None
    runtime: Any = None  # per-form structures every session shares (recalc.FormRuntime)
    data_scopes: Any = None  # recorddata.data_problems: the items of each container, by id

    @property
    def id(self) -> str:
        return self.settings.id

    @property
    def version(self) -> str:
        return self.settings.version

    def field(self, name: str) -> Field:
        item = self.items[name]
        assert isinstance(item, Field), name
        return item

    def fields(self) -> Iterator[Field]:
        """Every field in form order."""
        return (i for i in self.root.walk() if isinstance(i, Field))

    @property
    def uses_levels(self) -> bool:
        """Whether the form uses the 3-level problem scale (`classes:` or any `levels:`)."""
        return bool(self.classes) or any(i.has_levels for i in self.indicators)

    def repeats(self) -> Iterator[Repeat]:
        return (i for i in self.root.walk() if isinstance(i, Repeat))
