"""``chuyenhoa history …`` and ``evaluate --db``, through typer's runner, with only the Tây Ninh pack registered."""

from __future__ import annotations

import json
import subprocess
import sys

import chuyenhoa_tayninh
import pytest
from test_store import merged_file, province_file, sample_rows, write_rows, year_file
from typer.testing import CliRunner

from chuyenhoa.cli.app import app
from chuyenhoa.plugins import host as plugins

runner = CliRunner()
SAMPLE = chuyenhoa_tayninh.HERE / "sample"


@pytest.fixture(autouse=True)
def tayninh_only(monkeypatch):
    monkeypatch.delenv("CHUYENHOA_DB", raising=False)
    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def recorded(tmp_path, store_db):
    """2023 and 2024 recorded from two files, as an office would, one year after the other."""
    for year in (2023, 2024):
        out = run("history", "record", "-p", "tayninh", "--year", str(year), "--data", str(year_file(tmp_path, year)),
                  "--province-data", str(province_file(tmp_path, (year,))), "--db", store_db)
        assert out.exit_code == 0, out.output
    return store_db


def test_record_says_what_it_did(tmp_path, store_db):
    data = year_file(tmp_path, 2024)
    first = run("history", "record", "-p", "tayninh", "-y", "2024", "--data", str(data), "--db", store_db)
    assert first.exit_code == 0, first.output
    assert "Năm 2024: đã ghi phiên bản #1" in first.stdout
    again = run("history", "record", "-p", "tayninh", "-y", "2024", "--data", str(data), "--db", store_db)
    assert again.exit_code == 0 and "không thay đổi" in again.stdout
    corrected = year_file(tmp_path, 2024, "corrected.csv", population_bump=2)
    new = run("history", "record", "-p", "tayninh", "-y", "2024", "--data", str(corrected), "--db", store_db)
    assert "phiên bản mới #2" in new.stdout and "#1 vẫn được giữ" in new.stdout
    english = run("history", "record", "-p", "tayninh", "-y", "2024", "--data", str(corrected), "--db", store_db,
                  "--lang", "en")
    assert english.exit_code == 0 and "unchanged" in english.stdout


def test_log_json_has_exactly_the_documented_keys(recorded):
    out = run("history", "log", "-p", "tayninh", "--format", "json", "--db", recorded)
    assert out.exit_code == 0, out.output
    found = json.loads(out.stdout)
    assert [set(v) for v in found] == [{"year", "recorded_at", "file", "sha256", "current", "reason"}] * 2
    assert [v["reason"] for v in found] == [None, None]  # recorded from files, not judged again
    assert [(v["year"], v["current"]) for v in found] == [(2023, True), (2024, True)]
    assert found[0]["recorded_at"].endswith("+00:00") and len(found[0]["sha256"]) == 64
    table = run("history", "log", "-p", "tayninh", "--db", recorded)
    assert "860/KH-UBND" in table.stdout and "communes-2024.csv" in table.stdout


def test_evaluate_with_db_says_which_years_came_from_the_store(recorded, tmp_path, monkeypatch):
    args = ["evaluate", "-p", "tayninh", "--data", str(tmp_path / "communes-2024.csv"), "--province-data",
            str(tmp_path / "province-2024.csv"), "--format", "json"]
    alone = json.loads(run(*args).stdout)
    assert alone["data"]["store"] is None and alone["summary"]["no_relapse_share"] is None
    merged = json.loads(run(*args, "--db", recorded).stdout)
    assert merged["data"]["store"]["years"] == [2023] and merged["summary"]["no_relapse_share"] == 85.71
    assert merged["schema_version"] == alone["schema_version"] == 2  # data.store is newer than version 1
    monkeypatch.setenv("CHUYENHOA_DB", recorded)
    assert json.loads(run(*args).stdout)["data"]["store"]["years"] == [2023]
    table = run(*args[:-2])
    assert "Số liệu năm 2023 lấy từ kho lịch sử" in table.stdout


