"""Deterministic SYNTHETIC data in the shape of the input contract (INDICATORS.md).

Every figure this module produces is invented.  The data exist for demonstration
(the bundled samples of the province packs), tests and benchmarks only, and must
never be read as, or mixed with, real crime statistics.

Why a generator instead of fixtures: the sample, the benchmark (about 10,000
communes × 10 years) and the province scaffolder all need rows that look like
what a user types, at any size, for any geography, and identical from one run to
the next.  So everything is drawn from one ``random.Random(seed)`` (no numpy, no
clock, no hash-order dependence) and written as strings the way a user would type
them in a CSV: counts as integers, rates 0–100 with at most one decimal, flags as
"có"/"không".

The rows follow the method of 7488/KH-UBND closely enough for an evaluation to
find every kind of verdict: each year every district (or the whole province, when
the geography has no districts) approves floor(cap_share × n) hotspots, favouring
communes with high criteria counts and never one transformed in an earlier year;
about 70 % of hotspots meet the success rule (§III.4), the rest fail it in one of
its three ways; transformed communes relapse now and then.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from chuyenhoa.model import CommuneKind, Geography, ValueKind
from chuyenhoa.output.files import write_atomic
from chuyenhoa.reading.indicators import CORE_INDICATORS, CRITERIA

__all__ = [
    "COMMUNE_COLUMNS",
    "HOTSPOT_INDICATORS",
    "PROVINCE_COLUMNS",
    "generate_communes",
    "generate_province",
    "write_csv",
]

YES, NO = "có", "không"

#: The nine hotspot indicators of 7488 §II.2, in the order of the text.
HOTSPOT_INDICATORS: tuple[str, ...] = (
    "organized_crime",
    "clearance_rate",
    "serious_clearance_rate",
    "wanted_arrest_rate",
    "reports_handled_rate",
    "recidivism_rate",
    "political_system_consolidated",
    "mass_models",
    "households_informed_rate",
)

_CRITERIA_COLUMNS: tuple[str, ...] = tuple(c for group in CRITERIA.values() for c in group)

#: Columns of :func:`generate_communes`, in the order they are written.
COMMUNE_COLUMNS: tuple[str, ...] = (
    "commune_code",
    "commune_name",
    "year",
    "hotspot",
    "transformed",
    "relapsed",
    "population",
    "households",
    *_CRITERIA_COLUMNS,
    *HOTSPOT_INDICATORS,
    "new_complexity",
)

#: Province-table columns of the contract (without ``year``), in contract order.
PROVINCE_COLUMNS: tuple[str, ...] = tuple(  # the figures: not the keys of a row (its year, its province)
    i.id for i in CORE_INDICATORS.values() if "province" in i.tables and i.id not in ("year", "province_code")
)

# Mean yearly count of each count criterion for an average commune of 10,000
# people at risk 1.  Invented, but of the order Vietnamese reports give.
_COUNT_MEANS: Mapping[str, float] = {
    "criminal_offences": 3.0,
    "released_prisoners_active": 0.6,
    "supervised_offenders": 2.0,
    "education_measure_persons": 1.5,
    "criminal_watchlist": 3.0,
    "wanted_fugitives": 0.8,
    "active_gangs": 0.2,
    "social_evil_spots": 0.5,
    "crime_reports": 5.0,
    "drug_offences": 1.0,
    "drug_spots": 0.3,
    "drug_watchlist": 2.0,
    "drug_users": 6.0,
    "econ_env_offences": 1.0,
    "econ_env_watchlist": 0.8,
    "contraband_establishments": 0.3,
    "environment_repeat_violators": 0.2,
    "fires_explosions_weapons": 0.4,
}

# Yearly probability of each flag criterion at risk 1 (scaled by risk, capped).
_FLAG_PROBABILITY: Mapping[str, float] = {
    "drug_cultivation": 0.03,
    "land_disputes": 0.15,
    "risky_business_cluster": 0.12,
    "traffic_hotspot": 0.15,
    "weak_political_system": 0.06,
    "no_effective_model": 0.10,
}
# Features of the place rather than of the year: drawn once per commune.
_STATIC_FLAGS: Mapping[str, float] = {
    "crowd_sites": 0.20,
    "mining_area": 0.05,
    "border_hideout": 0.08,
}

_UNKNOWN_CRITERIA = set(_CRITERIA_COLUMNS) - set(_COUNT_MEANS) - set(_FLAG_PROBABILITY) - set(
    _STATIC_FLAGS
)
if _UNKNOWN_CRITERIA:  # pragma: no cover - guards against a contract change
    raise RuntimeError(f"synthetic.py has no distribution for criteria {sorted(_UNKNOWN_CRITERIA)}")

# How each criterion is drawn, in contract order: 0 count (mean, 1/mean),
# 1 yearly flag (probability), 2 static flag.
_CRITERIA_PLAN: tuple[tuple[str, int, float, float], ...] = tuple(
    (c, 0, _COUNT_MEANS[c], 1.0 / _COUNT_MEANS[c]) if c in _COUNT_MEANS
    else (c, 1, _FLAG_PROBABILITY[c], 0.0) if c in _FLAG_PROBABILITY
    else (c, 2, 0.0, 0.0)
    for c in _CRITERIA_COLUMNS
)

# Population range by commune kind (people).
_POPULATION: Mapping[CommuneKind, tuple[int, int]] = {
    CommuneKind.PHUONG: (7_000, 25_000),
    CommuneKind.THI_TRAN: (6_000, 16_000),
    CommuneKind.XA: (4_000, 14_000),
    CommuneKind.DAC_KHU: (1_000, 6_000),
}

# Rates as integer tenths, (low, high) inclusive, for a met and an unmet value.
_RATE_MET: Mapping[str, tuple[int, int]] = {
    "clearance_rate": (800, 1000),
    "serious_clearance_rate": (950, 1000),
    "wanted_arrest_rate": (300, 800),
    "reports_handled_rate": (1000, 1000),
    "recidivism_rate": (0, 149),
    "households_informed_rate": (1000, 1000),
}
_RATE_UNMET: Mapping[str, tuple[int, int]] = {
    "clearance_rate": (550, 799),
    "serious_clearance_rate": (700, 949),
    "wanted_arrest_rate": (0, 299),
    "reports_handled_rate": (850, 999),
    "recidivism_rate": (150, 300),
    "households_informed_rate": (800, 999),
}

_SUCCESS_SHARE = 0.70  # hotspots meant to meet the success rule
_RELAPSE_SHARE = 0.10  # transformed communes that relapse in a later year
_HOTSPOT_BOOST = 1.8  # hotspots' criteria counts, against their draw
_MET_NON_HOTSPOT = 0.85  # chance that a non-hotspot meets each indicator
_NEW_COMPLEXITY_NON_HOTSPOT = 0.04


def _tenths(value: int) -> str:
    """Integer tenths as a user types a rate: "85", "85.5"."""
    whole, tenth = divmod(value, 10)
    return str(whole) if tenth == 0 else f"{whole}.{tenth}"


class _Draw:
    """The few draws the generator needs, kept cheap: 100,000 rows must take seconds."""

    __slots__ = ("random",)

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed).random

    def between(self, low: int, high: int) -> int:
        """Uniform integer in [low, high]."""
        return low + int(self.random() * (high - low + 1))


class _Commune:
    """What stays fixed about a commune across the generated years."""

    __slots__ = ("code", "district", "households_per", "name", "population", "risk", "static")

    def __init__(self, code: str, name: str, district: str, population: int, risk: float,
                 households_per: float, static: dict[str, str]) -> None:
        self.code, self.name, self.district = code, name, district
        self.population, self.risk, self.households_per = population, risk, households_per
        self.static = static


def _rate_strings(low: int, high: int) -> tuple[str, ...]:
    return tuple(_tenths(v) for v in range(low, high + 1))


# For each indicator, every cell a user could type on the met side and on the
# unmet side of its threshold: one lookup per cell keeps 100,000 rows fast.
_INDICATOR_CELLS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "organized_crime": ((NO,), (YES,)),
    "political_system_consolidated": ((YES,), (NO,)),
    "mass_models": (("1", "2", "3", "4"), ("0",)),
    **{
        column: (_rate_strings(*_RATE_MET[column]), _rate_strings(*_RATE_UNMET[column]))
        for column in _RATE_MET
    },
}
_INDICATOR_PLAN = tuple((column, *_INDICATOR_CELLS[column]) for column in HOTSPOT_INDICATORS)


def _indicator_values(draw: _Draw, met: Mapping[str, bool]) -> dict[str, str]:
    """The nine indicator cells, each drawn on the met or unmet side of its threshold."""
    r = draw.random
    values: dict[str, str] = {}
    for column, ok_cells, bad_cells in _INDICATOR_PLAN:
        cells = ok_cells if met[column] else bad_cells
        values[column] = cells[int(r() * len(cells))]
    return values


def generate_communes(
    geography: Geography,
    years: Sequence[int],
    seed: int = 0,
    cap_share: float = 0.15,
) -> list[dict[str, str]]:
    """One synthetic row per commune and year, every cell a string (see the module doc).

    Rows come year by year (ascending), communes in the geography's order within a
    year.  ``transformed`` is "có"/"không" for hotspots, empty otherwise;
    ``relapsed`` is filled only for communes transformed in an earlier generated year.
    """
    if not 0 < cap_share <= 1:
        raise ValueError(f"cap_share must be in (0, 1], got {cap_share}")
    ordered = sorted(years)
    if len(set(ordered)) != len(ordered):
        raise ValueError(f"years must be distinct, got {list(years)}")
    draw = _Draw(seed)
    r = draw.random

    communes: list[_Commune] = []
    for c in geography.communes:
        low, high = _POPULATION.get(c.kind, (4_000, 14_000))
        # Skewed risk: most communes are quiet, a few are not (what makes hotspots).
        risk = 0.4 + 2.6 * r() ** 3
        static = {k: YES if r() < min(0.9, p * risk) else NO for k, p in _STATIC_FLAGS.items()}
        communes.append(
            _Commune(c.code, c.name, c.district_code or "", draw.between(low, high), risk,
                     3.3 + 0.6 * r(), static)
        )
    groups: dict[str, list[int]] = {}
    for index, commune in enumerate(communes):
        groups.setdefault(commune.district, []).append(index)

    transformed_in: dict[int, int] = {}  # commune index -> year it was transformed
    previous_offences: dict[int, int] = {}
    rows: list[dict[str, str]] = []
    for offset, year in enumerate(ordered):
        growth = 1.0 + 0.012 * offset
        # 1. This year's criteria counts and flags for every commune, inserted in
        #    COMMUNE_COLUMNS order so the row dict needs no reordering.  A count is
        #    its mean spread ±60 %, then rounded stochastically (adding a uniform
        #    draw before int() keeps the mean); the score that selection favours is
        #    the sum of counts relative to their means, plus 2 per flag raised.
        drafts: list[dict[str, str]] = []
        scores: list[float] = []
        for index, commune in enumerate(communes):
            risk = commune.risk
            relapsed = ""
            if index in transformed_in:
                relapsed = YES if r() < _RELAPSE_SHARE else NO
                risk = risk * (1.3 if relapsed == YES else 0.5)
            scale = risk * commune.population / 10_000
            row: dict[str, str] = {
                "commune_code": commune.code,
                "commune_name": commune.name,
                "year": str(year),
                "hotspot": NO,
                "transformed": "",
                "relapsed": relapsed,
                "population": str(int(commune.population * growth)),
                "households": str(int(commune.population * growth / commune.households_per)),
            }
            score = 0.0
            for column, how, param, inverse in _CRITERIA_PLAN:
                if how == 0:
                    value = int(param * scale * (0.4 + 1.2 * r()) + r())
                    row[column] = str(value)
                    score += value * inverse
                elif how == 1:
                    flagged = r() < min(0.9, param * risk)
                    row[column] = YES if flagged else NO
                    score += 2.0 if flagged else 0.0
                else:
                    row[column] = commune.static[column]
            drafts.append(row)
            scores.append(score)

        # 2. Hotspots per district: weighted sampling without replacement
        #    (key u^(1/w), Efraimidis–Spirakis) so high scores are favoured
        #    without making the choice a plain top-k.
        hotspots: set[int] = set()
        for members in groups.values():
            cap = math.floor(cap_share * len(members))
            eligible = [i for i in members if i not in transformed_in]
            if cap <= 0 or not eligible:
                continue
            keyed = sorted(
                eligible,
                key=lambda i: (r() ** (1.0 / (1.0 + scores[i] ** 2)), i),
                reverse=True,
            )
            hotspots.update(keyed[:cap])

        # 3. Indicators, the gates and the outcome.
        offences_now: dict[int, int] = {}
        for index, row in enumerate(drafts):
            if index in hotspots:
                row["hotspot"] = YES
                for column in _COUNT_MEANS:
                    row[column] = str(int(int(row[column]) * _HOTSPOT_BOOST) + 1)
                before = previous_offences.get(index)
                succeed = r() < _SUCCESS_SHARE
                if succeed and before is not None and before == 0:
                    succeed = False  # nothing to decrease from: cannot pass the gate
                met = {c: True for c in HOTSPOT_INDICATORS}
                failure = "" if succeed else ("indicators", "crime", "complexity")[int(r() * 3)]
                if succeed and r() < 0.4:
                    met[HOTSPOT_INDICATORS[int(r() * 9)]] = False  # 8 of 9 still passes
                if failure == "indicators" or (failure == "crime" and before is None):
                    for column in HOTSPOT_INDICATORS:
                        if r() < 0.45:
                            met[column] = False
                    if sum(met.values()) >= 8:  # make sure the share really falls short
                        met["clearance_rate"] = met["households_informed_rate"] = False
                    failure = "indicators"
                if before is not None:
                    if failure == "crime":
                        offences = before + draw.between(0, 3)
                    elif succeed:
                        offences = max(0, before - 1 - int(before * 0.4 * r()))
                    else:
                        offences = int(row["criminal_offences"])
                    row["criminal_offences"] = str(offences)
                row.update(_indicator_values(draw, met))
                row["new_complexity"] = YES if failure == "complexity" else NO
                row["transformed"] = YES if succeed else NO
                if succeed:
                    transformed_in[index] = year
            else:
                for column, ok_cells, bad_cells in _INDICATOR_PLAN:
                    cells = ok_cells if r() < _MET_NON_HOTSPOT else bad_cells
                    row[column] = cells[int(r() * len(cells))]
                complex_p = 0.3 if row["relapsed"] == YES else _NEW_COMPLEXITY_NON_HOTSPOT
                row["new_complexity"] = YES if r() < complex_p else NO
            offences_now[index] = int(row["criminal_offences"])
            rows.append(row)
        previous_offences = offences_now
    return rows


# Province table: plausible ranges in tenths for rates, whole numbers for counts.
_PROVINCE_RATES: Mapping[str, tuple[int, int]] = {
    "clearance_rate": (700, 900),
    "serious_clearance_rate": (880, 1000),
    "reports_handled_rate": (980, 1000),
    "reports_resolution_rate": (850, 970),
    "prosecution_on_time_rate": (850, 990),
    "correct_charge_rate": (930, 1000),
    "case_resolution_rate": (820, 960),
    "inspection_referral_rate": (950, 1000),
    "recidivism_rate": (10, 60),
    "wanted_existing_arrest_rate": (200, 450),
    "wanted_new_arrest_rate": (350, 700),
    "households_informed_min_rate": (650, 950),
    "zalo_group_rate": (900, 1000),
    "residents_board_quality_rate": (550, 850),
    "model_units_rate": (350, 650),
    "model_ward_police_rate": (300, 700),
    "security_festival_rate": (900, 1000),
    "addiction_capable_stations_rate": (600, 1000),
    "safety_standard_registration_rate": (850, 1000),
}
_PROVINCE_COUNTS: Mapping[str, tuple[int, int]] = {
    "social_order_crimes": (350, 1_200),
    "rural_security_communes_met": (50, 90),
}
_DEFAULT_RATE = (700, 1000)
_DEFAULT_COUNT = (0, 100)


def _province_kind(column: str, kinds: Mapping[str, ValueKind]) -> ValueKind:
    if column in kinds:
        return ValueKind(kinds[column])
    if column in CORE_INDICATORS:
        return CORE_INDICATORS[column].kind
    if column.endswith(("_rate", "_share")):
        return ValueKind.RATE
    raise ValueError(
        f"synthetic province column '{column}' is not in the contract: pass its kind in `kinds`"
    )


def generate_province(
    years: Sequence[int],
    seed: int = 0,
    columns: Sequence[str] = PROVINCE_COLUMNS,
    *,
    kinds: Mapping[str, ValueKind] | None = None,
) -> list[dict[str, str]]:
    """One synthetic row per year (ascending) with ``year`` and the given columns.

    ``columns`` may name a pack's own columns; their kind comes from ``kinds``, else
    from the contract, else a name ending in ``_rate`` is taken for a rate.  Counts
    drift a few per cent a year, as province totals do.
    """
    ordered = sorted(years)
    if len(set(ordered)) != len(ordered):
        raise ValueError(f"years must be distinct, got {list(years)}")
    kinds = kinds or {}
    draw = _Draw(seed)
    resolved = [(c, _province_kind(c, kinds)) for c in columns if c != "year"]
    levels: dict[str, float] = {}
    rows: list[dict[str, str]] = []
    for year in ordered:
        row = {"year": str(year)}
        for column, kind in resolved:
            if kind is ValueKind.RATE:
                low, high = _PROVINCE_RATES.get(column, _DEFAULT_RATE)
                row[column] = _tenths(draw.between(low, high))
            elif kind in (ValueKind.COUNT, ValueKind.NUMBER):
                low, high = _PROVINCE_COUNTS.get(column, _DEFAULT_COUNT)
                if column not in levels:
                    levels[column] = float(draw.between(low, high))
                else:
                    levels[column] = max(0.0, levels[column] * (0.9 + 0.2 * draw.random()))
                row[column] = str(round(levels[column]))
            elif kind is ValueKind.FLAG:
                row[column] = YES if draw.random() < 0.8 else NO
            else:
                row[column] = ""
        rows.append(row)
    return rows


def write_csv(
    rows: Iterable[Mapping[str, str]],
    path: str | Path,
    columns: Sequence[str] | None = None,
) -> None:
    """Write rows as a CSV that Excel opens correctly, atomically.

    UTF-8 with a byte-order mark (``utf-8-sig``): without it Excel reads the file
    in the local ANSI code page and garbles Vietnamese.  Lines end in ``\\n`` so the
    committed samples diff cleanly.  The header is ``columns`` (default: the keys of
    the first row); a missing cell is written empty.  The temporary file lives in
    the target directory so ``os.replace`` never leaves a half-written file.
    """
    rows = list(rows)
    header = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, restval="",
                            extrasaction="ignore" if columns is not None else "raise", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(path, buffer.getvalue(), encoding="utf-8-sig", make_folder=True)
