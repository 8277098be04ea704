"""The options each document format takes, checked once for every writer that offers several formats.

The evaluation reports (html, docx, ics) and the awards papers (docx, xlsx) take
different options per format (a Word paper takes a signer, a calendar none).  An
option given to a format that cannot use it is refused rather than ignored: an
officer who passed ``--signer`` must not get a paper without one and no word.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _


def given_options(fmt: str, options: Mapping[str, Any], accepted: Mapping[str, frozenset[str]],
                  unknown_format: str) -> dict[str, Any]:
    """The options of ``fmt`` that were given (None counts as not given), refusing a format or an option it lacks.

    ``unknown_format`` is the sentence for a format not in ``accepted``, with ``{format}``
    and ``{choices}`` (already translated by the caller).
    """
    if fmt not in accepted:
        raise ChuyenhoaError(unknown_format.format(format=fmt, choices=", ".join(accepted)))
    given = {k: v for k, v in options.items() if v is not None}
    unknown = sorted(set(given) - accepted[fmt])
    if unknown:
        raise ChuyenhoaError(_("định dạng '{format}' không nhận tùy chọn: {options}").format(
            format=fmt, options=", ".join(unknown)))
    return given
