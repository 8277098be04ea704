"""The 15 % cap, its rounding at the sizes that matter, proposals and approved lists."""

import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from chuyenhoa.builtin.national import CAP
from chuyenhoa.method.scoring import WeightedCriteriaScorer
from chuyenhoa.method.selection import as_written, cap_for, select
from chuyenhoa.model import CapScope, Rounding, SelectionPolicy, Source
from chuyenhoa.reading.dataset import load_dataset


@pytest.mark.parametrize(
    ("communes", "floor", "half_up", "ceil"),
    [(6, 0, 1, 1), (7, 1, 1, 2), (10, 1, 2, 2), (14, 2, 2, 3), (20, 3, 3, 3), (100, 15, 15, 15), (94, 14, 14, 15)],
)
def test_cap_rounding(communes, floor, half_up, ceil):
    def policy(rounding):
        return SelectionPolicy(cap_share=0.15, scopes=["district"], rounding=rounding)

    assert cap_for(communes, policy(Rounding.FLOOR)) == floor  # "không vượt quá 15 %"
    assert cap_for(communes, policy(Rounding.ROUND_HALF_UP)) == half_up
    assert cap_for(communes, policy(Rounding.CEIL)) == ceil


def test_cap_is_the_exact_decimal_share():
    """The caps in two ints are those of ``Fraction(str(share))`` (what the cap was computed with before), for
    shares as a plan writes them and for floats of every size, at every rounding."""
    rng = random.Random(17)
    shares = [0.15, 0.1, 0.2, 0.3, 1, 1.0, 1 / 3, 2 / 3, 0.1 + 0.2, 1e-5, 1.5e-7, 5e-324, 0.999999, 0.125]
    shares += [rng.random() for _ in range(300)] + [rng.randint(1, 10**6) / 10 ** rng.randint(6, 12) for _ in range(300)]
    shares += [Fraction(3, 20), Fraction(1, 3), Decimal("0.15"), Decimal("1E-5"), Decimal("2.5E-1")]
    for share in shares:
        assert Fraction(*as_written(share)) == Fraction(str(share)), share
        for communes in (0, 1, 6, 7, 10, 14, 20, 37, 94, 100, 10_051, rng.randint(0, 100_000)):
            exact = Fraction(str(share)) * communes
            expected = {Rounding.FLOOR: math.floor(exact), Rounding.CEIL: math.ceil(exact),
                        Rounding.ROUND_HALF_UP: math.floor(exact + Fraction(1, 2))}
            for rounding, cap in expected.items():
                policy = SelectionPolicy(cap_share=share, scopes=["district"], rounding=rounding)
                assert cap_for(communes, policy) == cap, (share, communes, rounding)


def _data(geography, csv_file, rows, header=("commune_code", "year", "criminal_offences", "drug_spots", "hotspot")):
    return load_dataset(csv_file(list(header), rows), geography)


def _rows(geography, hotspots=(), offences=None):
    offences = offences or {}
    return [[c.code, 2024, offences.get(c.code, 1), 0, "có" if c.code in hotspots else "không"]
            for c in geography.communes]


def test_approved_list_checked_against_district_caps(geography, csv_file):
    # district 901 has 6 communes: cap 0; 904 has 14: cap 2
    data = _data(geography, csv_file, _rows(geography, hotspots={"90001", "90024", "90025"}))
    selection = select(geography, data, 2024, CAP, WeightedCriteriaScorer(), {})
    caps = {c.unit_code: c for c in selection.caps}
    assert not selection.proposed
    assert (caps["901"].cap, caps["901"].selected, caps["901"].within_cap) == (0, 1, False)
    assert (caps["904"].cap, caps["904"].selected, caps["904"].within_cap) == (2, 2, True)
    assert not selection.within_caps


