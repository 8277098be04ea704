"""Cells typed the way people type them read to the same values (INDICATORS.md)."""

import unicodedata

import pytest

from chuyenhoa.reading.cells import parse_code, parse_count, parse_flag, parse_rate, parse_text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("75", 75.0), ("75%", 75.0), ("75 %", 75.0), ("75,5", 75.5), ("75.5", 75.5), (" 100 ", 100.0), (0, 0.0),
     (80.0, 80.0), ("", None), (None, None), ("  ", None)],
)
def test_rates(cell, expected):
    assert parse_rate(cell) == expected


@pytest.mark.parametrize("cell", ["100,1", "101", "-1", "abc", "75%%", "nan", "inf"])
def test_bad_rates(cell):
    with pytest.raises(ValueError, match="0 đến 100|0–100"):
        parse_rate(cell)


@pytest.mark.parametrize(("cell", "expected"), [("12", 12), ("12.0", 12), (12.0, 12), ("1.234,0", 1234),
                                                ("", None), ("0", 0)])
def test_counts(cell, expected):
    assert parse_count(cell) == expected


@pytest.mark.parametrize(("cell", "message"), [("-3", "âm"), ("2,5", "nguyên"), ("mười", "số nguyên")])
def test_bad_counts(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_count(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("có", True), ("Có", True), ("CÓ", True), ("không", False), ("Không", False), ("x", True), ("X", True),
     ("", None), ("yes", True), ("no", False), ("true", True), ("FALSE", False), ("1", True), ("0", False),
     (1, True), (0, False), (True, True), (unicodedata.normalize("NFD", "Có"), True),
     (unicodedata.normalize("NFD", "không"), False)],
)
def test_flags(cell, expected):
    assert parse_flag(cell) is expected


def test_bad_flag():
    with pytest.raises(ValueError, match="có/không"):
        parse_flag("maybe")


@pytest.mark.parametrize(("cell", "expected"), [("25459", "25459"), ("00001", "00001"), (1, "00001"),
                                                (1.0, "00001"), ("1", "00001"), ("25459.0", "25459"),
                                                ("'00001", "00001")])
def test_codes_keep_leading_zeros(cell, expected):
    assert parse_code(cell) == expected


@pytest.mark.parametrize("cell", ["2545A", "1234567", 1.5, True])
def test_bad_codes(cell):
    with pytest.raises(ValueError):
        parse_code(cell)


def test_nfd_text_reads_as_nfc():
    nfd = unicodedata.normalize("NFD", "Phường Hiệp Ninh")
    assert parse_text(nfd) == unicodedata.normalize("NFC", "Phường Hiệp Ninh")
