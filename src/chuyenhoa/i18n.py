"""The languages of what the tool prints: Vietnamese (the source) and English, through gettext.

Every label, verdict and message is written in the code in Vietnamese, wrapped
in :func:`_`; the Vietnamese text is the gettext ``msgid``.  English comes from
the catalogue ``locale/en/LC_MESSAGES/chuyenhoa.mo`` (compiled from the ``.po``
beside it by ``tools/i18n.py compile``).  Vietnamese is the default; the
language is chosen by :func:`set_language`, the environment variable
``CHUYENHOA_LANG`` or the command's ``--lang`` option::

    from chuyenhoa.i18n import set_language

    set_language("en")

Four markers, which ``tools/i18n.py extract`` finds by reading the source, and
one function for values that are not literals:

``_("…")``
    Translate now.  The argument is always a string literal; a message with
    values is ``_("đạt {met}/{total} chỉ tiêu").format(met=…, total=…)``, never an
    f-string, so the catalogue holds one entry whatever the values.
``_n("…", n)``
    The same with a count, for languages whose words change with it
    ("1 day", "2 days"); Vietnamese has one form.
``_c("context", "…")``
    The same, for a Vietnamese word that needs two translations: "Chỉ tiêu" is a
    plan's *target* in one table and a hotspot's *indicator* in another
    (gettext's ``pgettext``; the context is a literal too).
``N_("…")``
    Mark a module-level constant (a label, a heading) for the catalogue without
    translating it: the constant keeps its Vietnamese value, and the code that
    prints it calls :func:`translate` then, in the language of that moment.
``translate(value)``
    Translate a value that is not a literal: a constant marked with ``N_``, or
    text that may be one (an indicator's label).  Text with no entry in the
    catalogue (a plan file's own words) comes back unchanged.

The catalogue is read on the first translation in a language other than
Vietnamese, so ``import chuyenhoa`` and a Vietnamese run never open it.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

DOMAIN = "chuyenhoa"
LOCALEDIR = Path(__file__).parent / "locale"
#: The language the messages are written in (the msgids).
SOURCE_LANGUAGE = "vi"
#: Every language the tool speaks, the source first.
LANGUAGES = ("vi", "en")
#: The environment variable that picks the language when nothing else does.
ENV = "CHUYENHOA_LANG"
#: How each language writes a decimal number: "75,5" in Vietnamese, "75.5" in English.
DECIMAL_POINT = {"vi": ",", "en": "."}
#: The language tag of each language, for documents that declare one (HTML ``lang``, Word).
TAGS = {"vi": "vi-VN", "en": "en"}

_chosen: str | None = None  # set by set_language() or using()
_default: str | None = None  # CHUYENHOA_LANG, else Vietnamese; read on first use
_catalogues: dict[str, gettext.NullTranslations] = {}


def _normalise(value: str) -> str | None:
    """"en", "EN", "en_GB.UTF-8", "vi-VN" → the language it names, or None."""
    base = value.strip().lower().replace("_", "-").split(".")[0].split("-")[0]
    return base if base in LANGUAGES else None


def language() -> str:
    """The language output is written in now: set by :func:`set_language`, else ``CHUYENHOA_LANG``, else "vi".

    An unusable ``CHUYENHOA_LANG`` gives Vietnamese and a :class:`RuntimeWarning` (the
    command line refuses it instead).
    """
    global _default
    if _chosen is not None:
        return _chosen
    if _default is None:
        wanted = os.environ.get(ENV, "").strip()
        _default = (_normalise(wanted) if wanted else None) or SOURCE_LANGUAGE
        if wanted and _normalise(wanted) is None:
            warnings.warn(f"{ENV}={wanted!r} is not one of {', '.join(LANGUAGES)}; using {SOURCE_LANGUAGE}",
                          RuntimeWarning, stacklevel=2)
    return _default


def chosen() -> str | None:
    """The language set by :func:`set_language` or :func:`using`; None while the default applies."""
    return _chosen


def set_language(lang: str | None) -> str:
    """Write output in ``lang`` ("vi" or "en") from now on; None goes back to the default (read again).

    Raises :class:`~chuyenhoa.errors.ChuyenhoaError`, naming the choices, for a
    language the tool does not speak.  Returns the language now in force.
    """
    global _chosen, _default
    if lang is None:
        _chosen = _default = None
        return language()
    wanted = _normalise(lang)
    if wanted is None:
        from chuyenhoa.errors import ChuyenhoaError

        # said in the language in force, without reading (and warning about) a bad CHUYENHOA_LANG again
        message = N_("ngôn ngữ '{lang}' không có; chọn một trong: {choices}")
        speaking = _chosen or _default or _normalise(os.environ.get(ENV, "")) or SOURCE_LANGUAGE
        text = message if speaking == SOURCE_LANGUAGE else catalogue(speaking).gettext(message)
        raise ChuyenhoaError(text.format(lang=lang, choices=", ".join(LANGUAGES)))
    _chosen = wanted
    return wanted


@contextlib.contextmanager
def restoring() -> Iterator[None]:
    """Whatever language is set inside the ``with`` block is undone at its end."""
    global _chosen
    before = _chosen
    try:
        yield
    finally:
        _chosen = before


@contextlib.contextmanager
def using(lang: str) -> Iterator[str]:
    """Write output in ``lang`` inside the ``with`` block, then go back to the language before it."""
    with restoring():
        yield set_language(lang)


def catalogue(lang: str | None = None) -> gettext.NullTranslations:
    """The translations of ``lang`` (the current language by default), read once and kept."""
    lang = lang or language()
    found = _catalogues.get(lang)
    if found is None:
        import gettext

        found = _catalogues[lang] = gettext.translation(DOMAIN, localedir=str(LOCALEDIR), languages=[lang],
                                                        fallback=True)
    return found


def _(message: str) -> str:
    """``message`` (a Vietnamese string literal) in the current language."""
    lang = _chosen or _default or language()
    if lang == SOURCE_LANGUAGE:
        return message
    return catalogue(lang).gettext(message)


def _n(message: str, n: int) -> str:
    """``message`` (a string literal) in the current language, in the form that goes with the count ``n``."""
    lang = _chosen or _default or language()
    if lang == SOURCE_LANGUAGE:
        return message
    return catalogue(lang).ngettext(message, message, n)


def _c(context: str, message: str) -> str:
    """``message`` (a string literal) in the current language, in the sense ``context`` names."""
    lang = _chosen or _default or language()
    if lang == SOURCE_LANGUAGE:
        return message
    return catalogue(lang).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue and return it unchanged; print it through :func:`translate`."""
    return message


def translate(value: str) -> str:
    """A value that may be a marked message (``N_``) in the current language; other text unchanged."""
    lang = _chosen or _default or language()
    if lang == SOURCE_LANGUAGE or not value:
        return value
    return catalogue(lang).gettext(value)


def decimal(text: str) -> str:
    """A number formatted with a point ("75.5") written as the current language writes it ("75,5")."""
    point = DECIMAL_POINT[_chosen or _default or language()]
    return text if point == "." else text.replace(".", point)


def tag() -> str:
    """The current language's tag ("vi-VN", "en")."""
    return TAGS[_chosen or _default or language()]


__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "_c",
    "_n",
    "catalogue",
    "chosen",
    "decimal",
    "language",
    "restoring",
    "set_language",
    "tag",
    "translate",
    "using",
]
