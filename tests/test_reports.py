"""The HTML report and write_report: self-contained, escaped, every verdict with its clause, written whole."""

import datetime as dt
import functools
import html
import re

import attrs
import chuyenhoa_tayninh
import pytest

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.method.engine import evaluate
from chuyenhoa.model import Province, Status
from chuyenhoa.output.reports import FORMATS, render_report, write_report
from chuyenhoa.output.reports.page import render_html
from chuyenhoa.output.words import STATUS_VI, SYNTHETIC_BANNER, VERDICT_VI
from chuyenhoa.plugins.host import PluginHost

SAMPLE = chuyenhoa_tayninh.HERE / "sample"


@functools.cache
def sample_result(synthetic: bool = True):
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    data = {} if synthetic else {"data": SAMPLE / "communes.csv", "province_data": SAMPLE / "province.csv"}
    return evaluate("tayninh", 2024, as_of=dt.date(2024, 7, 10), host=host, **data)


@pytest.fixture(scope="module")
def page():
    return render_html(sample_result())


def test_page_is_one_self_contained_document(page):
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<html lang="vi">' in page and '<meta charset="utf-8">' in page
    # nothing to fetch: no address, no linked or embedded resource, no script
    assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|www\.", page, re.IGNORECASE)
    assert not re.search(r"\b(src|href|srcset|action|formaction|xlink:href)\s*=", page, re.IGNORECASE)
    assert not re.search(r"<(script|link|iframe|object|embed|img|base)\b|@import|url\(|@font-face", page,
                         re.IGNORECASE)


def test_page_shows_the_plan_the_data_and_the_synthetic_banner(page):
    result = sample_result()
    assert page.count(html.escape(SYNTHETIC_BANNER)) >= 2  # top and bottom
    assert "[DỮ LIỆU MẪU GIẢ LẬP]" in page.split("</title>")[0]
    assert html.escape(result.plan.title) in page and "860/KH-UBND" in page
    assert "UBND tỉnh Tây Ninh" in page and "10/07/2024" in page
    assert html.escape(result.data.description) in page
    real = render_html(sample_result(synthetic=False))
    assert html.escape(SYNTHETIC_BANNER) not in real and "GIẢ LẬP" not in real.split("</title>")[0]
    assert "communes.csv" in real


def test_page_has_the_four_charts(page):
    labels = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]+)"', page)
    # a long list of targets is drawn as several charts of at most 12 rows, each fitting a printed page
    assert labels[3:] == [f"Giá trị thực tế của từng chỉ tiêu so với ngưỡng ({n}/2)" for n in (1, 2)]
    charts = list(dict.fromkeys(re.sub(r" \(\d/\d\)$", "", label) for label in labels))
    assert charts == [
        "Số địa bàn được chọn so với trần của từng đơn vị",
        "Tỷ lệ địa bàn chuyển hóa thành công so với mục tiêu",
        "Kết quả từng chỉ tiêu theo địa bàn",
        "Giá trị thực tế của từng chỉ tiêu so với ngưỡng",
    ]
    result = sample_result()
    # the 60 % line of the programme goal, with its clause
    assert "Mục tiêu ≥ 60% — kết quả: ĐẠT (7488/KH-UBND §II.1)" in page
    # one heat-map row per hotspot, one cap bar per district
    heat = re.search(r'aria-label="Kết quả từng chỉ tiêu theo địa bàn".*?</svg>', page, re.S)[0]
    for h in result.hotspots:
        assert html.escape(h.commune_name) in heat
    caps = re.search(r'aria-label="Số địa bàn được chọn.*?</svg>', page, re.S)[0]
    assert caps.count("— trong trần") == len(result.selection.caps) == 9


def test_every_verdict_is_shown_with_its_clause(page):
    result = sample_result()
    rows = page.split("<tr>")
    for t in (*result.targets, *result.programme):
        row = next(r for r in rows if f"<td>{html.escape(t.label)}</td>" in r)
        assert html.escape(STATUS_VI[t.status]) in row and html.escape(str(t.source)) in row
    for h in result.hotspots:
        assert html.escape(VERDICT_VI[h.verdict]) in page
        for i in h.indicators:
            assert html.escape(i.label) in page
    assert page.count(str(result.success_rule.source)) >= len(result.hotspots)
    for entry in result.timeline:
        assert html.escape(entry.milestone.what) in page and str(entry.milestone.source) in page


