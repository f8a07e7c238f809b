"""The form language: loading and checking YAML forms, and FormSession, the record runtime."""

from tui_cia.survey.completion import CompletionProblem
from tui_cia.survey.fieldpath import FieldPath, parse_path, path_str
from tui_cia.survey.indicators import IndicatorResult
from tui_cia.survey.loader import analyse_text, check_file, load_form, load_form_text
from tui_cia.survey.recorddata import DataProblem, load_data, to_data
from tui_cia.survey.schema import Form
from tui_cia.survey.session import AnswerResult, FormSession
from tui_cia.survey.types import Special

__all__ = [
    "AnswerResult",
    "CompletionProblem",
    "DataProblem",
    "FieldPath",
    "Form",
    "FormSession",
    "IndicatorResult",
    "Special",
    "analyse_text",
    "check_file",
    "load_data",
    "load_form",
    "load_form_text",
    "parse_path",
    "path_str",
    "to_data",
]