def test_show_in_every_format(recorded, tmp_path):
    table = run("history", "show", "-p", "tayninh", "--db", recorded)
    assert table.exit_code == 0, table.output
    assert "mục tiêu ≥ 60%" in table.stdout and "mục tiêu ≥ 85%" in table.stdout and "↺" in table.stdout
    doc = json.loads(run("history", "show", "-p", "tayninh", "--format", "json", "--db", recorded).stdout)
    assert doc["years"] == [2023, 2024] and doc["goals"]["no_relapse_share"]["threshold"] == 85.0
    assert doc["figures"][1]["no_relapse_status"] == "met" and doc["figures"][1]["not_relapsed"] == 6
    assert set(doc["communes"][0]["years"][0]) >= {"year", "selected", "proposed", "transformed", "relapsed",
                                                   "followed_to"}
    page = tmp_path / "history.html"
    out = run("history", "show", "-p", "tayninh", "--format", "html", "--output", str(page), "--db", recorded)
    assert out.exit_code == 0, out.output
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html and "http" not in html.replace("http-equiv", "")
    book_path = tmp_path / "history.xlsx"
    out = run("history", "show", "-p", "tayninh", "--format", "xlsx", "--output", str(book_path), "--db", recorded)
    assert out.exit_code == 0, out.output
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(book_path)
    assert len(book.sheetnames) == 2 and book.worksheets[0].cell(5, 1).value == 2023
    no_output = run("history", "show", "-p", "tayninh", "--format", "xlsx", "--db", recorded)
    assert no_output.exit_code == 2 and "--output" in no_output.output
    one = json.loads(run("history", "show", "-p", "tayninh", "--commune", "25456", "--format", "json",
                         "--db", recorded).stdout)
    assert [c["commune_code"] for c in one["communes"]] == ["25456"]


def test_import_and_export(tmp_path, store_db):
    out = run("history", "import", "-p", "tayninh", "--data", str(SAMPLE / "communes.csv"), "--province-data",
              str(SAMPLE / "province.csv"), "--db", store_db)
    assert out.exit_code == 0, out.output
    assert "Năm 2023: đã ghi" in out.stdout and "Năm 2024: đã ghi" in out.stdout
    assert "Không có kế hoạch nào của gói cho năm 2023" in out.stdout
    folder = tmp_path / "exported"
    out = run("history", "export", "-p", "tayninh", "--output", str(folder), "--db", store_db)
    assert out.exit_code == 0, out.output
    assert sorted(p.name for p in folder.iterdir()) == ["communes.csv", "province.csv"]
    again = run("history", "import", "-p", "tayninh", "--data", str(folder / "communes.csv"), "--province-data",
                str(folder / "province.csv"), "--db", store_db)
    assert again.stdout.count("không thay đổi") == 2
    only = run("history", "export", "-p", "tayninh", "--output", str(tmp_path / "only"), "--from", "2024",
               "--db", store_db)
    assert only.exit_code == 0 and ",2023," not in (tmp_path / "only" / "communes.csv").read_text(encoding="utf-8")


def test_a_corrected_year_judges_the_later_ones_again(recorded, tmp_path):
    header, rows = sample_rows(2023)
    code, transformed = header.index("commune_code"), header.index("transformed")
    rows = [[*r[:transformed], "không" if r[code] == "25711" else r[transformed], *r[transformed + 1:]] for r in rows]
    corrected = write_rows(tmp_path / "communes-2023-sua.csv", header, rows)
    out = run("history", "record", "-p", "tayninh", "-y", "2023", "--data", str(corrected), "--province-data",
              str(tmp_path / "province-2023.csv"), "--db", recorded)
    assert out.exit_code == 0, out.output
    assert "Năm 2023: đã ghi phiên bản mới #3" in out.stdout
    assert "Năm 2024: đánh giá lại vì năm 2023 đã sửa (phiên bản #3): phiên bản mới #4 với cùng số liệu, kết luận " \
           "thay đổi; phiên bản trước #2 vẫn được giữ" in out.stdout
    table = run("history", "log", "-p", "tayninh", "--db", recorded).stdout
    assert "Ghi chú" in table and "đánh giá lại vì năm 2023 đã sửa (phiên bản #3)" in table
    found = json.loads(run("history", "log", "-p", "tayninh", "--format", "json", "--db", recorded).stdout)
    assert [(v["year"], v["file"].rsplit("/", 1)[-1], v["current"]) for v in found] == [
        (2023, "communes-2023.csv", False), (2023, "communes-2023-sua.csv", True),
        (2024, "communes-2024.csv", False), (2024, "communes-2024.csv", True)]
    shown = json.loads(run("history", "show", "-p", "tayninh", "--format", "json", "--db", recorded).stdout)
    assert shown["figures"][1]["no_relapse_share"] == 100.0 and shown["figures"][1]["stale_since"] is None
    english = run("history", "log", "-p", "tayninh", "--db", recorded, "--lang", "en")
    assert english.exit_code == 0, english.output


