"""Comparators exactly as the text writes them: the boundary decides (DOMAIN.md ambiguity 4)."""

import pytest

from chuyenhoa.comparators import Comparator


@pytest.mark.parametrize(
    ("comparator", "actual", "threshold", "expected"),
    [
        (Comparator.GT, 75, 75, False),  # "trên 75 %": 75 is not above 75
        (Comparator.GT, 75.01, 75, True),
        (Comparator.GE, 80, 80, True),  # "từ 80 % trở lên": 80 is enough
        (Comparator.GE, 79.99, 80, False),
        (Comparator.LT, 15, 15, False),  # "dưới 15 %"
        (Comparator.LT, 14.9, 15, True),
        (Comparator.LE, -5, -5, True),  # "giảm ít nhất 5 %": change ≤ −5
        (Comparator.LE, -4.99, -5, False),
        (Comparator.EQ, 100, 100, True),  # "100 %"
        (Comparator.EQ, 99.9, 100, False),
        (Comparator.LE, -5.000000000000001, -5, True),  # float noise from (570 − 600) / 600
        (Comparator.GE, 200 / 3, 200 / 3, True),  # 2/3 compared as a fraction
        (Comparator.GE, 66.66, 200 / 3, False),
    ],
)
def test_boundaries(comparator, actual, threshold, expected):
    assert comparator.holds(actual, threshold) is expected


def test_flags_compare_with_equals_only():
    assert Comparator.EQ.holds(False, False)
    assert not Comparator.EQ.holds(True, False)
    with pytest.raises(ValueError, match="yes/no"):
        Comparator.GE.holds(True, False)


@pytest.mark.parametrize(("text", "expected"), [("≥", Comparator.GE), ("≤", Comparator.LE), ("==", Comparator.EQ),
                                                 (" > ", Comparator.GT)])
def test_parse(text, expected):
    assert Comparator.parse(text) is expected


def test_parse_refuses_unknown():
    with pytest.raises(ValueError, match="not one of"):
        Comparator.parse("=>")


def test_holds_each_is_holds_for_every_value():
    # the batch form writes the tolerance test out; it must agree with holds() at and around
    # every boundary, on ints, on values that are not finite, and on missing values
    values = [None, 0, 1, 75, 80, 100, 75.0, 80.0, -5, -0.0, float("inf"), float("-inf"), float("nan"), 2 ** 60,
              200 / 3, 66.66, -5.000000000000001]
    for limit in (75, 80.0, 100, 0, -5, 200 / 3, 0.8):
        values += [limit + delta for delta in (0, 1e-9, -1e-9, 5e-10, -5e-10, 2e-9, -2e-9, 1e-3, -1e-3)]
    for comparator in Comparator:
        for threshold in (75, 80.0, 100, 0, -5, 200 / 3, 0.8, 1e-12):
            expected = [None if v is None else comparator.holds(v, threshold) for v in values]
            assert comparator.holds_each(values, threshold) == expected, (comparator, threshold)


def test_holds_each_on_flags_and_infinite_thresholds_uses_holds():
    assert Comparator.EQ.holds_each([True, False, None], True) == [True, False, None]
    assert Comparator.GE.holds_each([1.0, float("inf")], float("inf")) == [False, True]
    with pytest.raises(ValueError, match="yes/no"):
        Comparator.GE.holds_each([True], 1)
