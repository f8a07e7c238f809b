"""Library problems on screen in one language: Thai where the catalogue knows the wording,
the whole line English where it does not, never a Thai frame around an English reason."""

from __future__ import annotations

from tui_cia.errors import TuiCiaError
from tui_cia.tui.said import said, t_why
from tui_cia.wordings import has_words


def test_a_known_wording_is_said_in_thai() -> None:
    problem = TuiCiaError("this encrypted bundle is cut short: copy it again")
    assert said(problem, "th") == ("ไฟล์ชุดข้อมูลที่เข้ารหัสนี้ไม่ครบ: คัดลอกมาใหม่", "th")
    line = t_why("sync.failed", "th", problem)
    assert line.startswith("ทำไม่สำเร็จ") and not has_words(line)


def test_an_unknown_wording_keeps_the_whole_line_english() -> None:
    problem = TuiCiaError("something nobody has translated yet")
    assert said(problem, "th") == ("something nobody has translated yet", "en")
    assert t_why("sync.failed", "th", problem) == "Failed: something nobody has translated yet"


def test_a_problem_with_its_own_thai_uses_it() -> None:
    class Busy(TuiCiaError):
        def message(self, lang: str) -> str:
            return "ฐานข้อมูลถูกใช้อยู่" if lang == "th" else "the database is busy"

    assert said(Busy("the database is busy"), "th") == ("ฐานข้อมูลถูกใช้อยู่", "th")
    assert "(the database is busy)" in t_why("db.unreadable", "en", Busy("x"))
