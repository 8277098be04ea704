"""``chuyenhoa timeline``: milestones and their status on a day, as a table, JSON and an RFC 5545 calendar.

The command is tested through its own typer app, as chuyenhoa.cli.app registers it.
"""

import datetime as dt
import json

import chuyenhoa_tayninh
import pytest
import typer
from icalendar import Calendar
from typer.testing import CliRunner

from chuyenhoa.cli.timeline import plan_timeline, timeline
from chuyenhoa.model import Milestone, Period, Plan, Province, Responsibility, Source
from chuyenhoa.output.reports._format import LEAD_UNKNOWN, lead_of
from chuyenhoa.output.reports.ics import calendar_bytes
from chuyenhoa.plugins import host as plugins

app = typer.Typer()
app.command()(timeline)
runner = CliRunner()


@pytest.fixture(autouse=True)
def tayninh_only():
    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))


def run(*args):
    return runner.invoke(app, list(args))


def test_table_shows_status_lead_and_clause():
    out = run("--province", "tayninh", "--as-of", "10/07/2024")
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0].startswith("Tây Ninh — Kế hoạch số 860/KH-UBND ngày 25/03/2024") and "10/07/2024" in out.stdout
    inspection = next(line for line in lines if "§IV.4" in line)
    assert "01/07/2024 – 31/07/2024" in inspection and "đang đến hạn, còn 21 ngày" in inspection
    assert "Công an tỉnh" in inspection
    # a deadline behind the day: passed, and on which date; never "quá N ngày" (the task may have been done)
    assert "đã qua ngày 28/03/2024" in next(line for line in lines if "§IV.2" in line)
    assert "quá" not in out.stdout


def test_json():
    out = run("--province", "tayninh", "--as-of", "2024-07-10", "--format", "json")
    doc = json.loads(out.stdout)
    assert doc["plan"]["id"] == "860/KH-UBND" and doc["as_of"] == "2024-07-10"
    by_clause = {m["source"]: m for m in doc["milestones"]}
    assert by_clause["860/KH-UBND §IV.4"] | {"status": "due", "lead": "Công an tỉnh"} == by_clause["860/KH-UBND §IV.4"]
    # §IV.2 gives the plans of the units to the units themselves (the plan's [[responsibilities]])
    units = "Các cơ quan, đơn vị, địa phương, doanh nghiệp, trường học trên địa bàn tỉnh"
    assert by_clause["860/KH-UBND §IV.2"]["lead"] == units and by_clause["860/KH-UBND §IV.2"]["status"] == "passed"
    assert by_clause["860/KH-UBND §IV.1"]["lead"] is None  # §IV.1 names nobody to lead the movement's period