def test_minimum_per_district_is_said(geography, csv_file):
    policy = SelectionPolicy(cap_share=0.15, scopes=["district"], minimum_per_district=1,
                             minimum_source=Source("1/KH-UBND", "§II.5"))
    data = _data(geography, csv_file, _rows(geography, hotspots={"90001"}))
    caps = {c.unit_code: c for c in select(geography, data, 2024, policy, WeightedCriteriaScorer(), {}).caps}
    assert caps["901"].cap == 1 and caps["901"].strict_cap == 0 and caps["901"].within_cap
    assert caps["901"].exceeds_strict_cap and "1/KH-UBND §II.5" in caps["901"].note
    assert not caps["904"].exceeds_strict_cap


def test_proposal_stays_within_caps_and_ranks_by_score(geography, csv_file):
    rows = [r[:4] for r in _rows(geography, offences={"90024": 9, "90025": 8, "90026": 7, "90008": 5})]
    data = _data(geography, csv_file, rows, header=("commune_code", "year", "criminal_offences", "drug_spots"))
    selection = select(geography, data, 2024, CAP, WeightedCriteriaScorer(), {})
    assert selection.proposed
    assert selection.within_caps
    assert "90024" in selection.hotspots and "90025" in selection.hotspots and "90026" not in selection.hotspots
    assert not any(c.startswith("9000") and int(c) <= 90006 for c in selection.hotspots)  # district of 6: none
    score = selection.scores["90024"]
    assert score.points["criminal_offences"] == pytest.approx(1.0)  # the district's maximum
    assert score.groups["hinh_su"] == pytest.approx(1.0)


def test_transformed_communes_leave_the_candidate_list(geography, csv_file):
    rows = [r[:4] for r in _rows(geography, offences={"90024": 9, "90025": 8, "90026": 7})]
    data = _data(geography, csv_file, rows, header=("commune_code", "year", "criminal_offences", "drug_spots"))
    selection = select(geography, data, 2024, CAP, WeightedCriteriaScorer(), {"90024": 2023})
    assert "90024" not in selection.hotspots
    assert "90024" not in selection.scores
    assert selection.excluded_transformed == {"90024": 2023}


def test_approved_transformed_commune_is_flagged(geography, csv_file):
    data = _data(geography, csv_file, _rows(geography, hotspots={"90024"}))
    selection = select(geography, data, 2024, CAP, WeightedCriteriaScorer(), {"90024": 2023})
    assert any("90024" in f and "§III.2" in f for f in selection.findings)


def test_province_scope(geography, csv_file):
    policy = SelectionPolicy(cap_share=0.15, scopes=[CapScope.PROVINCE])
    rows = [r[:4] for r in _rows(geography, offences={c.code: 2 + i for i, c in enumerate(geography.communes)})]
    data = _data(geography, csv_file, rows, header=("commune_code", "year", "criminal_offences", "drug_spots"))
    selection = select(geography, data, 2024, policy, WeightedCriteriaScorer(), {})
    assert [c.scope for c in selection.caps] == [CapScope.PROVINCE]
    assert selection.caps[0].cap == 5  # floor(0.15 × 37)
    assert len(selection.hotspots) == 5


def test_zero_score_is_never_proposed(geography, csv_file):
    rows = [[c.code, 2024, 0, 0] for c in geography.communes]
    data = _data(geography, csv_file, rows, header=("commune_code", "year", "criminal_offences", "drug_spots"))
    assert select(geography, data, 2024, CAP, WeightedCriteriaScorer(), {}).hotspots == ()


def test_weights_change_the_ranking(geography, csv_file):
    rows = [[c.code, 2024, 1, 0] for c in geography.communes]
    rows[23] = ["90024", 2024, 5, 2]
    rows[24] = ["90025", 2024, 1, 3]
    data = _data(geography, csv_file, rows, header=("commune_code", "year", "criminal_offences", "drug_spots"))
    default = select(geography, data, 2024, CAP, WeightedCriteriaScorer(), {}).scores
    drugs = select(geography, data, 2024, CAP, WeightedCriteriaScorer({"drug_spots": 10}), {}).scores
    assert default["90024"].total > default["90025"].total
    assert drugs["90025"].total > drugs["90024"].total
