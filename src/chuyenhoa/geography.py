"""Read a dated geography snapshot from the JSON files that ``tools/generate_geography.py`` writes.

The files are generated from GSO codes (the ``vietnam-provinces`` package), never typed
by hand; each one says what it was generated from and when, and that is kept in
``Geography.source`` so the output can name it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from chuyenhoa.errors import DataError
from chuyenhoa.model import Commune, District, Geography, Province


def load_geography(path: str | Path, slug: str) -> Geography:
    """Build a :class:`Geography` from a generated snapshot file."""
    path = Path(path)
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot read the geography snapshot: {exc}") from exc
    try:
        province = Province(slug=slug, code=raw["province"]["code"], name=raw["province"]["name"])
        districts = [District(d["code"], d["name"], d["kind"]) for d in raw.get("districts", [])]
        communes = [
            Commune(c["code"], c["name"], c["kind"], c.get("district_code"))
            for c in raw["communes"]
        ]
        source = raw.get("source", {})
        described = (
            f"{source.get('package', '?')} {source.get('version', '?')} "
            f"(dữ liệu ngày {raw['as_of']}), sinh bởi {raw.get('generated_by', '?')} "
            f"ngày {raw.get('generated_on', '?')}"
        )
        return Geography(
            province=province,
            as_of=dt.date.fromisoformat(raw["as_of"]),
            districts=districts,
            communes=communes,
            source=described,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{path}: not a geography snapshot: {exc}") from exc
