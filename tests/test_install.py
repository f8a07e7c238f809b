"""tui-cia as users install it: sdist, then a wheel from it, in a fresh venv outside the clone.

The build runs offline with the project's own backend (.packaging/backend.py) and the
setuptools of the test environment. The fresh venv gets only the wheel; its dependencies
(Textual, pandas, ...) are borrowed from the test environment by a path entry, which adds
no .pth processing, so the checkout's editable install is not seen there.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds and installs a wheel: a minute on a busy machine

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["tui_cia", "forms", "sample_db", ".packaging", "pyproject.toml", "README.md", "LICENSE"]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "_shipped", "*.egg-info")


def run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def copy_sources(target: Path) -> Path:
    target.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=IGNORE)
        else:
            shutil.copy2(source, target / name)
    return target


def build_sdist(src: Path, out: Path) -> Path:
    hook = "import sys; sys.path.insert(0, '.packaging'); import backend; "
    hook += f"print('sdist:', backend.build_sdist({str(out)!r}))"
    said = run([sys.executable, "-c", hook], src).splitlines()
    name = next(line for line in said if line.startswith("sdist: ")).removeprefix("sdist: ")
    return out / name


def wheel_from_sdist(sdist: Path, work: Path) -> Path:
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "unpacked", filter="data")
    (unpacked,) = (work / "unpacked").iterdir()
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", work / "wheels", unpacked],
        work,
    )  # fmt: skip
    (wheel,) = (work / "wheels").glob("tui_cia-*.whl")
    return wheel


def fresh_venv(folder: Path, wheel: Path) -> Path:
    run([sys.executable, "-m", "venv", folder], folder.parent)
    bindir = folder / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], folder.parent)
    purelib = run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], folder
    )
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib.strip(), "borrowed_deps.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return bindir


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    work = tmp_path_factory.mktemp("install")
    src = copy_sources(work / "src")
    (work / "dist").mkdir()
    sdist = build_sdist(src, work / "dist")
    bindir = fresh_venv(work / "fresh", wheel_from_sdist(sdist, work))
    outside = work / "elsewhere"
    outside.mkdir()
    # English messages: these tests read the output for what the install did, not its language
    # (tests/test_cli_language.py checks the Thai default).
    env = {**os.environ, "TUI_CIA_HOME": str(work / "home"), "PYTHONPATH": "", "TUI_CIA_LANG": "en"}
    return bindir, outside, env


def test_the_sdist_carries_the_shipped_folders_and_the_licence(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src")
    (tmp_path / "dist").mkdir()
    with tarfile.open(build_sdist(src, tmp_path / "dist")) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    expected = {"LICENSE", ".packaging/backend.py", "forms/bmn.yaml", "forms/village.yaml"}
    expected |= {"forms/areas/villages.csv", "sample_db/kong_thanu.db", "tui_cia/py.typed"}
    assert expected <= names


def test_the_installed_package_is_not_the_checkout(installed: tuple[Path, Path, dict]) -> None:
    bindir, outside, env = installed
    code = "import tui_cia.paths as p; print(p.__file__); print(p.shipped_forms_dir())"
    out = run([bindir / "python", "-c", code], outside, env).splitlines()
    assert all(str(ROOT) not in line for line in out)
    assert Path(out[1]).parts[-2:] == ("_shipped", "forms")


def test_demo_help_sample_and_forms_check_run_from_the_install(
    installed: tuple[Path, Path, dict],
) -> None:
    bindir, outside, env = installed
    tui_cia = bindir / "tui-cia"
    assert "sample tambon" in run([tui_cia, "demo", "--help"], outside, env)
    checked = run([tui_cia, "forms", "check", "--shipped"], outside, env)
    assert checked.count(": ok") == 3 and "_shipped" in checked
    run([tui_cia, "sample", "--out", outside / "s.db", "--households", "12"], outside, env)
    with sqlite3.connect(outside / "s.db") as conn:
        assert conn.execute("SELECT count(*) FROM records").fetchone()[0] >= 12


def test_a_new_database_gets_the_shipped_forms(installed: tuple[Path, Path, dict]) -> None:
    bindir, outside, env = installed
    code = textwrap.dedent(
        """
        from types import SimpleNamespace
        from tui_cia.storage import Store
        from tui_cia.tui.shipped import ensure_forms
        store = Store("new.db")
        print(ensure_forms(SimpleNamespace(store=store)), sorted(store.forms.ids()))
        """
    )
    assert run([bindir / "python", "-c", code], outside, env).split() == [
        "bmn", "['bmn',", "'village']"
    ]  # fmt: skip
    out = run([bindir / "tui-cia", "--db", "cli.db", "records", "export", "--form", "village",
               "--out", "v.jsonl"], outside, env)  # fmt: skip
    assert "0 record" in out


def test_the_demo_opens_a_copy_of_the_shipped_sample(installed: tuple[Path, Path, dict]) -> None:
    bindir, outside, env = installed
    code = textwrap.dedent(
        """
        import sqlite3
        import tui_cia.cli as cli
        def run_app(db, lang, db_ready=None, **rest):  # the app itself, as far as the database
            db_ready()
            with sqlite3.connect(db) as conn:
                print(conn.execute("SELECT count(*) FROM records").fetchone()[0], db.name)
        cli.run_app = run_app
        cli.main(["demo"])
        """
    )
    count, name = run([bindir / "python", "-c", code], outside, env).split()
    assert int(count) > 1000 and name == "demo.db"
