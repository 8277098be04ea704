"""The awards papers: the submission (*tờ trình*) in Word and the list (*danh sách*) as a workbook.

``chuyenhoa awards … --format docx|xlsx --output FILE`` writes them for the
emulation and awards board (Ban Thi đua – Khen thưởng) to sign and forward as they
are.  Both say what :class:`~chuyenhoa.awards.result.AwardsResult` holds, each
verdict with its clause (:mod:`chuyenhoa.output.awards.contents`); nothing is
decided here.

They live in the output stage, beside the evaluation's Word report and workbook,
rather than in ``chuyenhoa.awards`` with the plain-text table: the submission is a
document of Nghị định 30/2020/NĐ-CP and shares its layout with the report
(:mod:`chuyenhoa.output.reports.nd30`), the workbook shares the atomic writer and
the print setup of the other workbooks, and the output stage may import the
awards stage while the awards stage may not import the output stage's writers.

Each format is imported only when asked for (python-docx, XlsxWriter).  A
redacted result (``--redact``) is redacted before it gets here: the papers print
the ids in place of names and leave out every column that may hold personal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chuyenhoa.i18n import _
from chuyenhoa.output.formats import given_options

if TYPE_CHECKING:
    from chuyenhoa.awards.result import AwardsResult

__all__ = ["FORMATS", "OPTIONS", "render_paper", "write_paper"]

#: The formats and the options each one takes (a None value counts as not given).
OPTIONS: dict[str, frozenset[str]] = {
    "docx": frozenset({"number", "signer", "signer_title", "place", "recipients", "issuer", "date", "addressee"}),
    "xlsx": frozenset(),
}
FORMATS = tuple(OPTIONS)


def render_paper(result: AwardsResult, fmt: str, **options: Any) -> bytes:
    """The paper as bytes, in memory: what :func:`write_paper` writes, for callers that send it elsewhere."""
    given = given_options(fmt, options, OPTIONS,
                          _("giấy tờ khen thưởng không có định dạng '{format}'; chọn một trong: {choices}"))
    if fmt == "docx":
        from chuyenhoa.output.awards.docx import render_submission

        return render_submission(result, **given)
    from chuyenhoa.output.awards.xlsx import render_list

    return render_list(result)


def write_paper(result: AwardsResult, fmt: str, output: str | Path, *, inputs: Iterable[str | Path | None] = (),
                **options: Any) -> Path:
    """Write the paper of ``result`` in ``fmt`` (``docx``: the submission; ``xlsx``: the list) to ``output``.

    Built whole in memory, then written atomically: an error half-way never
    leaves half a document, and ``output`` is never one of ``inputs`` (the
    nominee file, the pack's files).  Options of the submission (None: not given,
    a dotted blank for the person who signs to fill): ``number`` ("15" or
    "15/TTr-SNV"), ``date`` (of signing), ``place``, ``issuer`` (the body that
    submits, lines split by a newline or " / "), ``addressee`` (after "Kính
    gửi:"), ``signer``, ``signer_title``, ``recipients``.
    """
    from chuyenhoa.output.files import write_atomic_bytes

    return write_atomic_bytes(output, render_paper(result, fmt, **options), inputs=inputs)
