"""Home's light first read: the same tables the store gives, village names without a parse,
and None (the store decides) for anything that is not a tui-cia database with a form."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from formtools import FORMS, copy_sample

from tui_cia.storage import Store
from tui_cia.survey import load_form, load_form_text
from tui_cia.tui.overview import DRAFTS, RECENT, ReadAhead, read_overview
from tui_cia.tui.quicklabels import Labels, village_labels

BMN = (FORMS / "bmn.yaml").read_text(encoding="utf-8")
VILLAGES = (FORMS / "areas" / "villages.csv").read_text(encoding="utf-8")
FILES = json.dumps({"areas/villages.csv": VILLAGES})


def test_the_first_read_is_what_the_store_shows(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    found = read_overview(db)
    store = Store(db)
    try:
        assert found is not None and found.form_id == "bmn"
        assert found.counts == store.counts("bmn")
        drafts = store.list_records("bmn", status="draft", limit=DRAFTS)
        seen = {r.uuid for r in drafts}
        recent = [r for r in store.list_records("bmn", limit=RECENT) if r.uuid not in seen]
        expected = [(r.uuid, r.status, r.round, r.area, r.key, r.name, r.modified_at)
                    for r in drafts + recent]  # fmt: skip
        got = [(r.uuid, r.status, r.round, r.area, r.key, r.name, r.modified_at)
               for r in found.records]  # fmt: skip
        assert got == expected and any(r.status == "draft" for r in found.records)
    finally:
        store.close()


def test_the_first_read_names_villages_as_the_parsed_form_does(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    found = read_overview(db)
    assert found is not None
    with sqlite3.connect(db) as conn:
        text, files = conn.execute("SELECT yaml, files FROM form_versions").fetchone()
    form = load_form_text(text, "bmn", None, json.loads(files))
    villages = form.choices["villages"].by_value
    shown = {area for area, *_ in found.counts} | {r.area for r in found.records}
    assert shown and set(found.labels.by_value) == shown  # only the villages Home lists
    for value in shown:
        for lang in ("th", "en", "fr"):
            assert found.labels.get(value, lang) == villages[value].label.get(lang)


def test_the_first_read_changes_nothing(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    before = db.read_bytes()
    assert read_overview(db) is not None
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [db.name]


def test_the_store_decides_about_anything_else(tmp_path: Path) -> None:
    assert read_overview(tmp_path / "missing.db") is None
    assert not (tmp_path / "missing.db").exists()  # not created by looking
    (tmp_path / "text.db").write_text("not a database", encoding="utf-8")
    assert read_overview(tmp_path / "text.db") is None
    sqlite3.connect(tmp_path / "empty.db").close()
    assert read_overview(tmp_path / "empty.db") is None
    Store(tmp_path / "new.db").close()  # a tui-cia database, without forms yet
    assert read_overview(tmp_path / "new.db") is None


def test_a_database_without_bmn_shows_its_first_form(tmp_path: Path) -> None:
    store = Store(tmp_path / "v.db")
    store.add_form(load_form(FORMS / "village.yaml"))
    store.close()
    found = read_overview(tmp_path / "v.db")
    assert found is not None and found.form_id == "village" and found.counts == []


def test_the_read_ahead_hands_over_what_it_read_or_what_went_wrong(tmp_path: Path) -> None:
    db = copy_sample(tmp_path)
    calls: list[str] = []
    ahead = ReadAhead(db, lambda: calls.append("ready"))
    found = ahead.result()
    assert calls == ["ready"] and found is not None and ahead.ready() is found

    def broken() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        ReadAhead(db, broken).result()


@pytest.mark.parametrize(
    "choices",
    [
        "choices:\n  villages:\n    file: areas/villages.csv\n",
        "choices:\n  villages: {file: areas/villages.csv}\n",
        "choices:\n  # the areas\n  villages:   # from the CSV\n\n    file: 'areas/villages.csv'\n",
        "choices:\n  yes_no:\n    - {value: '1', label: {th: ใช่, en: 'Yes'}}\n"
        '  villages:\n    file: "areas/villages.csv"\n',
    ],
)
def test_village_names_are_found_in_the_usual_shapes(choices: str) -> None:
    text = "form:\n  id: t\n  languages: [th, en]\n\n" + choices + "fields: []\n"
    labels = village_labels(text, FILES)
    assert labels.get("16010401", "en") == "Moo 1 Ban Kong Thanu"
    assert labels.get("16010401", "th") == "หมู่ 1 บ้านโก่งธนู"


@pytest.mark.parametrize(
    "text",
    [
        "form: {id: t}\nchoices: {villages: {file: areas/villages.csv}}\n",  # flow style
        "form:\n  id: t\nchoices:\n  villages:\n    - {value: '1', label: One}\n",  # inline
        "form:\n  id: t\nchoices:\n  villages:\n    file: areas/other.csv\n",  # not stored
        "form:\n  id: t\nchoices:\n  tambons:\n    villages:\n      file: areas/villages.csv\n",
        "form:\n  id: t\nfields:\n  - name: v\n    choices: villages\n",  # no list at all
    ],
)
def test_any_other_shape_gives_no_names(text: str) -> None:
    assert village_labels(text, FILES) == Labels()


def test_the_form_languages_decide_which_labels_count() -> None:
    head = "form:\n  id: t\n  languages: [th]\n"
    only_thai = village_labels(
        head + "choices:\n  villages:\n    file: areas/villages.csv\n", FILES
    )
    assert only_thai.get("16010401", "en") == "หมู่ 1 บ้านโก่งธนู"  # as Text.get falls back
    head = "form:\n  id: t\n  languages: [th, en]\n  default_language: en\n"
    english = village_labels(head + "choices:\n  villages:\n    file: areas/villages.csv\n", FILES)
    assert english.default == "en" and english.get("16010401", "fr") == "Moo 1 Ban Kong Thanu"


def test_the_shipped_form_is_of_the_usual_shape() -> None:
    assert len(village_labels(BMN, FILES).by_value) == VILLAGES.count("\n") - 1


def test_only_the_wanted_villages_are_read_unless_the_file_has_quotes() -> None:
    files = {"areas/villages.csv": VILLAGES}
    text = "form:\n  id: t\nchoices:\n  villages:\n    file: areas/villages.csv\n"
    few = village_labels(text, json.dumps(files), {"16010401", "16010999"})
    assert set(few.by_value) == {"16010401"}
    quoted = VILLAGES.replace("Moo 1 Ban Kong Thanu", '"Moo 1, Ban Kong Thanu"')
    some = village_labels(text, json.dumps({"areas/villages.csv": quoted}), {"16010401"})
    assert some.get("16010401", "en") == "Moo 1, Ban Kong Thanu"
    assert len(some.by_value) == VILLAGES.count("\n") - 1  # read whole: rows may span lines
