"""XLSForm import: each mapped feature, each non-mapping with its row, public-style forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from tui_cia.cli import main
from tui_cia.survey import load_form_text
from tui_cia.survey.xlsform import Conversion, XlsFormError, convert_xlsform
from tui_cia.survey.xlsform.expressions import translate

Sheet = list[list[Any]]
LANG = ["type", "name", "label::Thai (th)", "label::English (en)"]


def write_xlsx(
    path: Path, survey: Sheet, choices: Sheet | None = None, settings: Sheet | None = None
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows is not None:
            extra = book.create_sheet(title)
            for row in rows:
                extra.append(row)
    book.save(path)
    return path


def convert(
    tmp_path: Path, survey: Sheet, choices: Sheet | None = None, settings: Sheet | None = None
) -> tuple[dict[str, Any], Conversion]:
    conversion = convert_xlsform(write_xlsx(tmp_path / "form.xlsx", survey, choices, settings))
    return yaml.safe_load(conversion.yaml_text), conversion


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for field in fields:
        key = field.get("name") or field.get("group") or field.get("repeat")
        found[str(key)] = field
        found.update(by_name(field.get("fields", [])))
    return found


def errors(conversion: Conversion) -> list[str]:
    return [p.format() for p in conversion.problems if p.severity == "error"]


YES_NO: Sheet = [
    ["list_name", "name", "label::Thai (th)", "label::English (en)"],
    ["yn", "1", "ใช่", "Yes"],
    ["yn", "2", "ไม่ใช่", "No"],
]


def test_each_type_that_maps(tmp_path: Path) -> None:
    survey: Sheet = [
        ["type", "name", "label", "calculation"],
        ["text", "a_text", "Text", None],
        ["integer", "a_int", "Integer", None],
        ["decimal", "a_dec", "Decimal", None],
        ["date", "a_date", "Date", None],
        ["select_one yn", "a_one", "One", None],
        ["select_multiple yn", "a_many", "Many", None],
        ["note", "a_note", "Note", None],
        ["calculate", "a_calc", None, "${a_int} * 2"],
    ]
    choices = [["list_name", "name", "label"], ["yn", "1", "Yes"], ["yn", "2", "No"]]
    tree, conversion = convert(tmp_path, survey, choices)
    fields = by_name(tree["fields"])
    assert {k: v["type"] for k, v in fields.items()} == {
        "a_text": "text",
        "a_int": "integer",
        "a_dec": "decimal",
        "a_date": "date",
        "a_one": "select_one",
        "a_many": "select_multiple",
        "a_note": "note",
        "a_calc": "calculate",
    }
    assert fields["a_one"]["choices"] == "yn"
    assert fields["a_calc"]["calculate"] == "${a_int} * 2"
    assert tree["choices"]["yn"] == [{"value": "1", "label": "Yes"}, {"value": "2", "label": "No"}]
    assert conversion.valid, errors(conversion)
    assert conversion.notes == []


def test_languages_labels_hints_and_settings(tmp_path: Path) -> None:
    survey: Sheet = [
        [*LANG, "hint::Thai (th)", "hint::English (en)"],
        ["select_one yn", "ok", "ตกลง", "OK", "เลือก", "Choose"],
    ]
    settings: Sheet = [
        ["form_id", "version", "form_title", "default_language"],
        ["water", "2024.1", "Water", "English (en)"],
    ]
    tree, conversion = convert(tmp_path, survey, YES_NO, settings)
    assert tree["form"] == {
        "id": "water",
        "version": "2024.1",
        "title": "Water",
        "languages": ["en", "th"],
        "default_language": "en",
    }
    field = tree["fields"][0]
    assert field["label"] == {"en": "OK", "th": "ตกลง"}
    assert field["hint"] == {"en": "Choose", "th": "เลือก"}
    assert tree["choices"]["yn"][0]["label"] == {"en": "Yes", "th": "ใช่"}
    assert conversion.valid, errors(conversion)


def test_keys_that_map(tmp_path: Path) -> None:
    survey: Sheet = [
        [
            "type",
            "name",
            "label",
            "required",
            "relevant",
            "constraint",
            "constraint_message",
            "default",
            "read_only",
            "appearance",
            "required_message",
        ],
        [
            "integer",
            "age",
            "Age",
            "yes",
            None,
            ". >= 0 and . < 120",
            "0 to 119",
            "30",
            None,
            None,
            "Say the age",
        ],
        [
            "text",
            "why",
            "Why",
            "${age} > 60",
            "${age} != 20",
            None,
            None,
            None,
            "yes",
            "multiline",
            None,
        ],
        ["date", "seen", "Seen", None, None, ". <= today()", None, "today()", None, None, None],
        ["select_one yn", "q", "Q", "no", None, None, None, "1", None, "quick", None],
    ]
    choices = [["list_name", "name", "label"], ["yn", "1", "Yes"]]
    tree, conversion = convert(tmp_path, survey, choices)
    fields = by_name(tree["fields"])
    assert fields["age"]["required"] is True
    assert fields["age"]["constraint"] == ". >= 0 and . < 120"
    assert fields["age"]["constraint_message"] == "0 to 119"
    assert fields["age"]["required_message"] == "Say the age"
    assert fields["age"]["default"] == 30
    assert fields["why"]["required"] == "${age} > 60"
    assert fields["why"]["relevant"] == "${age} != 20"
    assert fields["why"]["read_only"] is True
    assert fields["why"]["appearance"] == "multiline"
    assert fields["seen"]["default"] == "today()"
    assert fields["seen"]["constraint"] == ". <= today()"
    assert "required" not in fields["q"]
    assert fields["q"]["appearance"] == "quick"
    assert fields["q"]["default"] == "1"
    assert conversion.valid, errors(conversion)


def test_groups_and_repeat_with_count(tmp_path: Path) -> None:
    survey: Sheet = [
        ["type", "name", "label", "relevant", "repeat_count"],
        ["integer", "n", "How many", None, None],
        ["begin group", "house", "House", "${n} > 0", None],
        ["text", "roof", "Roof", None, None],
        ["end group", None, None, None, None],
        ["begin_repeat", "people", "People", None, "${n}"],
        ["text", "pname", "Name", None, None],
        ["end_repeat", None, None, None, None],
    ]
    tree, conversion = convert(tmp_path, survey)
    group, repeat = tree["fields"][1], tree["fields"][2]
    assert group == {
        "group": "house",
        "label": "House",
        "relevant": "${n} > 0",
        "fields": [{"name": "roof", "type": "text", "label": "Roof"}],
    }
    assert repeat["repeat"] == "people" and repeat["count"] == "${n}"
    assert repeat["fields"][0]["name"] == "pname"
    assert conversion.valid, errors(conversion)


@pytest.mark.parametrize(
    ("xls", "tui"),
    [
        ("selected(${m}, 'a')", "selected(${m}, 'a')"),
        ("count-selected(${m}) >= 2", "count_selected(${m}) >= 2"),
        ("string-length(.) = 13", "length(.) = 13"),
        ("regex(., '^[0-9]+$')", "regex(., '^[0-9]+$')"),
        ("not(${a} = 1) or ${b} != 2", "not(${a} = 1) or ${b} != 2"),
        ("if(${a} > 1, 'x', 'y')", "if(${a} > 1, 'x', 'y')"),
        ("concat(${First-Name}, ' ', ${b})", "concat(${first_name}, ' ', ${b})"),
        ("${a} div 2 + ${a} mod 3", "${a} div 2 + ${a} mod 3"),
        ("starts-with(${b}, 'x') and true()", "starts_with(${b}, 'x') and true"),
        (". <= today()", ". <= today()"),
    ],
)
def test_expressions_translate(xls: str, tui: str) -> None:
    done = translate(xls, lambda name: {"First-Name": "first_name"}.get(name, name))
    assert done.text == tui
    assert done.unknown == [] and done.drop == []


def test_choice_name_and_sums_over_a_roster(tmp_path: Path) -> None:
    survey: Sheet = [
        ["type", "name", "label", "calculation"],
        ["begin repeat", "members", "Members", None],
        ["select_one yn", "sex", "Sex", None],
        ["integer", "age", "Age", None],
        ["note", "said", "jr:choice-name(${sex}, '${sex}')", None],
        ["end repeat", None, None, None],
        ["calculate", "total_age", None, "sum(${age})"],
        ["calculate", "oldest", None, "max(${age})"],
        ["calculate", "people", None, "count(${age})"],
        ["calculate", "sex_label", None, "jr:choice-name(${sex}, '${sex}')"],
        ["text", None, "No name", None],
    ]
    choices = [["list_name", "name", "label"], ["yn", "1", "Yes"]]
    tree, conversion = convert(tmp_path, survey, choices)
    fields = by_name(tree["fields"])
    assert fields["total_age"]["calculate"] == "sum(${members}, ${age})"
    assert fields["oldest"]["calculate"] == "max(${members}, ${age})"
    assert fields["people"]["calculate"] == "count(${members})"
    assert fields["sex_label"]["calculate"] == "label(${sex})"
    assert "form.xlsx:survey row 11: 'text' without a name is not converted" in "\n".join(
        conversion.notes
    )


def test_expressions_that_do_not_map() -> None:
    kept = translate("format-number(${a})", lambda n: n)
    assert kept.text == "format-number(${a})" and kept.unknown == ["the function format-number()"]
    assert translate("pulldata('f', 'c', 'k', ${a})", lambda n: n).drop
    assert translate("jr:itext('x')", lambda n: n).drop
    assert translate("/data/a > 1", lambda n: n).unknown


NOT_MAPPED = [
    ("geopoint", "gps"),
    ("image", "photo"),
    ("audio", "voice"),
    ("barcode", "code"),
    ("start", "started"),
    ("end", "ended"),
    ("deviceid", "device"),
    ("trigger", "ack"),
    ("rank yn", "ranked"),
    ("range", "slider"),
    ("select_one_from_file villages.csv", "village"),
]


def test_types_that_do_not_map_are_listed_with_their_row(tmp_path: Path) -> None:
    survey: Sheet = [["type", "name", "label"], ["text", "kept", "Kept"]]
    survey += [[kind, name, name] for kind, name in NOT_MAPPED]
    tree, conversion = convert(tmp_path, survey, YES_NO)
    assert [f["name"] for f in tree["fields"]] == ["kept"]
    for row, (kind, name) in enumerate(NOT_MAPPED, start=3):
        prefix = f"form.xlsx:survey row {row}: {kind!r} ({name}) is not converted: "
        assert any(note.startswith(prefix) for note in conversion.notes), prefix
    assert conversion.valid, errors(conversion)
    assert "# Notes from the conversion" in conversion.yaml_text


def test_functions_and_columns_that_do_not_map(tmp_path: Path) -> None:
    survey: Sheet = [
        ["type", "name", "label", "calculation", "media::image", "appearance"],
        ["integer", "a", "A", None, "a.png", "field-list"],
        ["calculate", "b", None, "pulldata('f', 'c', 'k', ${a})", None, None],
        ["calculate", "c", None, "format-number(${a})", None, None],
        ["select_one yn or_other", "d", "D", None, None, None],
    ]
    tree, conversion = convert(tmp_path, survey, YES_NO)
    notes = "\n".join(conversion.notes)
    assert "form.xlsx:survey row 2: the column media::image is not converted" in notes
    assert "form.xlsx:survey row 2: appearance 'field-list' is not converted" in notes
    assert "form.xlsx:survey row 3: calculation" in notes and "pulldata()" in notes
    assert "form.xlsx:survey row 4: calculation 'format-number(${a})' is kept as written" in notes
    assert "form.xlsx:survey row 5: or_other is not converted" in notes
    assert "b" not in by_name(tree["fields"])
    # the unknown function stays as written, and the form check says so too
    assert any(p.field == "c" and p.severity == "error" for p in conversion.problems)
    assert not conversion.valid


def test_names_are_converted_and_references_rewritten(tmp_path: Path) -> None:
    survey: Sheet = [
        ["type", "name", "label", "relevant"],
        ["select_one Yes-No", "Has-Water", "Water?", None],
        ["text", "Water.Source", "Source of ${Has-Water}", "${Has-Water} = 'Yes'"],
    ]
    choices: Sheet = [
        ["list_name", "name", "label"],
        ["Yes-No", "Yes", "Yes"],
        ["Yes-No", "No", "No"],
    ]
    tree, conversion = convert(tmp_path, survey, choices)
    water, source = tree["fields"]
    assert water["name"] == "has_water" and water["choices"] == "yes_no"
    assert source["name"] == "water_source"
    assert source["label"] == "Source of ${has_water}"
    assert source["relevant"] == "${has_water} = 'yes'"  # the renamed choice value
    assert [c["value"] for c in tree["choices"]["yes_no"]] == ["yes", "no"]
    notes = "\n".join(conversion.notes)
    assert "form.xlsx:survey row 2: the name 'Has-Water' is renamed 'has_water'" in notes
    assert "form.xlsx:choices row 2: the name 'Yes-No' is renamed 'yes_no'" in notes


def test_unknown_setting_is_listed(tmp_path: Path) -> None:
    settings: Sheet = [["form_id", "version", "public_key"], ["f", "1", "abc"]]
    _, conversion = convert(
        tmp_path, [["type", "name", "label"], ["text", "a", "A"]], None, settings
    )
    assert conversion.notes == [
        "form.xlsx:settings row 2: the setting public_key is not converted:"
        " tui-cia has no such setting"
    ]


def test_not_a_workbook_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("this is not a zip", encoding="utf-8")
    with pytest.raises(XlsFormError, match="not a readable XLSForm workbook"):
        convert_xlsform(bad)


def test_workbook_without_survey_sheet_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "questions"
    book.create_sheet("lists")
    book.save(tmp_path / "nosurvey.xlsx")
    with pytest.raises(XlsFormError, match="has no sheet named survey"):
        convert_xlsform(tmp_path / "nosurvey.xlsx")


def test_an_old_excel_xls_workbook_converts_as_the_xlsx_does(tmp_path: Path) -> None:
    import xlwt

    survey = [
        ["type", "name", "label::Thai (th)", "label::English (en)", "required"],
        ["text", "head_name", "ชื่อหัวหน้าครัวเรือน", "Head", "yes"],
        ["select_one yn", "water", "มีน้ำสะอาด", "Clean water", ""],
        ["geopoint", "where", "พิกัด", "Location", ""],
    ]
    choices = [
        ["list_name", "name", "label::Thai (th)", "label::English (en)"],
        ["yn", "1", "ใช่", "Yes"],
        ["yn", "2", "ไม่ใช่", "No"],
    ]
    book = xlwt.Workbook(encoding="utf-8")
    for title, rows in (("survey", survey), ("choices", choices)):
        sheet = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.save(str(tmp_path / "old.xls"))
    old = convert_xlsform(tmp_path / "old.xls")
    new = convert_xlsform(write_xlsx(tmp_path / "new.xlsx", survey, choices))
    fields = yaml.safe_load(old.yaml_text)["fields"]
    assert old.valid and fields == yaml.safe_load(new.yaml_text)["fields"]
    assert [f["name"] for f in fields] == ["head_name", "water"]
    assert fields[0]["label"] == {"th": "ชื่อหัวหน้าครัวเรือน", "en": "Head"}
    assert any("old.xls:survey row 4" in note for note in old.notes), old.notes


def test_an_empty_or_oversized_workbook_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_cia.survey import limits

    empty = write_xlsx(tmp_path / "empty.xlsx", [])
    with pytest.raises(XlsFormError, match="survey sheet is empty"):
        convert_xlsform(empty)
    rows = [["type", "name", "label"], *(["text", f"q{i}", "Q"] for i in range(30))]
    many = write_xlsx(tmp_path / "many.xlsx", rows)
    monkeypatch.setattr(limits, "XLSFORM_ROWS", 20)
    with pytest.raises(XlsFormError, match="30 rows in the survey and choices sheets"):
        convert_xlsform(many)
    monkeypatch.setattr(limits, "XLSFORM_BYTES", 1000)
    with pytest.raises(XlsFormError, match="larger than 0 MiB"):
        convert_xlsform(many)


# Modelled on the household survey templates published for ODK and KoBoToolbox: metadata,
# consent, a member roster repeated hh_size times, and counts over the roster.
HOUSEHOLD: Sheet = [
    [
        *LANG,
        "required",
        "relevant",
        "constraint",
        "constraint_message::English (en)",
        "calculation",
        "repeat_count",
        "appearance",
    ],
    ["start", "start", None, None, None, None, None, None, None, None, None],
    ["end", "end", None, None, None, None, None, None, None, None, None],
    ["deviceid", "deviceid", None, None, None, None, None, None, None, None, None],
    ["today", "today", None, None, None, None, None, None, None, None, None],
    [
        "select_one yes_no",
        "consent",
        "ยินยอม",
        "Consent given?",
        "yes",
        None,
        None,
        None,
        None,
        None,
        "quick",
    ],
    [
        "begin group",
        "hh",
        "ครัวเรือน",
        "Household",
        None,
        "${consent} = 'yes'",
        None,
        None,
        None,
        None,
        "field-list",
    ],
    [
        "text",
        "Head_Name",
        "ชื่อหัวหน้า",
        "Name of the head",
        "yes",
        None,
        "string-length(.) >= 2",
        "At least two letters",
        None,
        None,
        None,
    ],
    [
        "integer",
        "hh_size",
        "จำนวนสมาชิก",
        "Household size",
        "yes",
        None,
        ". > 0 and . <= 30",
        "1 to 30",
        None,
        None,
        None,
    ],
    ["geopoint", "gps", "พิกัด", "Location", None, None, None, None, None, None, None],
    ["end group", None, None, None, None, None, None, None, None, None, None],
    [
        "begin repeat",
        "members",
        "สมาชิก",
        "Members",
        None,
        "${consent} = 'yes'",
        None,
        None,
        None,
        "${hh_size}",
        None,
    ],
    ["text", "member_name", "ชื่อ", "Name", "yes", None, None, None, None, None, None],
    ["select_one sex", "sex", "เพศ", "Sex", "yes", None, None, None, None, None, None],
    [
        "integer",
        "age",
        "อายุ",
        "Age",
        "yes",
        None,
        ". >= 0 and . <= 120",
        "0 to 120",
        None,
        None,
        None,
    ],
    [
        "select_one yes_no",
        "in_school",
        "เรียนอยู่",
        "In school?",
        None,
        "${age} >= 5 and ${age} <= 17",
        None,
        None,
        None,
        None,
        None,
    ],
    ["image", "photo", "รูป", "Photo", None, None, None, None, None, None, None],
    ["end repeat", None, None, None, None, None, None, None, None, None, None],
    [
        "calculate",
        "children",
        None,
        None,
        None,
        None,
        None,
        None,
        "count(${members}, ${age} < 18)",
        None,
        None,
    ],
    [
        "note",
        "thanks",
        "ขอบคุณ ${Head_Name}",
        "Thank you, ${Head_Name}",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ],
]
HOUSEHOLD_CHOICES: Sheet = [
    ["list_name", "name", "label::Thai (th)", "label::English (en)"],
    ["yes_no", "yes", "ใช่", "Yes"],
    ["yes_no", "no", "ไม่ใช่", "No"],
    ["sex", "male", "ชาย", "Male"],
    ["sex", "female", "หญิง", "Female"],
]


def test_public_style_household_survey_with_roster(tmp_path: Path) -> None:
    settings: Sheet = [
        ["form_title", "form_id", "version", "default_language", "instance_name"],
        [
            "Household survey",
            "household_survey",
            "2024010101",
            "Thai (th)",
            "concat(${Head_Name}, ' ', ${hh_size})",
        ],
    ]
    tree, conversion = convert(tmp_path, HOUSEHOLD, HOUSEHOLD_CHOICES, settings)
    assert conversion.valid, errors(conversion)
    form = load_form_text(conversion.yaml_text, "form.yaml")
    assert form.settings.id == "household_survey"
    assert tree["form"]["instance_name"] == "concat(${head_name}, ' ', ${hh_size})"
    fields = by_name(tree["fields"])
    assert fields["members"]["count"] == "${hh_size}"
    assert fields["in_school"]["relevant"] == "${age} >= 5 and ${age} <= 17"
    assert fields["children"]["calculate"] == "count(${members}, ${age} < 18)"
    notes = "\n".join(conversion.notes)
    for row, what in [
        (2, "'start'"),
        (3, "'end'"),
        (4, "'deviceid'"),
        (5, "'today'"),
        (10, "'geopoint'"),
        (17, "'image'"),
    ]:
        assert f"form.xlsx:survey row {row}: {what}" in notes
    assert "form.xlsx:survey row 7: appearance 'field-list' is not converted" in notes
    assert "the name 'Head_Name' is renamed 'head_name'" in notes


# Modelled on ODK's published cascading-select example: state, county, city, each list
# filtered by the answer before it through a column of the choices sheet.
def test_public_style_cascading_selects(tmp_path: Path) -> None:
    survey: Sheet = [
        ["type", "name", "label", "choice_filter", "required"],
        ["select_one states", "state", "State", None, "yes"],
        ["select_one counties", "county", "County", "state=${state}", "yes"],
        ["select_one cities", "city", "City", "state=${state} and county=${county}", "yes"],
    ]
    choices: Sheet = [
        ["list_name", "name", "label", "state", "county"],
        ["states", "texas", "Texas", None, None],
        ["states", "washington", "Washington", None, None],
        ["counties", "brewster", "Brewster", "texas", None],
        ["counties", "king", "King", "washington", None],
        ["cities", "alpine", "Alpine", "texas", "brewster"],
        ["cities", "seattle", "Seattle", "washington", "king"],
    ]
    tree, conversion = convert(tmp_path, survey, choices)
    assert conversion.valid, errors(conversion)
    load_form_text(conversion.yaml_text, "form.yaml")
    assert tree["fields"][2]["choice_filter"] == "state=${state} and county=${county}"
    assert tree["choices"]["cities"][0] == {
        "value": "alpine",
        "label": "Alpine",
        "state": "texas",
        "county": "brewster",
    }
    assert tree["form"]["id"] == "form"  # no settings sheet: the file's name


def test_cli_writes_beside_refuses_overwrite_and_forces(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "hh.xlsx", HOUSEHOLD, HOUSEHOLD_CHOICES)
    runner = CliRunner()
    first = runner.invoke(main, ["forms", "import-xlsform", str(source)])
    assert first.exit_code == 0, first.output
    assert "hh.xlsx:survey row 10: 'geopoint' (gps) is not converted" in first.output
    assert load_form_text((tmp_path / "hh.yaml").read_text(encoding="utf-8"), "hh.yaml")
    again = runner.invoke(main, ["forms", "import-xlsform", str(source)])
    assert again.exit_code == 1 and "exists: give --force" in again.output
    forced = runner.invoke(main, ["forms", "import-xlsform", str(source), "--force"])
    assert forced.exit_code == 0
    out = tmp_path / "other.yaml"
    moved = runner.invoke(main, ["forms", "import-xlsform", str(source), "--out", str(out)])
    assert moved.exit_code == 0 and out.exists()


def test_cli_refuses_a_broken_file_plainly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\x00\x01 not a zip")
    result = CliRunner().invoke(main, ["forms", "import-xlsform", str(bad)])
    assert result.exit_code == 1
    assert "error:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "bad.yaml").exists()


def test_what_is_left_out_takes_its_references_and_empty_containers(tmp_path: Path) -> None:
    survey: Sheet = [
        ["type", "name", "label", "relevant"],
        ["begin group", "loc", "Location", None],
        ["geopoint", "gps", "GPS", None],
        ["end group", None, None, None],
        ["text", "b", "B", "${gps} != ''"],
        ["end group", None, None, None],
        ["begin repeat", "r", "R", None],
        ["text", "c", "C", None],
    ]
    tree, conversion = convert(tmp_path, survey)
    assert conversion.valid, errors(conversion)
    assert tree["fields"][0] == {"name": "b", "type": "text", "label": "B"}
    assert tree["fields"][1]["repeat"] == "r"
    assert conversion.notes == [
        "form.xlsx:survey row 3: 'geopoint' (gps) is not converted:"
        " tui-cia has no GPS field: use two decimal fields",
        "form.xlsx:survey row 2: group loc is not converted: none of its fields are",
        "form.xlsx:survey row 5: relevant \"${gps} != ''\" is not converted:"
        " it refers to ${gps}, not converted",
        "form.xlsx:survey row 6: end group is not converted: no begin group is open",
        "form.xlsx:survey row 7: begin repeat has no end repeat: closed at the end of the sheet",
    ]


def test_the_household_workbook_is_a_real_xlsform(tmp_path: Path) -> None:
    """pyxform's own converter accepts the workbook the public-style test converts."""
    from pyxform.xls2xform import convert as to_xform

    settings: Sheet = [["form_id", "version"], ["household_survey", "1"]]
    path = write_xlsx(tmp_path / "hh.xlsx", HOUSEHOLD, HOUSEHOLD_CHOICES, settings)
    assert "<h:html" in to_xform(xlsform=str(path)).xform


def test_cli_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["forms", "import-xlsform", "--help"])
    assert result.exit_code == 0
    assert "tui-cia forms import-xlsform household.xlsx" in result.output
