"""Writing output (issue 13, "the trust pass"): every way a target can fail is one line and exit 2.

Each test here failed before the writer was changed: a read-only folder or a
full disk ended in a traceback, ``/dev/stdout`` was renamed over (as root, the
link itself was replaced by a file), ``--output -`` wrote a file named "-",
``--output`` could land on the pack's own sample or plan, ``--data`` given twice
kept the last, and a run killed by SIGTERM left its temporary behind.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import chuyenhoa_tayninh
import pytest
from typer.testing import CliRunner

from chuyenhoa import ProvinceSpec, hookimpl
from chuyenhoa.cli.app import app
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.output import files
from chuyenhoa.plugins import host as plugins

runner = CliRunner()
SAMPLE = chuyenhoa_tayninh.HERE / "sample"
FILE_FORMATS = ["json", "md", "html", "table", "xlsx", "docx"]
ALL_FORMATS = [*FILE_FORMATS, "csv"]


@pytest.fixture(autouse=True)
def tayninh_only():
    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))


def run(*args: str):
    return runner.invoke(app, list(args))


def target_for(fmt: str, folder: Path) -> Path:
    return folder / ("out" if fmt == "csv" else f"out.{fmt}")


def assert_one_line_error(out, *words: str) -> None:
    assert out.exit_code == 2, out.output
    assert "Traceback" not in out.output and (out.exception is None or isinstance(out.exception, SystemExit))
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: "), out.stderr
    for word in words:
        assert word in lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- a folder that cannot be written, a full disk --------------------------------------------------


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_a_folder_that_cannot_be_written(fmt, tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refused)
    monkeypatch.setattr(files.tempfile, "mkdtemp", refused)
    out = run("evaluate", "-p", "tayninh", "--format", fmt, "--output", str(target_for(fmt, tmp_path)))
    assert_one_line_error(out, "không có quyền ghi")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_a_read_only_folder(fmt, tmp_path):
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        out = run("evaluate", "-p", "tayninh", "--format", fmt, "--output", str(target_for(fmt, folder)))
    finally:
        folder.chmod(0o755)
    assert_one_line_error(out, "không có quyền ghi")


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_a_full_disk_keeps_the_old_file_and_leaves_nothing(fmt, tmp_path, monkeypatch):
    target = target_for(fmt, tmp_path)
    if fmt != "csv":
        target.write_bytes(b"old results")
    real_replace = os.replace

    def full(source, destination):
        if ".chuyenhoa-" in str(source):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", full)
    out = run("evaluate", "-p", "tayninh", "--format", fmt, "--output", str(target))
    assert_one_line_error(out, "ổ đĩa đã đầy")
    if fmt != "csv":
        assert target.read_bytes() == b"old results"
    assert leftovers(tmp_path) == []


def test_a_library_that_fails_writing_is_one_line_too(tmp_path, monkeypatch):
    from chuyenhoa.output.results import xlsx

    def broken(report, path):
        Path(path).write_bytes(b"half")
        raise RuntimeError("cannot write the zip") from OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx, "write_report_xlsx", broken)
    out = run("evaluate", "-p", "tayninh", "--format", "xlsx", "--output", str(tmp_path / "k.xlsx"))
    assert_one_line_error(out, "ổ đĩa đã đầy")
    assert list(tmp_path.iterdir()) == []


# --- a folder, a device, standard output ---------------------------------------------------------


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_a_folder_given_as_output(fmt, tmp_path):
    out = run("evaluate", "-p", "tayninh", "--format", fmt, "--output", str(tmp_path))
    assert_one_line_error(out, str(tmp_path))


@pytest.mark.parametrize("command", [["timeline", "-p", "tayninh"], ["template", "-p", "tayninh"]])
def test_a_folder_given_to_the_other_commands(command, tmp_path):
    assert_one_line_error(run(*command, "--output", str(tmp_path)), str(tmp_path))


@pytest.mark.parametrize("fmt", ["json", "md", "xlsx"])
def test_dev_stdout_and_a_pipe_are_refused_not_replaced(fmt, tmp_path):
    """``/dev/stdout`` is a link to the process's descriptor: renaming over it replaced the link (as root,
    ``/dev/stdout`` itself, for every later program).  Tested on a link of our own to the same place."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # /dev/stdout itself is not tried: were the refusal broken, a test run as root would replace it
    for target in (link, pipe):
        out = run("evaluate", "-p", "tayninh", "--format", fmt, "--output", str(target))
        assert_one_line_error(out, "--output -" if fmt != "xlsx" else ".xlsx")  # a workbook needs its suffix first
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert pipe.is_fifo()


