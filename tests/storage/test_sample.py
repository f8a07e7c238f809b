"""The synthetic sample: rebuilt identically, realistic, and valid against the form."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from formtools import SAMPLE_DB, copy_sample

from tui_cia.cli import main
from tui_cia.storage import Store
from tui_cia.survey.thaiid import thai_id_valid


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.slow
def test_the_committed_sample_is_what_the_command_builds(tmp_path: Path) -> None:
    out = tmp_path / "rebuilt.db"
    result = CliRunner().invoke(
        main, ["sample", "--out", str(out), "--households", "1800", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    assert dump(out) == dump(SAMPLE_DB)


def test_the_sample_looks_like_a_tambon(tmp_path: Path) -> None:
    conn = sqlite3.connect(copy_sample(tmp_path))
    villages = conn.execute("SELECT count(DISTINCT area) FROM records").fetchone()[0]
    assert villages == 10
    sizes = [
        n for (n,) in conn.execute("SELECT count(*) FROM records WHERE round = 2564 GROUP BY area")
    ]
    assert 1500 <= sum(sizes) <= 2000 and min(sizes) >= 50 and max(sizes) <= 400
    statuses = dict(conn.execute("SELECT status, count(*) FROM records GROUP BY status"))
    assert statuses["draft"] > 0 and statuses["verified"] > 0
    assert {r for (r,) in conn.execute("SELECT DISTINCT round FROM records")} == {2564, 2565}
    members = [
        len(json.loads(d).get("members", []))
        for (d,) in conn.execute("SELECT data FROM records WHERE status != 'draft'")
    ]
    assert min(members) >= 1 and max(members) <= 9 and 2.6 <= sum(members) / len(members) <= 3.5
    low = conn.execute(
        "SELECT avg(income_per_person < 38000) FROM form_bmn WHERE _status != 'draft'"
    ).fetchone()[0]
    assert 0.05 <= low <= 0.15
    ids = [
        i
        for (i,) in conn.execute(
            "SELECT national_id FROM form_bmn_members WHERE national_id IS NOT NULL LIMIT 500"
        )
    ]
    assert ids and all(thai_id_valid(i) for i in ids)


def test_every_finished_sample_record_passes_the_form(tmp_path: Path) -> None:
    from tui_cia.storage.importer import Candidate, Importer

    store = Store(copy_sample(tmp_path))
    rows = store.conn.execute(
        "SELECT uuid, status, data, confirmed FROM records WHERE status != 'draft' LIMIT 400"
    )
    candidates = []
    for uuid, status, data, confirmed in rows.fetchall():
        env = {"status": status, "data": json.loads(data), "confirmed": json.loads(confirmed)}
        candidates.append(Candidate(uuid, env))
    checked = Importer(store, store.forms.get("bmn")).checker.check(candidates)
    assert checked.problems == []
    assert len(checked.rows.records) == len(candidates)


@pytest.mark.slow
def test_a_province_sized_sample_generates_areas_and_reuses_households(tmp_path: Path) -> None:
    from tui_cia.storage.sample import generate_sample

    store = Store(tmp_path / "province.db")
    report = generate_sample(store, households=4500, seed=7, prototypes=40)
    assert report.households == 4500 and report.villages >= 12
    conn = store.conn
    areas = [a for (a,) in conn.execute("SELECT DISTINCT area FROM records")]
    assert all(len(a) == 8 and a.startswith("16") for a in areas)
    assert len({a[:6] for a in areas}) >= 2  # several tambons
    distinct = conn.execute(
        "SELECT count(DISTINCT m.national_id) * 1.0 / count(*) FROM form_bmn_members m "
        "JOIN form_bmn h ON h._uuid = m._uuid WHERE h.survey_round = 2564"
    ).fetchone()[0]
    assert distinct > 0.99  # cloned households get new id numbers
    ids = [i for (i,) in conn.execute("SELECT national_id FROM form_bmn_members LIMIT 300")]
    assert all(thai_id_valid(i) for i in ids if i)


def test_the_sample_meets_its_target_rates_in_both_rounds(tmp_path: Path) -> None:
    """Each indicator with enough people or households is near the rate the sample was
    built to meet (published figures where there are any), and moves little in a year."""
    from sample_rates import adult_share, rates

    from tui_cia.storage.sample.goals import TARGETS

    store = Store(copy_sample(tmp_path))
    first, second = rates(store, 2564), rates(store, 2565)
    for ident, (aim_1, aim_2) in TARGETS.items():
        for row, aim in ((first[ident], aim_1), (second[ident], aim_2)):
            if row["applicable"] >= 500:
                assert abs(row["rate"] - aim) <= 2.5, (ident, row["rate"], aim)
        if first[ident]["applicable"] >= 500:
            assert abs(second[ident]["rate"] - first[ident]["rate"]) <= 3, ident
    for round_ in (2564, 2565):
        assert 24 <= adult_share(store.conn, "i24_drinks", round_) <= 32  # NSO: about 28 %
        assert 14 <= adult_share(store.conn, "i25_smokes", round_) <= 21  # NSO: 17-18 %
    # Babies are born between the rounds: the latest round has newborns to judge.
    assert second["i01"]["applicable"] >= 20 and second["i02"]["applicable"] >= 8
    assert 0 < second["i23"]["failed"] < second["i23"]["passed"]  # some do not save
    verified = store.conn.execute(
        "SELECT count(*), count(verifier_name), count(verified_date) FROM form_bmn "
        "WHERE _status = 'verified'"
    ).fetchone()
    assert verified[0] > 0 and verified[0] == verified[1] == verified[2]