def test_a_hotspot_with_indicators_missing_shows_its_bounds(page):
    """Xã Long Phước: 4 of the 5 with data, 4 empty: its share of the nine lies within 44.4–88.9 %."""
    row = next(r for r in page.split("<tr>") if "<td>Xã Long Phước<br>" in r)
    assert "<td>4/5</td><td>4</td><td>44,4–88,9%</td>" in re.sub(r"<td[^>]*>", "<td>", row)
    assert html.escape(VERDICT_VI[Status.NOT_ASSESSABLE]) in row
    assert "tỷ lệ nằm trong 44,4–88,9%, chưa đủ để kết luận" in row
    heat = re.search(r'aria-label="Kết quả từng chỉ tiêu theo địa bàn".*?</svg>', page, re.S)[0]
    assert "Xã Long Phước (44,4–88,9%): đạt 4/5 chỉ tiêu có số liệu" in heat


def test_page_presents_verdicts_it_does_not_recompute():
    """A verdict the result holds is the one the page shows, even one no comparator would give."""
    result = sample_result()
    first = result.targets[0]
    flipped = attrs.evolve(first, status=type(first.status).NOT_ASSESSABLE, label="Chỉ tiêu đã lật")
    page = render_html(attrs.evolve(result, targets=(flipped, *result.targets[1:])))
    row = next(r for r in page.split("<tr>") if "<td>Chỉ tiêu đã lật</td>" in r)
    assert "CHƯA ĐÁNH GIÁ ĐƯỢC" in row


def test_every_text_is_escaped():
    result = sample_result()
    evil = "<script>alert('x')</script> & \"q\""
    plan = attrs.evolve(result.plan, title=evil, issuer="<b>UBND</b>")
    province = Province(result.province.slug, result.province.code, "<img onerror=x>")
    page = render_html(attrs.evolve(result, plan=plan, province=province, notes=(evil,), warnings=(evil,)))
    assert "<script" not in page and "<img" not in page and "<b>UBND" not in page
    assert html.escape(evil) in page and "&lt;img onerror=x&gt;" in page


def test_page_without_hotspots_or_milestones_still_renders():
    result = sample_result()
    page = render_html(attrs.evolve(result, hotspots=(), timeline=()))
    assert "Không có địa bàn nào được lựa chọn" in page and "Kế hoạch không có mốc thời gian" in page


def test_write_report_writes_html_whole(tmp_path):
    out = tmp_path / "report.html"
    write_report(sample_result(), "html", out)
    assert out.read_text(encoding="utf-8") == render_html(sample_result())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left behind


def test_write_report_refuses_bad_formats_and_options_and_keeps_the_old_file(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(ChuyenhoaError, match="định dạng báo cáo 'pdf'"):
        write_report(sample_result(), "pdf", out)
    with pytest.raises(ChuyenhoaError, match="không nhận tùy chọn: signer"):
        write_report(sample_result(), "html", out, signer="Nguyễn Văn A")
    assert out.read_text(encoding="utf-8") == "old"
    assert set(FORMATS) >= {"html", "docx"}
    # None is "not given", as the command line passes its unset options
    write_report(sample_result(), "html", out, signer=None, number=None)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_report_never_overwrites_an_input(tmp_path):
    data = tmp_path / "communes.csv"
    data.write_text("commune_code,year\n", encoding="utf-8")
    with pytest.raises(ChuyenhoaError, match="trùng với tệp dữ liệu đầu vào"):
        write_report(sample_result(), "html", data, inputs=(data, None))
    assert data.read_text(encoding="utf-8") == "commune_code,year\n"


def test_render_report_ics_carries_the_banner_for_sample_data():
    from icalendar import Calendar

    calendar = Calendar.from_ical(render_report(sample_result(), "ics"))
    assert SYNTHETIC_BANNER in str(calendar["X-WR-CALDESC"])
    events = calendar.walk("VEVENT")
    assert len(events) == len(sample_result().timeline)
    assert all(str(e["SUMMARY"]).startswith("[MẪU]") and SYNTHETIC_BANNER in str(e["DESCRIPTION"]) for e in events)
    real = Calendar.from_ical(render_report(sample_result(synthetic=False), "ics"))
    assert all(SYNTHETIC_BANNER not in str(e["DESCRIPTION"]) for e in real.walk("VEVENT"))


def test_importing_the_reports_package_loads_neither_docx_nor_icalendar():
    import subprocess
    import sys

    code = ("import sys, chuyenhoa.output.reports; "
            "print(any(m == 'docx' or m.startswith(('docx.', 'icalendar')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