def test_ics_is_rfc5545_with_clause_and_lead(tmp_path):
    target = tmp_path / "moc.ics"
    out = run("--province", "tayninh", "--as-of", "2024-07-10", "--format", "ics", "--output", str(target))
    assert out.exit_code == 0 and f"Đã ghi {target}" in out.stderr
    data = target.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines), "RFC 5545 §3.1: lines of at most 75 octets"
    assert b"\n" not in data.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0" and "chuyenhoa" in str(calendar["PRODID"])
    events = {str(e["X-CHUYENHOA-SOURCE"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"860/KH-UBND §IV.1", "860/KH-UBND §IV.2", "860/KH-UBND §IV.4"}
    for event in events.values():
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CONTACT"} <= set(event)
        assert "Căn cứ: 860/KH-UBND §IV" in str(event["DESCRIPTION"])
        assert event.decoded("DTEND") > event.decoded("DTSTART")
    inspection = events["860/KH-UBND §IV.4"]
    assert str(inspection["CONTACT"]) == "Công an tỉnh"
    assert "Cơ quan chủ trì: Công an tỉnh" in str(inspection["DESCRIPTION"])
    assert (inspection.decoded("DTSTART"), inspection.decoded("DTEND")) == (dt.date(2024, 7, 1), dt.date(2024, 8, 1))
    deadline = events["860/KH-UBND §IV.2"]
    assert str(deadline["CONTACT"]) == "Các cơ quan, đơn vị, địa phương, doanh nghiệp, trường học trên địa bàn tỉnh"
    assert (deadline.decoded("DTSTART"), deadline.decoded("DTEND")) == (dt.date(2024, 3, 28), dt.date(2024, 3, 29))
    # the nine-month movement is shown on its last day, its window in the description; §IV.1 names no lead
    movement = events["860/KH-UBND §IV.1"]
    assert LEAD_UNKNOWN in str(movement["CONTACT"]) and LEAD_UNKNOWN in str(movement["DESCRIPTION"])
    assert movement.decoded("DTSTART") == dt.date(2024, 12, 31)
    assert "25/03/2024 – 31/12/2024" in str(movement["DESCRIPTION"])
    # the plan's milestones are not sample data: no banner
    assert "GIẢ LẬP" not in data.decode("utf-8")


def test_ics_uids_are_stable_across_days():
    first = run("--province", "tayninh", "--as-of", "2024-07-10", "--format", "ics").stdout_bytes
    later = run("--province", "tayninh", "--as-of", "2024-12-01", "--format", "ics").stdout_bytes
    uids = [sorted(str(e["UID"]) for e in Calendar.from_ical(d).walk("VEVENT")) for d in (first, later)]
    assert uids[0] == uids[1] and len(set(uids[0])) == 3


def test_errors_are_one_line_and_exit_2():
    unknown = run("--province", "nowhere")
    assert unknown.exit_code == 2 and unknown.stderr.startswith("Lỗi: ") and "Traceback" not in unknown.output
    bad_day = run("--province", "tayninh", "--as-of", "31/02/2024")
    assert bad_day.exit_code == 2 and "--as-of" in bad_day.stderr
    no_plan = run("--province", "tayninh", "--year", "2019")
    assert no_plan.exit_code == 2 and "2019" in no_plan.stderr


def test_output_is_written_whole_and_never_half(tmp_path, monkeypatch):
    target = tmp_path / "moc.ics"
    target.write_bytes(b"old")

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("chuyenhoa.output.reports.ics.calendar_bytes", broken)
    out = run("--province", "tayninh", "--format", "ics", "--output", str(target))
    assert out.exit_code != 0 and target.read_bytes() == b"old"


# --- the pieces, on a made-up plan -----------------------------------------------------------


def make_plan(milestones, responsibilities=(), years=(2017, 2018)):
    return Plan(id="1/KH-UBND", province="testia", title="Kế hoạch thử", issuer="UBND tỉnh Thử",
                date=dt.date(2017, 1, 2), years=years, period=Period(dt.date(2017, 1, 2), dt.date(2018, 12, 31)),
                milestones=milestones, responsibilities=responsibilities)


def milestone(due, who=None, clause="§I", start=None):
    return Milestone(due=due, what=f"Việc {due}", source=Source("1/KH-UBND", clause), who=who, start=start)


@pytest.mark.parametrize(("who", "lead"), [
    ("Công an tỉnh chủ trì, phối hợp Sở Nội vụ", "Công an tỉnh"),
    ("Các đơn vị được lựa chọn; Công an tỉnh chủ trì, hướng dẫn", "Công an tỉnh"),
    ("(Sở Tư pháp, Ủy ban MTTQ tỉnh chủ trì; các sở phối hợp thực hiện)", "Sở Tư pháp, Ủy ban MTTQ tỉnh"),
    ("Công an tỉnh, Sở Y tế đồng chủ trì", "Công an tỉnh, Sở Y tế"),
    ("Công an tỉnh tham mưu UBND tỉnh", None),
    (None, None),
])
def test_lead_is_read_from_the_milestone(who, lead):
    assert lead_of(milestone(dt.date(2017, 3, 1), who), make_plan(()))[0] == lead


def test_lead_falls_back_on_a_responsibility_of_the_same_clause():
    duty = Responsibility(task="Báo cáo", lead="Công an tỉnh", source=Source("1/KH-UBND", "§VII.4"))
    plan = make_plan((), (duty,))
    assert lead_of(milestone(dt.date(2017, 11, 24), "Công an tỉnh tham mưu", "§VII.4"), plan) == (
        "Công an tỉnh", "phân công của kế hoạch, 1/KH-UBND §VII.4")
    assert lead_of(milestone(dt.date(2017, 11, 24), None, "§VII.5"), plan) == (None, "")


def test_a_year_of_a_multi_year_plan_keeps_that_year_only():
    plan = make_plan((milestone(dt.date(2017, 11, 24)), milestone(dt.date(2018, 11, 24)),
                      milestone(dt.date(2018, 12, 31), start=dt.date(2017, 1, 2))))
    kept = plan_timeline(plan, dt.date(2018, 11, 1), 2017)
    assert [e.milestone.due for e in kept] == [dt.date(2017, 11, 24), dt.date(2018, 12, 31)]
    assert len(plan_timeline(plan, dt.date(2018, 11, 1))) == 3
    one_year = make_plan(plan.milestones, years=(2018,))
    assert len(plan_timeline(one_year, dt.date(2018, 11, 1), 2018)) == 3


def test_calendar_of_sample_data_says_so():
    plan = make_plan((milestone(dt.date(2017, 3, 1)),))
    entries = plan_timeline(plan, dt.date(2017, 1, 10))
    stamp = dt.datetime(2017, 1, 10, tzinfo=dt.timezone.utc)
    data = calendar_bytes(Province("testia", "99", "Thử"), plan, entries, dt.date(2017, 1, 10), synthetic=True,
                          stamp=stamp)
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("[MẪU]") and "GIẢ LẬP" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTAMP") == stamp
    assert data == calendar_bytes(Province("testia", "99", "Thử"), plan, entries, dt.date(2017, 1, 10),
                                  synthetic=True, stamp=stamp)  # the same input gives the same file