@pytest.mark.parametrize("fmt", ["json", "md", "table", "html"])
def test_output_dash_is_standard_output(fmt, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run("evaluate", "-p", "tayninh", "--format", fmt, "--output", "-")
    assert out.exit_code == 0, out.output
    assert not (tmp_path / "-").exists()
    assert out.stdout.strip() == run("evaluate", "-p", "tayninh", "--format", fmt).stdout.strip()


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv"])
def test_output_dash_is_refused_for_a_format_that_cannot_go_there(fmt, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run("evaluate", "-p", "tayninh", "--format", fmt, "--output", "-"), "màn hình")
    assert list(tmp_path.iterdir()) == []


def test_timeline_to_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run("timeline", "-p", "tayninh", "--format", "json", "--output", "-")
    assert out.exit_code == 0 and out.stdout.startswith("{") and list(tmp_path.iterdir()) == []


# --- never over a file the run reads ----------------------------------------------------------------


@pytest.fixture
def copied_pack(tmp_path):
    """Tây Ninh's pack copied to a folder of the test, so a refusal that fails overwrites nothing of ours."""
    folder = tmp_path / "pack"
    shutil.copytree(chuyenhoa_tayninh.HERE, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))

    class Pack:
        @hookimpl
        def chuyenhoa_register_provinces(self, register):
            register(ProvinceSpec.from_folder(folder, slug="tayninh", name="Tây Ninh", code="72"))

    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[Pack()]))
    return folder


@pytest.mark.parametrize(("fmt", "inside"), [("md", "sample/communes.csv"), ("json", "sample/province.csv"),
                                             ("json", "plans/860-KH-UBND-2024.toml")])
def test_output_never_lands_on_the_packs_own_files(copied_pack, fmt, inside):
    target = copied_pack / inside
    before = target.read_bytes()
    out = run("evaluate", "-p", "tayninh", "--format", fmt, "--output", str(target))
    assert_one_line_error(out, "trùng với tệp dữ liệu")
    assert target.read_bytes() == before


def test_timeline_never_lands_on_its_plan(copied_pack):
    plan = next((copied_pack / "plans").glob("*.toml"))
    before = plan.read_bytes()
    assert_one_line_error(run("timeline", "-p", "tayninh", "--format", "ics", "--output", str(plan)), "trùng")
    assert plan.read_bytes() == before


# --- --data twice ---------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--data", "--province-data"])
def test_an_input_given_twice_is_refused(option, tmp_path):
    data = tmp_path / "a.csv"
    shutil.copy(SAMPLE / ("communes.csv" if option == "--data" else "province.csv"), data)
    args = ["evaluate", "-p", "tayninh", option, str(data), option, str(SAMPLE / data.name)]
    if option == "--province-data":
        args += ["--data", str(SAMPLE / "communes.csv")]
    assert_one_line_error(run(*args), f"{option} được cho 2 lần")


# --- temporaries ------------------------------------------------------------------------------------


def test_a_run_ended_by_sigterm_leaves_no_temporary(tmp_path):
    script = textwrap.dedent(f"""
        import os, signal, time
        from chuyenhoa.output.files import atomic_file
        with atomic_file({str(tmp_path / "out.xlsx")!r}) as temporary:
            temporary.write_bytes(b"half a workbook")
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(30)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_leaves_no_temporary(tmp_path):
    with pytest.raises(KeyboardInterrupt), files.atomic_folder(tmp_path / "csv", ["a.csv"]) as folder:
        (folder / "a.csv").write_text("x")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_a_later_run_removes_what_a_killed_one_left(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    dead = int(gone.stdout)
    host = files._HOST
    stale = tmp_path / f".out.json.chuyenhoa-{host}-{dead}-abcd1234.tmp.json"
    stale_folder = tmp_path / f".out.json.chuyenhoa-{host}-{dead}-efgh5678.tmp"
    running = tmp_path / f".out.json.chuyenhoa-{host}-1-ijkl9012.tmp.json"  # process 1 is alive: another run
    other = tmp_path / f".other.json.chuyenhoa-{host}-{dead}-mnop3456.tmp.json"  # another target's
    for path in (stale, running, other):
        path.write_text("half")
    stale_folder.mkdir()
    files.write_atomic(tmp_path / "out.json", "{}")
    assert leftovers(tmp_path) == sorted([other.name, running.name])
    assert (tmp_path / "out.json").read_text() == "{}"


def test_the_temporary_is_named_for_the_target_and_the_process(tmp_path):
    seen = []
    with files.atomic_file(tmp_path / "ket-qua.xlsx") as temporary:
        seen.append(temporary.name)
    assert seen[0].startswith(f".ket-qua.xlsx.chuyenhoa-{files._HOST}-{os.getpid()}-")
    assert seen[0].endswith(".tmp.xlsx")


def test_errors_of_the_writer_are_chuyenhoa_errors(tmp_path):
    with pytest.raises(ChuyenhoaError, match="là một thư mục"):
        files.write_atomic(tmp_path, "x")
