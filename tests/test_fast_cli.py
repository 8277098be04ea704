"""``chuyenhoa`` without typer (chuyenhoa.cli.fast) answers exactly as the typer application does.

Each command line is run twice as a new process, once through :func:`chuyenhoa.cli.fast.main` (the console
script) and once through :func:`chuyenhoa.cli.app.main` (typer alone), and stdout, stderr, the exit code
and any file written must be the same bytes.  The lines cover what the fast path reads itself (the usual
forms of ``evaluate``, ``provinces`` and ``--help``, in both languages, at several terminal widths, in
colour) and lines it must hand to typer (errors of the command line, a command's ``--help``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chuyenhoa.cli import fast

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parent.parent / "provinces" / "tayninh" / "src" / "chuyenhoa_tayninh" / "sample"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD", "CHUYENHOA_LANG", "CHUYENHOA_DB", "COLUMNS",
                        "FORCE_COLOR", "NO_COLOR", "TERMINAL_WIDTH", "GITHUB_ACTIONS", "PY_COLORS")}
    return env | extra


def _run(entry: str, args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, bytes, bytes]:
    code = f"import sys; sys.argv[0] = 'chuyenhoa'; from chuyenhoa.cli.{entry} import main; main()"
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, cwd=cwd, check=False,
                          timeout=120)
    return done.returncode, done.stdout, done.stderr


def _both(args: list[str], tmp_path: Path, **env: str) -> tuple[int, bytes, bytes]:
    """Run through both entries (each in its own folder, so files they write are compared too)."""
    answers = []
    for entry in ("fast", "app"):
        folder = tmp_path / entry
        folder.mkdir(exist_ok=True)
        answers.append((*_run(entry, args, _env(**env), folder),
                        sorted((p.relative_to(folder).as_posix(), p.read_bytes()) for p in folder.rglob("*")
                               if p.is_file())))
    assert answers[0] == answers[1], args
    return answers[0][:3]


EVALUATE = [
    ["evaluate", "-p", "tayninh", "--as-of", "10/07/2024"],
    ["evaluate", "--province=tayninh", "--format=json", "--as-of", "2024-12-31"],
    ["evaluate", "-p", "tayninh", "-y", "2024", "-f", "md", "--lang", "en", "--as-of", "2024-12-31"],
    ["--lang", "en", "evaluate", "-p", "tayninh", "--as-of", "2024-12-31"],
    ["--lang=en", "evaluate", "-p", "tayninh", "-f", "json", "--lang", "vi", "--as-of", "2024-12-31"],
    ["evaluate", "-p", "tayninh", "--data", str(SAMPLE / "communes.csv"), "--province-data",
     str(SAMPLE / "province.csv"), "-f", "json", "--as-of", "2024-12-31"],
    ["evaluate", "-p", "tayninh", "-f", "json", "-o", "ket-qua.json", "--as-of", "2024-12-31"],
    ["evaluate", "-p", "tayninh", "-f", "csv", "-o", "ket-qua", "--as-of", "2024-12-31"],
    ["evaluate", "-p", "tayninh", "-f", "md", "-o", "-", "--as-of", "2024-12-31"],
    ["evaluate", "-p", "tayninh", "--year", "2026", "-f", "json", "--as-of", "2026-12-31"],
    ["evaluate", "-p", "72", "-f", "json", "--as-of", "2024-12-31"],
    # errors said by the command itself (exit code 2, one line)
    ["evaluate", "-p", "nowhere"],
    ["evaluate", "-p", "tayninh", "-f", "docx"],
    ["evaluate", "-p", "tayninh", "-f", "xlsx", "-o", "-"],
    ["evaluate", "-p", "tayninh", "-f", "yaml"],
    ["evaluate", "-p", "tayninh", "--as-of", "31/02/2024"],
    ["evaluate", "-p", "tayninh", "--date", "hôm qua", "-f", "json"],
    ["evaluate", "-p", "tayninh", "--data", "a.csv", "--data", "b.csv"],
    ["evaluate", "-p", "tayninh", "--province-data", "province.csv"],
    ["evaluate", "-p", "tayninh", "--year", "1999"],
    # lines typer reads (usage errors, a command's help)
    ["evaluate"],
    ["evaluate", "-p"],
    ["evaluate", "-p", "tayninh", "--year", "two"],
    ["evaluate", "-p", "tayninh", "--colour"],
    ["evaluate", "-p", "tayninh", "extra"],
    ["evaluate", "--help"],
    ["--lang", "xx", "evaluate", "-p", "tayninh"],
]


@pytest.mark.parametrize("args", EVALUATE, ids=lambda a: " ".join(a)[:60])
def test_evaluate_is_the_same_through_either_entry(args, tmp_path):
    _both(args, tmp_path)


@pytest.mark.parametrize("args", [["provinces"], ["provinces", "-f", "json"], ["--lang", "en", "provinces"],
                                  ["provinces", "--format", "yaml"], ["provinces", "--help"]],
                         ids=lambda a: " ".join(a))
def test_provinces_is_the_same_through_either_entry(args, tmp_path):
    _both(args, tmp_path)


@pytest.mark.parametrize("env", [{}, {"COLUMNS": "60"}, {"COLUMNS": "120"}, {"COLUMNS": "200"}, {"FORCE_COLOR": "1"},
                                 {"TERMINAL_WIDTH": "100"}, {"CHUYENHOA_LANG": "en"}, {"NO_COLOR": "1", "COLUMNS": "90"}],
                         ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()) or "plain")
@pytest.mark.parametrize("args", [["--help"], ["--lang", "en", "--help"], ["--lang=vi", "--help"], ["--help", "--lang", "en"],
                                  []], ids=lambda a: " ".join(a) or "nothing")
def test_help_is_the_same_bytes_through_either_entry(args, env, tmp_path):
    code, out, _err = _both(args, tmp_path, **env)
    if args and args[-1] == "--help" and not env.get("FORCE_COLOR"):
        assert code == 0 and out.count("╭─".encode()) == 2


def test_an_invalid_chuyenhoa_lang_is_left_to_typer(tmp_path):
    _both(["evaluate", "-p", "tayninh"], tmp_path, CHUYENHOA_LANG="xx")
    _both(["--help"], tmp_path, CHUYENHOA_LANG="xx")


# --- what the fast path reads itself, and what it leaves to typer ---------------------------------------


@pytest.mark.parametrize("args", [
    ["--help"], ["--lang", "en", "--help"], ["provinces"], ["provinces", "--format", "json"],
    ["evaluate", "-p", "tayninh"], ["evaluate", "--province=tayninh", "-o", "-", "-f", "md"],
    ["--lang", "en", "evaluate", "-p", "tayninh", "--recipient", "A", "--recipient", "B"],
])
def test_recognised(args):
    assert fast._recognise(args) is not None


@pytest.mark.parametrize("args", [
    [], ["evaluate"], ["evaluate", "--help"], ["--help", "--lang", "en"], ["plan", "-p", "tayninh"],
    ["evaluate", "-p", "tayninh", "--", "x"], ["evaluate", "-ptayninh"], ["evaluate", "-p", "-x"],
    ["evaluate", "-p", "tayninh", "-y", "2024.0"], ["evaluate", "-p", "tayninh", "--data", ""],
    ["provinces", "-f", "JSON"], ["--lang", "fr", "provinces"], ["evaluate", "-p", "tayninh", "--unknown", "1"],
])
def test_handed_to_typer(args):
    assert fast._recognise(args) is None


def test_the_fast_path_imports_neither_typer_nor_numpy_nor_importlib_metadata():
    """The point of the fast path: measured in benchmarks/bench_startup.py, asserted here only as imports."""
    code = ("import sys; from chuyenhoa.cli import fast\n"
            "for args in (['evaluate', '-p', 'tayninh', '-f', 'json'], ['provinces'], ['--help']):\n"
            "    fast._recognise(args)()\n"
            "print(sorted(m for m in ('typer', 'numpy', 'importlib.metadata', 'email', 'click', 'markdown_it')"
            " if m in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         env=_env(), check=True)
    assert out.stderr.strip() == "[]", out.stderr


def test_a_table_on_the_terminal_imports_no_archive_module():
    """The terminal's width is read as shutil reads it, without importing shutil (which loads bz2 and lzma)."""
    code = ("import sys; from chuyenhoa.cli import fast\n"
            "fast._recognise(['evaluate', '-p', 'tayninh'])()\n"
            "print(sorted(m for m in ('shutil', 'bz2', 'lzma') if m in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         env=_env(), check=True)
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr


def test_the_typer_layout_the_help_copies_is_the_installed_one():
    """A typer whose help layout was not checked gets the help drawn by typer itself (see TYPER_LAYOUT)."""
    import typer

    assert typer.__version__.startswith(fast.TYPER_LAYOUT) == fast._help_drawable()
    assert fast._typer_version() == typer.__version__
