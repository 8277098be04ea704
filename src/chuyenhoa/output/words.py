"""The words every output shares: one place for each, so the terminal, the workbook, the page
and the Word report say the same thing the same way.

What is here: the clause cited when a transformed commune leaves the list, the sentence that
states a cap, the words of a verdict.  A writer that needs one of them imports it from here
instead of writing it again.
"""

from __future__ import annotations

from chuyenhoa.model import SelectionPolicy


def leave_clause(policy: SelectionPolicy) -> str:
    """The clause that takes a transformed commune off the list (7488/KH-UBND §III.2 unless the plan says)."""
    return str(policy.leave_source or policy.source)
