"""The values of the awards stage: nominees, findings, the ranking a plugin supplies.

A nominee file holds personal data (names of people).  The name is therefore
kept out of every ``repr`` (so an assertion, a traceback or a log line never
shows it) and out of every message the library writes: rows are named by row
number and ``nominee_id`` only (README, "Privacy").
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any

import attrs
from attrs import field, frozen, validators

from chuyenhoa.i18n import N_, _n, translate
from chuyenhoa.model import FieldsRepr, Source


class NomineeKind(str, enum.Enum):
    """The two kinds of nominee of an emulation movement (tập thể / cá nhân)."""

    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"

    @property
    def label(self) -> str:
        """"tập thể", "cá nhân" in the current language (one nominee)."""
        return self.counted(1, number=False)

    @property
    def plural(self) -> str:
        """The kind of several nominees ("individuals" in English; Vietnamese has one form)."""
        return self.counted(2, number=False)

    def counted(self, n: int, number: bool = True) -> str:
        """"3 cá nhân": ``n`` nominees of this kind, in the current language; without the number if asked."""
        text = _n("{count} tập thể", n) if self is NomineeKind.COLLECTIVE else _n("{count} cá nhân", n)
        return text.format(count=n) if number else text.replace("{count}", "").strip()


BOTH_KINDS = frozenset(NomineeKind)

#: The yes/no columns of the ``nominees`` table (INDICATORS.md), the kinds each one
#: speaks about and its Vietnamese label (shown through :func:`flag_label`).  A scheme may only name these flags.
NOMINEE_FLAGS: Mapping[str, tuple[frozenset[NomineeKind], str]] = {
    "leader": (frozenset({NomineeKind.INDIVIDUAL}), N_("lãnh đạo, quản lý từ Phó trưởng phòng trở lên")),
    "grassroots": (frozenset({NomineeKind.COLLECTIVE}), N_("tập thể cấp cơ sở")),
    "targets_met": (BOTH_KINDS, N_("đạt và vượt các chỉ tiêu được giao")),
    "has_submission": (BOTH_KINDS, N_("tờ trình kèm tóm tắt thành tích")),
    "has_minutes": (BOTH_KINDS, N_("biên bản họp Hội đồng Thi đua - Khen thưởng")),
    "has_report": (BOTH_KINDS, N_("báo cáo thành tích có xác nhận")),
}


def flag_label(flag: str) -> str:
    """The label of a yes/no column of the ``nominees`` table, in the current language."""
    return translate(NOMINEE_FLAGS[flag][1])
#: The flags that record a document of the dossier.
DOCUMENT_FLAGS = frozenset({"has_submission", "has_minutes", "has_report"})

#: The columns of the ``nominees`` table whose cells are typed values that say nothing about a person: the
#: id, the kind, the yes/no columns and the score.  ``--redact`` keeps these and no other column: a free-text
#: cell (a unit, a note, a column of a pack) may hold a name, a shifted row puts one anywhere.
NON_PERSONAL_COLUMNS = frozenset({"nominee_id", "kind", "achievement_score", *NOMINEE_FLAGS})
#: The columns known to hold personal data: the name, the unit a person works in, and the usual columns of a
#: Vietnamese list of nominees that the reader recognises by their headers (position, date of birth…).
#: ``--redact`` replaces the name by the id, drops the others, and takes their values out of every message.
PERSONAL_COLUMNS = frozenset({"name", "unit", "position", "rank", "birth_date", "birth_year", "gender",
                              "ethnicity", "religion", "hometown", "birth_place", "address", "residence",
                              "id_number", "phone", "email"})


class Severity(str, enum.Enum):
    """How much a finding weighs.

    ``error``: the proposal as given does not comply, and a nominee it names is
    out of the recommendation.  ``warning``: worth a look, changes nothing.
    ``info``: a check that passed, or how a number was computed.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@frozen(repr=False)
class Nominee(FieldsRepr):
    """One row of the ``nominees`` table, typed.

    ``flags`` holds the yes/no columns present in the file (None: empty cell,
    a missing value, never a "no"); ``extra`` every other column, as text, so a
    pack's check can read a column of its own (e.g. a movement classification).
    """

    nominee_id: str
    kind: NomineeKind = field(converter=NomineeKind)
    row: int = 0
    name: str | None = field(default=None, repr=False)  # personal data: never in a repr
    unit: str | None = field(default=None, repr=False)  # may place a person: kept out of a repr too
    flags: Mapping[str, bool | None] = field(factory=dict)
    achievement_score: float | None = None
    extra: Mapping[str, str | None] = field(factory=dict, repr=False)

    def flag(self, flag: str) -> bool | None:
        """The value of a yes/no column, None when the cell (or the column) is empty."""
        return self.flags.get(flag)

    @property
    def is_leader(self) -> bool | None:
        return self.flags.get("leader")


def _nonempty(_instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not value or not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


@frozen(repr=False)
class AwardFinding(FieldsRepr):
    """One thing a check found, with the clause it comes from.

    ``nominee_id`` is None for a finding on the whole proposal (a quota, a
    share cap).  The message must not contain a nominee's name: name the
    nominee by ``nominee_id`` (the output may be shared; ``--redact`` only
    replaces the names the library itself prints).
    """

    code: str = field(validator=validators.matches_re(r"^[a-z][a-z0-9_]*$"))
    message: str = field(validator=_nonempty)
    source: Source | None = None
    nominee_id: str | None = None
    severity: Severity = field(default=Severity.ERROR, converter=Severity)

    def as_dict(self) -> dict[str, object]:
        return {
            "nominee_id": self.nominee_id,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "source": str(self.source) if self.source else None,
            "quote": self.source.quote if self.source else None,
        }


@frozen(repr=False)
class AwardRanking(FieldsRepr):
    """How nominees of one kind are ordered before the quota is filled.

    ``key`` maps a nominee to a sortable value, smallest first; the host adds
    ``nominee_id`` as the last tie-breaker, so the order is always the same.
    ``description`` says in words what the key does; it is printed with the
    recommendation, because a ranking nobody can read cannot be checked.
    """

    key: Callable[[Nominee], Any]
    description: str = field(validator=_nonempty)


__all__ = [
    "BOTH_KINDS",
    "DOCUMENT_FLAGS",
    "NOMINEE_FLAGS",
    "NON_PERSONAL_COLUMNS",
    "PERSONAL_COLUMNS",
    "AwardFinding",
    "AwardRanking",
    "Nominee",
    "NomineeKind",
    "Severity",
    "flag_label",
]
