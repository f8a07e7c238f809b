"""Loading good forms: settings, texts, choices inline and from CSV, containers, the graph."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from formtools import TODAY, make_form, problems_of

from tui_cia.survey import FormSession, load_form
from tui_cia.survey.loader import content_hash
from tui_cia.survey.schema import Field, Group, Repeat


def test_settings_are_read() -> None:
    form = make_form(
        """\
        fields:
          - {name: village, type: text, label: V}
          - {name: house_no, type: text, label: H}
          - {name: yr, type: integer, label: Y}
        """,
        header=(
            'form:\n  id: hh\n  version: "2565.1"\n  title: {th: ครัวเรือน, en: Household}\n'
            "  languages: [th, en]\n  default_language: en\n  key: [village, house_no]\n"
            "  instance_name: \"concat(${house_no}, '/', ${village})\"\n  area: village\n"
            "  round: yr\n  calendar: gregorian\n"
        ),
    )
    s = form.settings
    assert (s.id, s.version, s.default_language, s.calendar) == ("hh", "2565.1", "en", "gregorian")
    assert s.key == ("village", "house_no") and (s.area, s.round) == ("village", "yr")
    assert s.title.get("th") == "ครัวเรือน"
    session = FormSession(form, today=TODAY)
    session.enter(("house_no",), "5")
    session.enter(("village",), "v1")
    assert session.instance_name() == "5/v1"
    assert session.lang == "en"


def test_gregorian_calendar_types_and_shows_gregorian_years() -> None:
    form = make_form(
        "fields:\n  - {name: d, type: date, label: D}\n",
        header='form: {id: t, version: "1", calendar: gregorian}\n',
    )
    session = FormSession(form, today=TODAY)
    assert session.enter(("d",), "02/04/1968").value == dt.date(1968, 4, 2)
    assert session.display(("d",)) == "02/04/1968"


def test_texts_fall_back_to_the_default_language_with_a_warning() -> None:
    body = "fields:\n  - {name: a, type: text, label: {th: ชื่อ}, hint: Plain for all}\n"
    problems = problems_of(body)
    assert [(p.code, p.severity) for p in problems] == [("FORM021", "warning")]
    field = make_form(body).field("a")
    assert field.label.get("en") == "ชื่อ"
    assert field.hint.get("th") == field.hint.get("en") == "Plain for all"


def test_inline_choices_keep_extra_columns_and_int_values() -> None:
    form = make_form("""\
        choices:
          amphoe:
            - {value: 1601, label: {th: เมือง, en: Mueang}, province: "16"}
        fields:
          - {name: a, type: select_one, choices: amphoe, label: A}
        """)
    choice = form.choices["amphoe"].choices[0]
    assert (choice.value, choice.columns) == ("1601", {"province": "16"})


def test_choices_from_a_csv_file_beside_the_form(tmp_path: Path) -> None:
    (tmp_path / "areas").mkdir()
    (tmp_path / "areas" / "t.csv").write_text(
        "\ufeffvalue,label_th,label_en,amphoe\n160104,โก่งธนู,Kong Thanu,1601\n"
        "160201,ช่องสาริกา,,1602\n",
        encoding="utf-8",
    )
    (tmp_path / "f.yaml").write_text(
        'form: {id: t, version: "1", languages: [th, en]}\n'
        "choices:\n  tambon: {file: areas/t.csv}\n"
        "fields:\n  - {name: a, type: text, label: {th: อ, en: A}}\n"
        "  - {name: t, type: select_one, choices: tambon, label: {th: ต, en: T},\n"
        "     choice_filter: 'amphoe = ${a}'}\n",
        encoding="utf-8",
    )
    form = load_form(tmp_path / "f.yaml")
    first, second = form.choices["tambon"].choices
    assert first.label.get("en") == "Kong Thanu" and first.columns == {"amphoe": "1601"}
    assert second.label.get("en") == "ช่องสาริกา"  # a blank English label falls back to Thai
    session = FormSession(form, today=TODAY)
    session.enter(("a",), "1601")
    assert [c.value for c in session.choices(("t",))] == ["160104"]


def test_a_choice_file_outside_the_form_folder_is_refused(tmp_path: Path) -> None:
    problems = problems_of("choices:\n  v: {file: ../secret.csv}\nfields: []\n", base_dir=tmp_path)
    assert [p.code for p in problems] == ["FORM024"]


def test_containers_build_a_tree_with_parents() -> None:
    form = make_form("""\
        fields:
          - group: g
            label: G
            fields:
              - repeat: r
                label: R
                fields:
                  - {name: x, type: integer, label: X}
        """)
    x = form.field("x")
    assert isinstance(x, Field) and isinstance(x.repeat, Repeat)
    assert isinstance(form.items["g"], Group)
    assert [a.name for a in x.ancestors()] == ["r", "g", ""]


def test_content_hash_ignores_line_endings_only() -> None:
    assert content_hash("a: 1\r\nb: 2\n") == content_hash("a: 1\nb: 2\n")
    assert content_hash("a: 1\n") != content_hash("a: 2\n")


@pytest.fixture
def nested() -> FormSession:
    return FormSession(
        make_form("""\
            fields:
              - repeat: plots
                label: Plots
                fields:
                  - {name: plot_name, type: text, label: N}
                  - repeat: crops
                    label: Crops
                    min: 1
                    fields:
                      - {name: rai, type: decimal, label: Rai}
                      - {name: note, type: text, label: Note, relevant: '${rai} > 10'}
                  - {name: plot_rai, type: calculate, calculate: 'sum(${crops}, ${rai})'}
              - {name: total_rai, type: calculate, calculate: 'sum(${plots}, ${plot_rai})'}
            """),
        today=TODAY,
    )


def test_nested_repeats_hold_their_own_instances(nested: FormSession) -> None:
    nested.add_instance(("plots",))
    nested.add_instance(("plots",))
    assert nested.instance_count(("plots", 0, "crops")) == 1  # min applies to each plot
    nested.add_instance(("plots", 1, "crops"))
    nested.enter(("plots", 0, "crops", 0, "rai"), "4")
    nested.enter(("plots", 1, "crops", 0, "rai"), "2.5")
    nested.enter(("plots", 1, "crops", 1, "rai"), "12")
    assert nested.value(("plots", 1, "plot_rai")) == 14.5
    assert nested.value(("total_rai",)) == 18.5
    assert nested.is_relevant(("plots", 1, "crops", 1, "note"))
    assert not nested.is_relevant(("plots", 1, "crops", 0, "note"))
    nested.remove_instance(("plots", 1, "crops"), 1)
    assert nested.value(("total_rai",)) == 6.5
    data = nested.to_data()
    assert data["plots"][1]["crops"] == [{"rai": 2.5}]
    names = [p[-1] for p in nested.nav.positions()]
    assert names.count("rai") == 2 and "note" not in names
