"""Awards with the Bình Phước pack, when it is installed (or on the path): its 2024 scheme, §III.

The pack is written by another developer against the ``[awards]`` schema of
``docs/awards.md``; these tests skip until it exists.  The nominee file is the
synthetic sample of ``provinces/binhphuoc/examples``.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from chuyenhoa.awards import NomineeKind, Status, evaluate_awards, scheme_from_plan
from chuyenhoa.plugins.host import PluginHost

binhphuoc = pytest.importorskip("chuyenhoa_binhphuoc")
EXAMPLE = Path(__file__).resolve().parent.parent / "provinces" / "binhphuoc" / "examples" / "binhphuoc-nominees.csv"


@pytest.fixture
def host() -> PluginHost:
    return PluginHost(autoload=False, plugins=[binhphuoc])


@pytest.fixture
def plan(host):
    plan = host.province("binhphuoc").plan_for(2024)
    if not plan.awards:
        pytest.skip("the Bình Phước 2024 plan file has no [awards] table yet")
    return plan


def test_scheme_of_2024(plan):
    scheme = scheme_from_plan(plan)
    assert "Bằng khen" in scheme.form
    assert {q.kind: q.max for q in scheme.quotas} == {NomineeKind.COLLECTIVE: 3, NomineeKind.INDIVIDUAL: 6}
    (cap,) = scheme.caps_for(NomineeKind.INDIVIDUAL)
    assert (cap.flag, cap.max_share, cap.comparator.value) == ("leader", Fraction(2, 5), "<=")
    assert [cap.allowed(n) for n in (0, 1, 5, 6, 7)] == [0, 0, 2, 2, 2]
    assert {d.flag for d in scheme.documents} == {"has_submission", "has_minutes", "has_report"}
    for rule in (*scheme.quotas, *scheme.share_caps, *scheme.requirements, *scheme.priorities, *scheme.documents):
        assert rule.source.clause, rule


def test_synthetic_proposal(host, plan):
    result = evaluate_awards("binhphuoc", 2024, nominees=EXAMPLE, host=host)
    assert result.compliant is False  # 4 collectives, 7 individuals, 3 leaders among them
    doc = result.to_dict()
    assert doc["counts"]["collective"]["max"] == 3 and doc["counts"]["individual"]["max"] == 6
    assert doc["share_caps"][0]["proposed"]["allowed"] == 2
    chosen = result.recommended_counts()
    assert {c.kind: c.count for c in chosen}[NomineeKind.COLLECTIVE] == 3
    leaders = sum(1 for n in result.recommended_nominees if n.kind is NomineeKind.INDIVIDUAL and n.is_leader)
    individuals = sum(1 for n in result.recommended_nominees if n.kind is NomineeKind.INDIVIDUAL)
    assert leaders <= Fraction(2, 5) * individuals
    assert result.decision("TT04").status is Status.OUT  # did not meet its targets
    assert result.decision("CN06").status is Status.OUT  # no council minutes
    assert all(f.source is not None for f in result.findings)
