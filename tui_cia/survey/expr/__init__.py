"""The expression language of forms: parse once, compile to closures, analyse statically."""

from tui_cia.survey.expr.compiler import (
    Compiled,
    EvalContext,
    Value,
    compile_node,
    evaluate,
    truthy,
)
from tui_cia.survey.expr.functions import (
    FUNCTIONS,
    FunctionSpec,
    arity_problem,
    is_aggregate,
    unknown_function_message,
)
from tui_cia.survey.expr.inspect import (
    Kind,
    RefUse,
    calls,
    comparison_mismatches,
    infer_kind,
    names,
    ref_uses,
    refs,
    uses_current,
    uses_position,
)
from tui_cia.survey.expr.nodes import (
    Binary,
    Call,
    Current,
    Literal,
    Name,
    Node,
    Null,
    Ref,
    Unary,
)
from tui_cia.survey.expr.parser import ExprSyntaxError, parse
from tui_cia.survey.expr.printer import to_source

__all__ = [
    "FUNCTIONS",
    "Binary",
    "Call",
    "Compiled",
    "Current",
    "EvalContext",
    "ExprSyntaxError",
    "FunctionSpec",
    "Kind",
    "Literal",
    "Name",
    "Node",
    "Null",
    "Ref",
    "RefUse",
    "Unary",
    "Value",
    "arity_problem",
    "calls",
    "comparison_mismatches",
    "compile_node",
    "evaluate",
    "infer_kind",
    "is_aggregate",
    "names",
    "parse",
    "ref_uses",
    "refs",
    "to_source",
    "truthy",
    "unknown_function_message",
    "uses_current",
    "uses_position",
]
