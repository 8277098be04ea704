"""``chuyenhoa plugins`` and the output formats plugins register (``chuyenhoa_register_output_renderers``)."""

import json

import chuyenhoa_tayninh
import pytest
from typer.testing import CliRunner

from chuyenhoa import hookimpl
from chuyenhoa.cli.app import app
from chuyenhoa.errors import PluginError
from chuyenhoa.plugins import host as plugins
from chuyenhoa.plugins.hookspecs import OutputRenderer
from chuyenhoa.plugins.host import BUILTIN_PLUGINS, PluginHost

runner = CliRunner()
BUILTIN_FORMATS = ["table", "json", "html", "docx", "xlsx", "csv", "md"]


def run(*args):
    return runner.invoke(app, list(args), env={"COLUMNS": "400"})  # headers on one line (they wrap when narrow)


def use(*extra):
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, *extra])
    plugins.reset_host(host)
    return host


class Yaml:
    """A third party's format: a bare callable, so it may go to stdout or to a file."""

    @hookimpl
    def chuyenhoa_register_output_renderers(self, register):
        register("yaml", lambda result, output, inputs, options: f"province: {result.province.slug}\n")


class Brief:
    """A format that writes its own file and cannot go to stdout."""

    @hookimpl
    def chuyenhoa_register_output_renderers(self, register):
        def render(result, output, inputs, options):
            output.write_text("tóm tắt\n", encoding="utf-8")
            return output

        register("brief", OutputRenderer(render, stdout=False, example="tom-tat.txt"))


class YamlAgain:
    @hookimpl
    def chuyenhoa_register_output_renderers(self, register):
        register("yaml", lambda result, output, inputs, options: "")


# --- chuyenhoa plugins -------------------------------------------------------------------


def test_plugins_json_lists_builtins_and_packs_with_their_hooks():
    use()
    out = run("plugins", "--format", "json")
    assert out.exit_code == 0, out.output
    listed = json.loads(out.stdout)
    assert [p["name"] for p in listed] == [*BUILTIN_PLUGINS, "chuyenhoa_tayninh"]
    assert all(set(p) == {"name", "distribution", "version", "provinces", "hooks", "error"} for p in listed)
    assert all(p["error"] is None for p in listed)
    national = listed[0]
    assert national["distribution"] == "chuyenhoa" and national["version"]
    assert national["provinces"] == [] and "chuyenhoa_success_rule" in national["hooks"]
    assert national["hooks"] == sorted(national["hooks"])
    pack = listed[-1]
    assert pack["provinces"] == ["tayninh"] and pack["hooks"] == ["chuyenhoa_register_provinces"]
    assert pack["distribution"] is None  # registered in code, not installed


def test_plugins_table_has_translated_headers():
    use(Yaml())
    out = run("plugins")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[0].split() == ["Plugin", "Gói", "cài", "đặt", "Phiên", "bản", "Tỉnh", "Hook"]
    assert "chuyenhoa_tayninh" in out.stdout and "tayninh" in out.stdout
    assert "chuyenhoa_register_output_renderers" in out.stdout
    english = run("plugins", "--lang", "en")
    assert english.stdout.splitlines()[0].split()[:4] == ["Plugin", "Distribution", "Version", "Province"]


def test_plugin_report_names_the_installed_distribution(monkeypatch):
    from importlib import metadata

    class Dist:
        metadata = {"Name": "chuyenhoa-tayninh"}
        version = "9.9"

    class EntryPoint:
        name, value, dist, group = "tayninh", "chuyenhoa_tayninh", Dist(), "chuyenhoa"

        def load(self):
            return chuyenhoa_tayninh

    monkeypatch.setattr(metadata, "entry_points", lambda group: [EntryPoint()])
    report = {p["name"]: p for p in PluginHost(autoload=True).plugin_report()}
    assert (report["tayninh"]["distribution"], report["tayninh"]["version"]) == ("chuyenhoa-tayninh", "9.9")


# --- output formats --------------------------------------------------------------------------


