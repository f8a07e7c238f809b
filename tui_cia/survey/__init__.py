"""The form language: loading and checking YAML forms, and FormSession, the record runtime.

Names load on first use (PEP 562), so importing the package costs almost nothing: the app's
first screen does not wait for the form engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "CompletionProblem": "completion",
    "FieldPath": "fieldpath",
    "parse_path": "fieldpath",
    "path_str": "fieldpath",
    "IndicatorResult": "indicators",
    "analyse_text": "loader",
    "check_file": "loader",
    "load_form": "loader",
    "load_form_text": "loader",
    "DataProblem": "recorddata",
    "load_data": "recorddata",
    "data_problems": "recorddata",
    "to_data": "recorddata",
    "Form": "schema",
    "AnswerResult": "session",
    "FormSession": "session",
    "Special": "types",
}

__all__ = sorted(_WHERE)

if TYPE_CHECKING:
    from tui_cia.survey.completion import CompletionProblem as CompletionProblem
    from tui_cia.survey.fieldpath import (
        FieldPath as FieldPath,
    )
    from tui_cia.survey.fieldpath import (
        parse_path as parse_path,
    )
    from tui_cia.survey.fieldpath import (
        path_str as path_str,
    )
    from tui_cia.survey.indicators import IndicatorResult as IndicatorResult
    from tui_cia.survey.loader import (
        analyse_text as analyse_text,
    )
    from tui_cia.survey.loader import (
        check_file as check_file,
    )
    from tui_cia.survey.loader import (
        load_form as load_form,
    )
    from tui_cia.survey.loader import (
        load_form_text as load_form_text,
    )
    from tui_cia.survey.recorddata import (
        DataProblem as DataProblem,
    )
    from tui_cia.survey.recorddata import (
        data_problems as data_problems,
    )
    from tui_cia.survey.recorddata import (
        load_data as load_data,
    )
    from tui_cia.survey.recorddata import (
        to_data as to_data,
    )
    from tui_cia.survey.schema import Form as Form
    from tui_cia.survey.session import AnswerResult as AnswerResult
    from tui_cia.survey.session import FormSession as FormSession
    from tui_cia.survey.types import Special as Special


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'tui_cia.survey' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"tui_cia.survey.{module}"), name)
    globals()[name] = value
    return value
