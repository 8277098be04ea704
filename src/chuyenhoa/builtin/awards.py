"""The built-in awards plugin: the plan's ``[awards]`` table and the checks every scheme needs.

Registered by every :class:`~chuyenhoa.plugins.host.PluginHost` right after the
national plugin, under the name ``chuyenhoa.awards``.  It reads the scheme from
the plan file, checks a proposal against the generic rules a scheme states
(quotas, caps on shares, standards, dossier: :mod:`chuyenhoa.awards.checks`)
and ranks by the plan's priorities.  Every implementation is ``trylast``: a
pack's scheme or ranking overrides it, a pack's checks are added to it.
Provinces supply data through their plan files and their own rules through the
same hooks.

Every host imports this module, so it imports nothing of the awards stage at
module level: attrs classes cost about a millisecond each to build, and a user
of ``chuyenhoa evaluate`` should not pay for awards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chuyenhoa.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from chuyenhoa.awards.model import AwardFinding, AwardRanking, Nominee
    from chuyenhoa.awards.scheme import AwardScheme
    from chuyenhoa.model import Plan




@hookimpl(trylast=True)
def chuyenhoa_award_scheme(plan: Plan) -> AwardScheme | None:
    if not plan.awards:
        return None
    from chuyenhoa.awards.scheme import scheme_from_plan

    return scheme_from_plan(plan)


@hookimpl(trylast=True)
def chuyenhoa_award_checks(plan: Plan, scheme: AwardScheme | None,
                           nominees: tuple[Nominee, ...]) -> list[AwardFinding]:
    from chuyenhoa.awards.checks import builtin_checks

    return builtin_checks(plan, scheme, nominees)


@hookimpl(trylast=True)
def chuyenhoa_award_ranking(plan: Plan, scheme: AwardScheme | None) -> AwardRanking:
    from chuyenhoa.awards.checks import priority_ranking

    return priority_ranking(scheme)
