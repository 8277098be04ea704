"""The banner of a workbook pre-filled from a pack's synthetic sample: its words, in one place.

``chuyenhoa template --from sample`` writes :data:`SYNTHETIC_NOTE` above the header
of every data sheet; reading such a sheet back (:mod:`chuyenhoa.reading.dataset`)
marks the data synthetic, so a result computed on invented figures says so even
after somebody saved the workbook under another name.  The writer and the reader
must agree on the words, so both import them from here: the reading layer owns
them because reading is the lower stage, and the template writer may import it
(never the other way round).
"""

from __future__ import annotations

from chuyenhoa.i18n import LANGUAGES, N_, catalogue

__all__ = ["SYNTHETIC_NOTE", "is_synthetic_note"]

SYNTHETIC_NOTE = N_("*** DỮ LIỆU MẪU GIẢ LẬP (SYNTHETIC) — KHÔNG PHẢI SỐ LIỆU THẬT: các số năm trước điền sẵn "
                    "là số liệu giả, chỉ để thử ***")


def is_synthetic_note(text: str) -> bool:
    """Whether ``text`` is :data:`SYNTHETIC_NOTE`, in any language the tool speaks: a workbook whose
    data sheet carries it was pre-filled from a pack's synthetic sample, whatever ``--lang`` wrote it."""
    return text.strip() in {catalogue(lang).gettext(SYNTHETIC_NOTE) for lang in LANGUAGES} | {SYNTHETIC_NOTE}
