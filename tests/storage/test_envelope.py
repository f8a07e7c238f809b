"""Reading a JSON line: the record as json.loads reads it, and its data's text as written."""

from __future__ import annotations

import json

import pytest

from tui_cia.storage.envelope import read_line

LINES = [
    '{"uuid": "u", "data": {"house_no": "12/3", "members": [{"_id": "a"}]}, "status": "draft"}',
    '{"data":{"x":1},"form":"bmn"}\n',
    ' { "data" :\t{"ชื่อ": "มาลี \\"ใจดี\\""} , "z" : [1, 2.5, null, true] }  \r\n',
    '{"a": {"data": {"nested": 1}}, "data": {"top": 2}}',
    '{"data": 1, "data": {"last": "wins"}}',
    '{"data": "\\u0e01"}',
    "{}",
    '{"uuid": "u"}',
    "[1, 2]",
    '"text"',
    '{"data": NaN}',
    '{"uuid": "u", "form": "bmn", "data": {"x": 1}, "created_at": "t"}',
    '{"a": {"b": 1, "data": {"x": 2}}, "data": {"y": 3}}',
    '{"k": "\\"data\\": ", "data": {"x": 1}}',
    '{"uuid": "u", "data": {"x": 1}, "uuid": "v"}',
    '{"data": {"x": 1}, "data": {"x": 2}}',
    '{"s": "a", "data": [1], "t": {"data": 5}}',
]


@pytest.mark.parametrize("line", LINES)
def test_a_line_reads_as_json_loads_reads_it_with_its_datas_text(line: str) -> None:
    value, data_text = read_line(line)
    assert value == json.loads(line) or value != value  # NaN is not itself
    if isinstance(value, dict):
        assert list(value) == list(json.loads(line))
    if isinstance(value, dict) and "data" in value:
        assert data_text is not None
        assert json.dumps(json.loads(data_text)) == json.dumps(value["data"])
    else:
        assert data_text is None


@pytest.mark.parametrize(
    "line",
    [
        '{"a": 1,}',
        '{"a" 1}',
        '{"a": 1',
        '{"data": {}} ]',
        "",
        "{'a': 1}",
        '{"a": tru}',
        '{"uuid": "u", "data": {"x": 1}, "z": 1} x',
        '{"uuid": "u", "data": {"x": 1}, }',
        '{"uuid": "u", "data": {"x": 1, }}',
        '{, "data": {"x": 1}}',
        '{ , "data": 1}',
        '{"s": ["data": 1], "data": 2}',
    ],
)
def test_a_broken_line_fails_as_json_loads_fails(line: str) -> None:
    with pytest.raises(json.JSONDecodeError) as ours:
        read_line(line)
    with pytest.raises(json.JSONDecodeError) as theirs:
        json.loads(line)
    assert (ours.value.msg, ours.value.pos) == (theirs.value.msg, theirs.value.pos)