def test_the_seven_formats_are_registered_by_a_builtin_plugin():
    host = use()
    assert list(host.output_renderers()) == BUILTIN_FORMATS
    assert [n for n, r in host.output_renderers().items() if not r.stdout] == ["docx", "xlsx", "csv"]
    assert host.output_renderers()["csv"].folder


def test_a_plugin_adds_a_format_to_evaluate(tmp_path):
    use(Yaml())
    out = run("evaluate", "-p", "tayninh", "--as-of", "2024-12-31", "--format", "yaml")
    assert out.exit_code == 0, out.output
    assert out.stdout == "province: tayninh\n"
    target = tmp_path / "kq.yaml"
    out = run("evaluate", "-p", "tayninh", "--as-of", "2024-12-31", "--format", "yaml", "--output", str(target))
    assert out.exit_code == 0, out.output
    assert target.read_text(encoding="utf-8") == "province: tayninh\n" and str(target) in out.stderr


def test_a_format_that_needs_a_file_says_so_with_its_example(tmp_path):
    use(Brief())
    out = run("evaluate", "-p", "tayninh", "--format", "brief")
    assert out.exit_code == 2
    assert "--format brief cần --output, ví dụ --output tom-tat.txt" in out.stderr
    out = run("evaluate", "-p", "tayninh", "--format", "brief", "-o", str(tmp_path / "t.txt"))
    assert out.exit_code == 0 and (tmp_path / "t.txt").read_text(encoding="utf-8") == "tóm tắt\n"


def test_an_unknown_format_lists_the_known_ones():
    use(Yaml())
    out = run("evaluate", "-p", "tayninh", "--format", "toml")
    assert out.exit_code == 2
    assert "không có định dạng 'toml'" in out.stderr
    assert ", ".join([*BUILTIN_FORMATS, "yaml"]) in out.stderr
    assert "Traceback" not in out.output


def test_help_lists_the_registered_formats():
    use(Yaml())
    out = runner.invoke(app, ["evaluate", "--help"], env={"COLUMNS": "200"})  # wide: the type column stays whole
    assert out.exit_code == 0
    assert "<table|json|html|docx|xlsx|csv|md|yaml>" in out.stdout


def test_two_plugins_registering_one_format_is_an_error_naming_both():
    host = PluginHost(autoload=False)
    host.register(Yaml(), name="yaml-one")
    with pytest.raises(PluginError, match="yaml-one và yaml-two"):
        host.register(YamlAgain(), name="yaml-two")


def test_a_builtin_format_cannot_be_taken_over():
    class Json:
        @hookimpl
        def chuyenhoa_register_output_renderers(self, register):
            register("json", lambda result, output, inputs, options: "{}")

    with pytest.raises(PluginError, match="chuyenhoa.output.renderers và other-json"):
        PluginHost(autoload=False).register(Json(), name="other-json")


def test_a_renderer_returning_nonsense_is_one_line_and_exit_2():
    class Bad:
        @hookimpl
        def chuyenhoa_register_output_renderers(self, register):
            register("bad", lambda result, output, inputs, options: 42)

    use(Bad())
    out = run("evaluate", "-p", "tayninh", "--format", "bad")
    assert out.exit_code == 2 and "định dạng 'bad' trả về int" in out.stderr


def test_a_third_party_format_is_found_by_scanning_the_packs(monkeypatch):
    """A format of a plugin not loaded yet (entry points load lazily) is found when asked for."""
    from importlib import metadata

    class EntryPoint:
        name, value, group = "yaml", "chuyenhoa_yaml", "chuyenhoa"

        class dist:
            metadata = {"Name": "chuyenhoa-yaml"}
            version = "1.0"

        def load(self):
            return Yaml()

    monkeypatch.setattr(metadata, "entry_points", lambda group: [EntryPoint()])
    host = PluginHost(autoload=True)
    assert "yaml" not in host._renderers  # nothing scanned yet
    assert host.output_renderer("yaml").stdout  # found through the scan
