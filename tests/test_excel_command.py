"""The ``template`` command, registered on a Typer app the way ``chuyenhoa.cli.app`` registers it."""

import subprocess
import sys

import chuyenhoa_tayninh
import pytest
import typer
from typer.testing import CliRunner

from chuyenhoa.cli.template import template
from chuyenhoa.plugins import host as plugins

openpyxl = pytest.importorskip("openpyxl")

runner = CliRunner()
app = typer.Typer()
app.command("template")(template)
app.command("noop")(lambda: None)  # two commands, so "template" is a subcommand as in the real CLI


@pytest.fixture(autouse=True)
def tayninh_only():
    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))


def run(*args):
    return runner.invoke(app, ["template", *args])


def test_writes_the_template(tmp_path):
    out = run("--province", "tayninh", "--year", "2024", "--output", str(tmp_path / "mau.xlsx"))
    assert out.exit_code == 0, out.output
    assert "94 xã" in out.output
    book = openpyxl.load_workbook(tmp_path / "mau.xlsx")
    assert book.sheetnames[0] == "Hướng dẫn"
    # the guide writes thresholds as print does (≥ 80%), never the plan file's ASCII (>= 80%)
    guide = [str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value]
    assert any("≥ " in text for text in guide) and not any(">= " in text or "<= " in text for text in guide)


def test_default_name_and_no_silent_overwrite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("-p", "tayninh").exit_code == 0
    written = tmp_path / "mau-nhap-lieu-tayninh-2024.xlsx"
    assert written.is_file()
    again = run("-p", "tayninh")
    assert again.exit_code == 2 and "--force" in again.output  # it may hold a person's figures
    assert run("-p", "tayninh", "--force").exit_code == 0


def test_from_sample_and_from_a_file(tmp_path):
    out = run("-p", "tayninh", "--from", "sample", "-o", str(tmp_path / "a.xlsx"))
    assert out.exit_code == 0 and "GIẢ LẬP" in out.output
    sample = chuyenhoa_tayninh.HERE / "sample"
    out = run("-p", "tayninh", "--from", str(sample / "communes.csv"), "--from-province",
              str(sample / "province.csv"), "-o", str(tmp_path / "b.xlsx"))
    assert out.exit_code == 0, out.output
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")["province"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert any(row[:2] == [2023, 600] for row in values)  # last year's social-order crimes pre-filled


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "khongco"], "không có gói tỉnh"),
        (["-p", "tayninh", "--year", "2019"], "không có kế hoạch cho năm 2019"),
        (["-p", "tayninh", "--from-province", "x.csv"], "--from-province cần đi cùng --from"),
        (["-p", "tayninh", "--from", "khongco.csv"], "không tìm thấy tệp"),
        (["-p", "tayninh", "-o", "mau.xls"], ".xlsx"),
    ],
)
def test_errors_are_one_line_and_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    out = run(*args)
    assert out.exit_code == 2
    assert message in out.output and "Traceback" not in out.output


def test_never_over_the_from_file(tmp_path):
    source = tmp_path / "nam-truoc.xlsx"
    assert run("-p", "tayninh", "-o", str(source)).exit_code == 0
    before = source.read_bytes()
    out = run("-p", "tayninh", "--from", str(source), "-o", str(source), "--force")
    assert out.exit_code == 2 and "trùng với tệp dữ liệu đầu vào" in out.output
    assert source.read_bytes() == before


def test_importing_the_command_loads_no_writer():
    code = ("import sys, chuyenhoa.cli.template; "
            "print(sorted(m for m in ('xlsxwriter', 'python_calamine', 'chuyenhoa.output.template.workbook', 'openpyxl') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the command and the result formats, through the app ---------------------------------------


def _cli():
    from chuyenhoa.cli import app as cli

    return cli


def test_cli_template_command(tmp_path):
    cli = _cli()
    out = runner.invoke(cli.app, ["template", "-p", "tayninh", "-o", str(tmp_path / "mau.xlsx")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "mau.xlsx").is_file()


def test_cli_evaluate_result_formats(tmp_path):
    cli = _cli()
    base = ["evaluate", "-p", "tayninh", "--as-of", "2024-12-31"]
    out = runner.invoke(cli.app, [*base, "-f", "xlsx", "-o", str(tmp_path / "kq.xlsx")])
    assert out.exit_code == 0, out.output
    assert openpyxl.load_workbook(tmp_path / "kq.xlsx").sheetnames[0] == "Tổng hợp"
    out = runner.invoke(cli.app, [*base, "-f", "csv", "-o", str(tmp_path / "kq")])
    assert out.exit_code == 0 and (tmp_path / "kq" / "chi_tieu.csv").is_file(), out.output
    out = runner.invoke(cli.app, [*base, "-f", "md"])
    assert out.exit_code == 0 and out.stdout.startswith("> **⚠️"), out.output
    out = runner.invoke(cli.app, [*base, "-f", "xlsx"])
    assert out.exit_code == 2 and "--output" in out.output
