"""The command line, through typer's runner, with only the Tây Ninh pack registered."""

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import chuyenhoa_tayninh
import pytest
from typer.testing import CliRunner

from chuyenhoa.cli.app import app
from chuyenhoa.plugins import host as plugins

runner = CliRunner()
SAMPLE = chuyenhoa_tayninh.HERE / "sample"


@pytest.fixture(autouse=True)
def tayninh_only():
    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))


def run(*args):
    return runner.invoke(app, list(args))


def test_provinces_table_and_json():
    table = run("provinces")
    assert table.exit_code == 0 and "tayninh" in table.stdout and "860/KH-UBND" in table.stdout
    listed = {p["slug"]: p for p in json.loads(run("provinces", "--format", "json").stdout)}
    next_year = dt.date.today().year + 1
    assert listed["tayninh"]["pack"] and listed["tayninh"]["years"] == [2024, *range(2025, next_year + 1)]
    assert [(p["id"], p["provincial"]) for p in listed["tayninh"]["plans"]] == [("860/KH-UBND", True),
                                                                              ("113/KH-BCA-V01", False)]
    assert len(listed) == 34 and sum(p["pack"] for p in listed.values()) == 1  # every province of the map runs
    assert listed["hanoi"]["plans"][0]["years"] == list(range(2025, next_year + 1))


def test_plan_table_and_json():
    table = run("plan", "--province", "tayninh")
    assert table.exit_code == 0
    assert "860/KH-UBND §II.2" in table.stdout and "> 75" in table.stdout and "28/03/2024" in table.stdout
    plan = json.loads(run("plan", "--province", "tayninh", "--format", "json").stdout)
    assert {t["id"] for t in plan["targets"]} >= {"clearance_rate", "rural_security_communes_met"}
    assert all(t["source"] for t in plan["targets"]) and all(m["source"] for m in plan["milestones"])
    assert plan["selection"]["province_cap"] is None  # the cap is per district only
    assert sum(c["cap"] for c in plan["selection"]["caps"]) == 10


def test_evaluate_table_says_synthetic_and_cites_clauses():
    out = run("evaluate", "--province", "tayninh", "--as-of", "10/07/2024")
    assert out.exit_code == 0, out.output
    text = out.stdout
    assert text.startswith("*** DỮ LIỆU MẪU GIẢ LẬP")
    assert "KHÔNG ĐẠT" in text and "CHƯA ĐÁNH GIÁ ĐƯỢC" in text and "860/KH-UBND §II.2" in text
    assert "đang đến hạn" in text  # the July inspection on 10/07/2024
    # a hotspot with 4 of its 9 indicators empty: the share within bounds, and no verdict
    # (at 100 columns the reason moves under its row: docs/reports.md, "Terminal tables")
    assert re.search(r"^  25687 +Xã Long Phước +Huyện Bến Cầu +4/5 +4 +44,4–88,9% +Chưa đánh giá được\n +Lý do: "
                     r"đạt 4/5 chỉ tiêu có số liệu, thiếu 4 ", text, re.MULTILINE)


@pytest.mark.parametrize("fmt", ["table", "json", "html", "md"])
def test_the_sample_shows_no_folder_of_this_machine(fmt, tmp_path):
    # a report made from the bundled sample is passed on: it must not show where the pack is installed
    output = tmp_path / f"out.{fmt}"
    out = run("evaluate", "--province", "tayninh", "--format", fmt, "--output", str(output))
    assert out.exit_code == 0, out.output
    text = output.read_text(encoding="utf-8")
    assert str(chuyenhoa_tayninh.HERE) not in text and "province.csv" not in text
    if fmt == "json":
        assert json.loads(text)["data"]["province_source"] == "sample"


def test_evaluate_json_has_the_documented_keys():
    out = run("evaluate", "--province", "tayninh", "--format", "json", "--as-of", "2025-01-02")
    doc = json.loads(out.stdout)
    assert set(doc) >= {"province", "plan", "data", "selection", "hotspots", "targets", "summary", "timeline"}
    assert {"id", "date", "year"} <= set(doc["plan"])
    assert doc["data"] == doc["data"] | {"source": "sample", "synthetic": True}
    assert set(doc["selection"]) >= {"caps", "hotspots", "proposed"}
    assert set(doc["selection"]["caps"][0]) >= {"unit_code", "unit_name", "communes", "cap", "selected", "within_cap"}
    assert set(doc["hotspots"][0]) >= {"commune_code", "commune_name", "district_code", "indicators", "met",
                                       "assessed", "missing", "share", "share_low", "share_high", "missing_needed",
                                       "gates", "transformed"}
    assert set(doc["hotspots"][0]["indicators"][0]) >= {"id", "value", "comparator", "threshold", "met", "source"}
    assert set(doc["targets"][0]) >= {"id", "comparator", "threshold", "actual", "status", "source"}
    assert {t["status"] for t in doc["targets"]} == {"met", "not_met", "not_assessable"}
    assert set(doc["summary"]) >= {"hotspots", "transformed", "transformed_share"}
    assert {e["status"] for e in doc["timeline"]} == {"passed"}