def test_a_year_that_cannot_be_judged_again_says_so(tmp_path, store_db):
    out = run("history", "record", "-p", "tayninh", "-y", "2024", "--data", str(SAMPLE / "communes.csv"),
              "--db", store_db)  # 2023 from the file, not recorded
    assert out.exit_code == 0, out.output
    header, rows = sample_rows(2023)
    at = header.index("year")
    earlier = write_rows(tmp_path / "2022.csv", header, [[*r[:at], "2022", *r[at + 1:]] for r in rows])
    out = run("history", "record", "-p", "tayninh", "-y", "2022", "--data", str(earlier), "--db", store_db)
    assert out.exit_code == 0, out.output
    assert "Năm 2024: không đánh giá lại được (kết luận đã lưu của năm 2024 dựa trên số liệu năm 2023 của tệp đã " \
           "ghi, mà kho lịch sử không có; hãy ghi năm đó vào kho); kết luận có thể đã cũ: năm 2022 được ghi sau " \
           "(phiên bản #2)" in out.stdout
    table = run("history", "log", "-p", "tayninh", "--db", store_db).stdout
    assert "kết luận có thể đã cũ: năm 2022 được ghi sau (phiên bản #2)" in table
    shown = run("history", "show", "-p", "tayninh", "--db", store_db).stdout
    assert "kết luận có thể đã cũ: năm 2022 được ghi sau" in shown


def test_import_of_a_merged_provinces_history(tmp_path, store_db):
    """A file of the new Tây Ninh with 2024 on the old codes of Tây Ninh and Long An, and 2025 on the new ones."""
    data = merged_file(tmp_path, (2024, 2025), "lich-su.csv")
    out = run("history", "import", "-p", "tayninh", "--data", str(data), "--db", store_db)
    assert out.exit_code == 0, out.output
    assert "Năm 2024: đã ghi phiên bản #1" in out.stdout and "Năm 2025: đã ghi phiên bản #2" in out.stdout
    assert "186 xã của Tỉnh Long An (80): chỉ ghi số liệu" in out.stdout
    assert "Không có kế hoạch nào" not in out.stdout  # 2025 is judged on the national plan
    table = run("history", "show", "-p", "tayninh", "--db", store_db).stdout
    assert "186 xã của Tỉnh Long An (80): theo cột hotspot/transformed" in table


@pytest.mark.parametrize("args, words", [
    (["history", "log", "-p", "tayninh", "--db", "mysql://u@h/d"], "chỉ hỗ trợ"),
    (["history", "show", "-p", "tayninh", "--db", "{tmp}/none.sqlite3"], "chưa có"),
    (["history", "record", "-p", "tayninh", "-y", "2024", "--data", "{tmp}/missing.csv", "--db", "{tmp}/h.db"],
     "missing.csv"),
    (["history", "log", "-p", "nowhere", "--db", "{tmp}/h.db"], "nowhere"),
])
def test_errors_are_one_line_and_exit_2(tmp_path, args, words):
    out = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert out.exit_code == 2, out.output
    lines = out.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ") and words in lines[0]
    assert not (tmp_path / "h.db").exists()


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("không phải cơ sở dữ liệu\n" * 200, encoding="utf-8")
    out = run("history", "log", "-p", "tayninh", "--db", str(tmp_path / "notes.txt"))
    assert out.exit_code == 2 and out.output.startswith("Lỗi: kho lịch sử") and len(out.output.splitlines()) == 1


@pytest.mark.slow
def test_import_chuyenhoa_and_help_load_no_sqlalchemy():
    code = ("import sys, chuyenhoa, chuyenhoa.cli.app; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'platformdirs')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_log_json_says_why_a_version_was_written_without_a_file(tmp_path, recorded):
    """A 2024 judged again after 2023 is corrected reuses 2024's file and hash: ``reason`` tells them apart."""
    corrected = year_file(tmp_path, 2023, "corrected-2023.csv", population_bump=2)
    out = run("history", "record", "-p", "tayninh", "-y", "2023", "--data", str(corrected),
              "--province-data", str(province_file(tmp_path, (2023,))), "--db", recorded)
    assert out.exit_code == 0, out.output
    found = json.loads(run("history", "log", "-p", "tayninh", "--format", "json", "--db", recorded).stdout)
    by_year = [(v["year"], v["current"], (v["reason"] or {}).get("kind")) for v in found]
    assert by_year == [(2023, False, None), (2023, True, None), (2024, False, None), (2024, True, "rejudged")]
    again = found[-1]
    assert again["reason"]["year"] == 2023 and again["reason"]["corrected"] is True
    assert (again["file"], again["sha256"]) == (found[-2]["file"], found[-2]["sha256"])  # the same values
