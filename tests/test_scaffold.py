"""`chuyenhoa new-province` writes a pack that installs, registers and evaluates."""

import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from chuyenhoa.cli.app import app
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.packs.scaffold import find_province, scaffold
from chuyenhoa.reading.planfile import load_plan

runner = CliRunner()


def test_finds_provinces_of_the_map_in_force_by_name_and_code():
    assert find_province("Tây Ninh").code == "80"  # the new Tây Ninh carries Long An's code
    assert find_province("tỉnh tây ninh").code == "80" and find_province("Thành phố Hà Nội").code == "01"
    assert find_province(code="8").name == "Tuyên Quang"
    with pytest.raises(ChuyenhoaError, match="34 tỉnh"):
        find_province("Xứ Không Có")


@pytest.mark.parametrize(("name", "into"), [("Long An", "tayninh"), ("Bình Phước", "dongnai"), ("Hà Giang", "tuyenquang")])
def test_refuses_a_province_merged_away_saying_where_it_went(name, into):
    with pytest.raises(ChuyenhoaError, match=rf"01/07/2025 \(Nghị quyết 202/2025/QH15.*hãy dùng '{into}'"):
        find_province(name)


def test_scaffold_writes_a_loadable_pack_on_the_map_in_force(tmp_path):
    target = scaffold("hanoi", "Hà Nội", root=tmp_path)
    package = target / "src" / "chuyenhoa_hanoi"
    plan = load_plan(package / "plans" / "plan.toml")
    assert plan.province == "hanoi" and plan.targets[0].id == "transformed_share"
    assert plan.years == (dt.date.today().year,)
    geography = json.loads((package / "geography" / "2025-07-01.json").read_text(encoding="utf-8"))
    assert geography["province"]["code"] == "01" and geography["districts"] == []
    assert len(geography["communes"]) == 126 and "district_code" not in geography["communes"][0]
    assert "hanoi" in (target / "pyproject.toml").read_text(encoding="utf-8")
    assert (package / "sample" / "communes.csv").is_file()


def test_refuses_to_overwrite(tmp_path):
    scaffold("hanoi", "Hà Nội", root=tmp_path)
    out = runner.invoke(app, ["new-province", "hanoi", "--name", "Hà Nội", "--dir", str(tmp_path)])
    assert out.exit_code == 2 and "không ghi đè" in out.stderr


@pytest.mark.parametrize(("slug", "name", "message"), [("Ha-Noi", "Hà Nội", "không hợp lệ"),
                                                       ("xyz", "Xứ Không Có", "không tìm thấy tỉnh"),
                                                       ("longan", "Long An", "hãy dùng 'tayninh'")])
def test_bad_arguments(tmp_path, slug, name, message):
    out = runner.invoke(app, ["new-province", slug, "--name", name, "--dir", str(tmp_path)])
    assert out.exit_code == 2 and message in out.stderr


def test_cli_prints_next_steps(tmp_path):
    out = runner.invoke(app, ["new-province", "hanoi", "--name", "Hà Nội", "--dir", str(tmp_path)])
    assert out.exit_code == 0 and "pip install" in out.stdout and "docs/adding-a-province.md" in out.stdout


def test_scaffold_writes_the_pack_s_sample_script(tmp_path):
    """The pack owns its sample generator: tools/make_sample.py writes the sample scaffold wrote."""
    target = scaffold("hanoi", "Hà Nội", root=tmp_path)
    script = target / "tools" / "make_sample.py"
    loader = importlib.util.spec_from_file_location("make_hanoi_sample", script)
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    assert module.main(["--output-dir", str(tmp_path / "again")]) == 0
    sample = target / "src" / "chuyenhoa_hanoi" / "sample"
    for name in ("communes.csv", "province.csv", "README.md"):
        assert (tmp_path / "again" / name).read_bytes() == (sample / name).read_bytes(), name


def test_scaffolded_tests_pass_the_kit(tmp_path):
    """The test module it writes uses the kit's vocabulary, and every base check passes or says why it skips."""
    target = scaffold("hanoi", "Hà Nội", root=tmp_path / "provinces")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(target / "src"), *sys.path[1:]]))
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", str(target / "tests")],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert tests.returncode == 0, tests.stdout[-3000:]
    passed = {line.split("::")[-1] for line in tests.stdout.splitlines() if line.startswith("PASSED")}
    assert {"test_national_goal", "test_ships_the_plans_it_declares", "test_every_value_quotes_its_text",
            "test_sample_is_what_its_script_writes", "test_sample_is_within_caps"} <= passed, tests.stdout[-3000:]


@pytest.mark.slow
def test_scaffolded_pack_installs_and_evaluates(tmp_path):
    pytest.importorskip("hatchling", reason="installing a pack offline needs the hatchling build backend")
    target = scaffold("hanoi", "Hà Nội", root=tmp_path / "provinces")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--no-build-isolation", "--target", str(site), str(target)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), *sys.path[1:]])
    listed = subprocess.run([sys.executable, "-m", "chuyenhoa", "provinces", "--format", "json"],
                            capture_output=True, text=True, env=env, check=True)
    listed = {p["slug"]: p for p in json.loads(listed.stdout)}
    assert listed["hanoi"]["pack"] and listed["hanoi"]["distribution"] == "chuyenhoa-hanoi"
    result = subprocess.run([sys.executable, "-m", "chuyenhoa", "evaluate", "--province", "hanoi", "--format",
                             "json"], capture_output=True, text=True, env=env, check=True)
    doc = json.loads(result.stdout)
    assert doc["data"]["synthetic"] is True and doc["province"]["code"] == "01"
    assert doc["plan"]["provincial"] is True  # the pack's own plan, not the national one
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(target / "tests")],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert tests.returncode == 0, tests.stdout[-2000:]
