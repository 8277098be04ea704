"""Faithfulness of the national method: every quote it carries stands in Kế hoạch 7488/KH-UBND.

The quotes of the province packs' plan files are checked by each pack's own tests
(``ProvincePackTests.test_every_quote_is_in_its_source``, with the documents the
pack names in ``sources``).  The documents are in ``../shared/sources`` beside the
repository; where they are not (a user's clone), the test is skipped with that
reason, except in CI, which always has them.
"""

import os
from pathlib import Path

import pytest

from chuyenhoa.builtin import national
from chuyenhoa.testing import find_shared_sources, quote_text

SOURCES = find_shared_sources(Path(__file__))
DOCUMENT_7488 = "003_cfb696eb858ee58d.txt"


def text_of_7488() -> str:
    if SOURCES is None:
        if os.environ.get("CI"):  # CI always has shared/ beside the clone: its absence is a failure
            pytest.fail(f"source documents not found: no shared/sources above {Path(__file__).parent}")
        pytest.skip(f"source documents not found: no shared/sources above {Path(__file__).parent}")
    return quote_text((SOURCES / DOCUMENT_7488).read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", national.method().sources(), ids=str)
def test_national_quotes_are_in_7488(source):
    assert source.document == "7488/KH-UBND"
    assert source.quote, "every clause of the national method quotes its text"
    assert quote_text(source.quote) in text_of_7488()
