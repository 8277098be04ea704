"""The progress bar: drawn on a terminal for big jobs, nothing when piped."""

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the benchmarks' own helper, not part of the package

from progress import MIN_TOTAL, progress, wanted


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_nothing_when_piped():
    stream = io.StringIO()
    with progress("Đọc dữ liệu", MIN_TOTAL * 2, stream) as advance:
        advance(MIN_TOTAL)
    assert stream.getvalue() == ""


def test_nothing_for_small_jobs_even_on_a_terminal():
    assert not wanted(Terminal(), MIN_TOTAL - 1)


def test_drawn_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CHUYENHOA_NO_PROGRESS", raising=False)
    stream = Terminal()
    assert wanted(stream, MIN_TOTAL)
    with progress("Đọc dữ liệu", MIN_TOTAL, stream) as advance:
        advance(MIN_TOTAL)
    assert "Đọc dữ liệu" in stream.getvalue()


def test_quiet_switch(monkeypatch):
    monkeypatch.setenv("CHUYENHOA_NO_PROGRESS", "1")
    assert not wanted(Terminal(), MIN_TOTAL * 10)
