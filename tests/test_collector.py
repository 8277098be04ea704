"""The cyclic collector is paused around loads and evaluations, and always put back as it was."""

import gc

import pytest

from chuyenhoa.collector import collector_paused


@pytest.fixture
def collecting():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_restored_after_an_error(collecting):
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_left_off_when_it_was_off(collecting):
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
    gc.enable()


def test_as_a_decorator_each_call_is_paused(collecting):
    @collector_paused()
    def state() -> bool:
        return gc.isenabled()

    assert (state(), state(), gc.isenabled()) == (False, False, True)


def test_a_load_and_an_evaluation_leave_the_collector_on(collecting, geography, csv_file):
    import datetime as dt

    from chuyenhoa.method.engine import evaluate_dataset
    from chuyenhoa.model import Period, Plan, Source
    from chuyenhoa.plugins.host import PluginHost
    from chuyenhoa.reading.dataset import load_dataset

    data = load_dataset(csv_file(["commune_code", "year", "hotspot"], [["90001", "2024", "có"]]), geography)
    assert gc.isenabled()
    source = Source("TEST", "synthetic")
    plan = Plan(id="TEST", province="testia", title="t", issuer="t", date=dt.date(2024, 1, 1), years=(2024,),
                period=Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31), source))
    result = evaluate_dataset(plan, geography, data, 2024, as_of=dt.date(2025, 1, 1), host=PluginHost(autoload=False))
    assert result.selection.hotspots == ("90001",)
    assert gc.isenabled()
