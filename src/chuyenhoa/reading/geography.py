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
from chuyenhoa.i18n import _
from chuyenhoa.model import Commune, District, Geography, Province


def load_geography(path: str | Path, slug: str) -> Geography:
    """Build a :class:`Geography` from a generated snapshot file."""
    path = Path(path)
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(_("{path}: không đọc được danh mục đơn vị hành chính: {error}").format(
            path=path, error=exc)) from exc
    try:
        province = Province(slug=slug, code=raw["province"]["code"], name=raw["province"]["name"])
        districts = [District(d["code"], d["name"], d["kind"]) for d in raw.get("districts", [])]
        communes = [
            Commune(c["code"], c["name"], c["kind"], c.get("district_code"))
            for c in raw["communes"]
        ]
        source = raw.get("source", {})
        described = _("{package} {version} (dữ liệu ngày {as_of}), sinh bởi {generator} ngày {generated_on}").format(
            package=source.get("package", "?"), version=source.get("version", "?"), as_of=raw["as_of"],
            generator=raw.get("generated_by", "?"), generated_on=raw.get("generated_on", "?"))
        return Geography(
            province=province,
            as_of=dt.date.fromisoformat(raw["as_of"]),
            districts=districts,
            communes=communes,
            source=described,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(_("{path}: không phải tệp danh mục đơn vị hành chính: {error}").format(
            path=path, error=exc)) from exc