def test_user_data_and_output_file(tmp_path):
    data = tmp_path / "communes.csv"
    shutil.copy(SAMPLE / "communes.csv", data)
    out_file = tmp_path / "result.json"
    out = run("evaluate", "-p", "tayninh", "--data", str(data), "--province-data", str(SAMPLE / "province.csv"),
              "--format", "json", "--output", str(out_file), "--as-of", "2024-12-31")
    assert out.exit_code == 0, out.output
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert doc["data"]["source"] == str(data) and doc["data"]["synthetic"] is False
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_output_never_overwrites_input(tmp_path):
    data = tmp_path / "communes.csv"
    shutil.copy(SAMPLE / "communes.csv", data)
    before = data.read_bytes()
    out = run("evaluate", "-p", "tayninh", "--data", str(data), "--output", str(data))
    assert out.exit_code == 2 and "trùng với tệp dữ liệu" in out.stderr
    assert data.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate", "-p", "khongco"], "không có gói tỉnh 'khongco'"),
        (["evaluate", "-p", "hanoi"], "không có gói tỉnh nên không có dữ liệu mẫu; hãy chỉ định --data"),
        (["evaluate", "-p", "binhphuoc", "--year", "2026"], "đã là một phần của Thành phố Đồng Nai (75) từ "
                                                              "01/07/2025 (Nghị quyết 202/2025/QH15"),
        (["evaluate", "-p", "tayninh", "--year", "2019"], "không có kế hoạch cho năm 2019"),
        (["evaluate", "-p", "tayninh", "--as-of", "31/13/2024"], "--as-of"),
        (["evaluate", "-p", "tayninh", "--data", "/no/such.csv"], "không tìm thấy tệp"),
    ],
)
def test_errors_are_one_line_and_exit_2(args, message):
    out = run(*args)
    assert out.exit_code == 2
    assert message in out.stderr
    assert "Traceback" not in out.output


def test_bad_cell_error_names_file_row_column(tmp_path):
    lines = (SAMPLE / "communes.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    row = lines[5].split(",")
    row[header.index("clearance_rate")] = "101"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([lines[0], *lines[1:5], ",".join(row)]) + "\n", encoding="utf-8")
    out = run("evaluate", "-p", "tayninh", "--data", str(bad))
    assert out.exit_code == 2
    assert f"{bad}, dòng 6, cột 'clearance_rate'" in out.stderr and "0–100" in out.stderr


def installed_script() -> Path | None:
    candidate = Path(sys.executable).with_name("chuyenhoa")
    return candidate if candidate.exists() else None


@pytest.mark.slow
@pytest.mark.skipif(installed_script() is None, reason="chuyenhoa is not installed in this environment "
                    "(run through tox, or pip install . ./provinces/tayninh)")
def test_installed_entry_point_runs():
    """Installs nothing: runs the console script and the entry point the installed pack declares."""
    env = {k: v for k, v in __import__("os").environ.items() if k != plugins.DISABLE_AUTOLOAD_ENV}
    listed = subprocess.run([str(installed_script()), "provinces", "--format", "json"], capture_output=True,
                            text=True, env=env, check=True)
    assert "tayninh" in {p["slug"] for p in json.loads(listed.stdout)}
    result = subprocess.run([str(installed_script()), "evaluate", "--province", "tayninh", "--format", "json"],
                            capture_output=True, text=True, env=env, check=True)
    assert json.loads(result.stdout)["data"]["synthetic"] is True


@pytest.mark.slow
@pytest.mark.skipif(installed_script() is None, reason="chuyenhoa is not installed in this environment")
def test_every_pack_in_the_repository_is_installed_with_its_entry_point():
    """tox installs each pack as a wheel: a pack whose entry point is missing is not listed."""
    env = {k: v for k, v in __import__("os").environ.items() if k != plugins.DISABLE_AUTOLOAD_ENV}
    listed = subprocess.run([str(installed_script()), "provinces", "--format", "json"], capture_output=True,
                            text=True, env=env, check=True)
    folders = {p.name for p in (Path(__file__).resolve().parent.parent / "provinces").iterdir()
               if (p / "pyproject.toml").is_file()}
    assert folders <= {p["slug"] for p in json.loads(listed.stdout)}
