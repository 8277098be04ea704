"""The HTML report in a real browser: headless Chromium renders it, and its network log must stay empty.

Chromium runs with every background service it can turn off and with a resolver
that finds no host, so nothing leaves the machine even if the page asked.  The
net log then shows whether the page asked: every request whose top frame is the
report's file:// page counts.  A control page with one remote image proves the
log does see such a request.  The screenshot is kept in the test's temporary
folder for a person to look at.  Where no Chromium is installed the tests skip
with that reason, except in CI (``CI`` set), where they fail.
"""

import datetime as dt
import json
import os
import shutil
import struct
import subprocess

import chuyenhoa_tayninh
import pytest

from chuyenhoa.method.engine import evaluate
from chuyenhoa.output.reports import write_report
from chuyenhoa.plugins.host import PluginHost

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed in CI (.ci/run installs Debian's chromium)")
    pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")


def run_chromium(chromium, tmp_path, page, *action):
    """Chromium headless on ``page`` with ``action`` (--dump-dom or --screenshot=…); returns stdout and the
    URLs the page itself requested, read from the net log."""
    netlog = tmp_path / f"netlog-{len(list(tmp_path.glob('netlog-*')))}.json"
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--window-size=1100,2400",
        "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp_path / 'profile'}",
        f"--log-net-log={netlog}", "--net-log-capture-mode=Default", *action, page.as_uri(),
    ]
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    events = json.loads(netlog.read_text(encoding="utf-8"))
    names = {value: key for key, value in events["constants"]["logEventTypes"].items()}
    requested = [
        e["params"]["url"] for e in events["events"]
        if names.get(e["type"]) == "URL_REQUEST_START_JOB"
        and str(e.get("params", {}).get("network_isolation_key", "")).startswith("file://")
    ]
    return out.stdout, requested


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    result = evaluate("tayninh", 2024, as_of=dt.date(2024, 7, 10), host=host)
    page = tmp_path_factory.mktemp("html") / "bao-cao.html"
    write_report(result, "html", page)
    return result, page


def test_the_network_log_sees_a_page_request(chromium, tmp_path):
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><p>control</p><img src="http://chuyenhoa.invalid/x.png">', encoding="utf-8")
    dom, requested = run_chromium(chromium, tmp_path, control, "--dump-dom")
    assert "control" in dom
    assert requested == ["http://chuyenhoa.invalid/x.png"]


def test_report_renders_its_text_and_charts_without_a_request(chromium, tmp_path, report):
    result, page = report
    dom, requested = run_chromium(chromium, tmp_path, page, "--dump-dom")
    assert requested == []
    assert "DỮ LIỆU MẪU GIẢ LẬP" in dom and "860/KH-UBND" in dom and "7488/KH-UBND §III.4" in dom
    assert dom.count('<svg class="chart"') == 5  # the 21 targets in two charts
    assert all(h.commune_name in dom for h in result.hotspots)


def test_report_screenshot(chromium, tmp_path, report):
    _result, page = report
    shot = tmp_path / "bao-cao.png"
    _out, requested = run_chromium(chromium, tmp_path, page, f"--screenshot={shot}")
    assert requested == []
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1100, 2400)
    assert len(data) > 50_000  # a page of text and charts, not a blank screen
