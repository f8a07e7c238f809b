"""Building the 3-level problem scale: an indicator's `levels:` and the form's `classes:`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_cia.survey.schema import DevClass, Expr, Indicator
from tui_cia.survey.yamlsrc import YList, YMap

if TYPE_CHECKING:
    from tui_cia.survey.build import FormBuilder

LEVEL_KEYS = ("serious",)
CLASS_KEYS = ("class", "label", "serious_at_least", "problems_at_least", "score_below")
COUNT_KEYS = ("serious_at_least", "problems_at_least")


def build_levels(b: FormBuilder, node: YMap, ident: str) -> Expr | None:
    """The `serious:` expression of an indicator's `levels:` mapping (None without one)."""
    if "levels" not in node:
        return None
    body = b.mapping(node["levels"], node.at("levels"), f"indicator '{ident}' levels:", ident)
    if body is None:
        return None
    b.keys(body, LEVEL_KEYS, f"levels: of indicator '{ident}'", ident)
    if "serious" not in body:
        b.report(
            "FORM005",
            f"levels: of indicator '{ident}' needs 'serious:' (when a failing unit is level 1)",
            body.pos,
            ident,
        )
        return None
    return b.expr(body, "serious", ident)


def build_classes(b: FormBuilder, seq: YList, indicators: list[Indicator]) -> list[DevClass]:
    """The `classes:` rule, each class checked alone and then the list as a whole."""
    classes: list[DevClass] = []
    for raw, pos in zip(seq, seq.item_pos, strict=True):
        node = b.mapping(raw, pos, "a development class")
        if node is not None:
            built = _build_class(b, node, len(indicators))
            if built is not None:
                classes.append(built)
    if len(classes) == len(seq):
        _check_rule(b, seq, classes, indicators)
    return classes


def _build_class(b: FormBuilder, node: YMap, n_indicators: int) -> DevClass | None:
    from tui_cia.survey.build_fields import _number, int_setting

    b.keys(node, CLASS_KEYS, "a development class")
    if "class" not in node:
        b.report("FORM005", "a development class needs 'class:' (its number: 1, 2, 3)", node.pos)
        return None
    number = int_setting(b, node, "class", None)
    if number is None:
        return None
    what = f"class {number}"
    counts = {key: int_setting(b, node, key, None) for key in COUNT_KEYS}
    for key, value in counts.items():
        if value is not None and not 1 <= value <= n_indicators:
            b.report(
                "FORM049",
                f"{what}: {key} {value} is not between 1 and the form's {n_indicators} indicators",
                node.at(key),
            )
    score = _number(b, node, "score_below", what)
    if score is not None and not 1 < score <= 3:
        b.report(
            "FORM049",
            f"{what}: score_below {score} is not above 1 and at most 3 "
            "(the score is the mean level, from 1 to 3)",
            node.at("score_below"),
        )
    return DevClass(
        number,
        b.texts.read(node, "label", None, required=True),
        node.pos,
        counts["serious_at_least"],
        counts["problems_at_least"],
        score,
    )


def _check_rule(
    b: FormBuilder, seq: YList, classes: list[DevClass], indicators: list[Indicator]
) -> None:
    """Classes numbered 1, 2, ... in order; every class but the last has a threshold, the
    last has none; at least two classes; every indicator judged on levels."""
    if len(classes) < 2:
        b.report("FORM049", "classes: needs at least two classes (1, 2, ...)", seq.pos)
        return
    for n, cls in enumerate(classes, start=1):
        if cls.number != n:
            b.report(
                "FORM049",
                f"class {cls.number} is number {n} in the list: number the classes 1, 2, ... "
                "in order, the least developed first",
                cls.pos,
            )
        last = n == len(classes)
        if last and cls.thresholds:
            b.report(
                "FORM049",
                f"class {cls.number} is the last: it holds every other record, so it takes "
                f"no threshold ({', '.join(cls.thresholds)})",
                cls.pos,
            )
        elif not last and not cls.thresholds:
            b.report(
                "FORM049",
                f"class {cls.number} needs a threshold: serious_at_least, problems_at_least "
                "or score_below",
                cls.pos,
            )
    for ind in indicators:
        if not ind.has_levels:
            b.report(
                "FORM049",
                f"indicator '{ind.id}' has no levels: a form with classes: judges every "
                "indicator on the 3 levels",
                ind.pos,
                ind.id,
            )
