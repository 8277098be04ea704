"""The message catalogues of chuyenhoa: extract, compile, check.

    python tools/i18n.py extract   # src → locale/*/LC_MESSAGES/chuyenhoa.po (translations kept, new ones empty)
    python tools/i18n.py compile   # .po → .mo, beside it (committed: the wheel ships it)
    python tools/i18n.py check     # exit 1 on any problem below

The messages are the string literals passed to ``_()``, ``_n()``, ``_c()`` and ``N_()`` in
``src/chuyenhoa`` (:mod:`chuyenhoa.i18n`), found by reading the source (AST), not
by running it.  ``check`` reports:

- a call of a marker whose argument is not one string literal (an f-string, a
  variable, a concatenation at run time): such a message cannot be in a catalogue;
- a message of the source with no translation, or an empty one, in a catalogue;
- an entry of a catalogue no source uses any more (stale: run ``extract``);
- a translation whose ``{placeholders}`` differ from its message's;
- a ``.mo`` that is not what ``compile`` makes of its ``.po``;
- a string constant with Vietnamese letters outside a marker, a docstring and
  :data:`ALLOWED` in a module not listed in :data:`NOT_YET_TRANSLATED`: a
  message someone forgot to mark, and so to translate.

No dependency beyond the standard library: the ``.po`` reader and writer and the
GNU ``.mo`` writer (the layout of CPython's ``Tools/i18n/msgfmt.py``) are here.
"""

from __future__ import annotations

import argparse
import ast
import re
import string
import struct
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "chuyenhoa"
LOCALE = PACKAGE / "locale"
DOMAIN = "chuyenhoa"
#: Marker → (whether it takes a count, and so has plural forms; whether its first argument is a context).
MARKERS = {"_": (False, False), "N_": (False, False), "_n": (True, False), "_c": (False, True)}
#: How gettext joins a context to its message in a .mo file.
CONTEXT_GLUE = "\x04"
#: Plural forms of each catalogue's language (the header of its .po says the same).
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);"}

#: Modules whose messages are still Vietnamese only: a later pass marks them.  The scan for
#: unmarked Vietnamese skips them; delete a line once its module is done.
NOT_YET_TRANSLATED: tuple[str, ...] = ()

#: Vietnamese text that stays Vietnamese in every language, and why.  A key is
#: ``path::scope`` or ``path::scope::call#position`` / ``path::scope::call:keyword``:
#: ``scope`` is the enclosing function or class (dotted), or the module-level name
#: assigned, ``*`` for any; the optional third part limits the entry to one
#: argument of calls of that name (``re.match`` is ``match``).
ALLOWED: dict[str, str] = {
    # The words of the national plan, quoted: a legal text is cited in its language, never translated.
    "builtin/national/__init__.py::*::_src#1": "quote of 7488/KH-UBND, verbatim",
    "builtin/national/__init__.py::*::Source:quote": "quote of 7488/KH-UBND, verbatim",
    # Files a new pack starts from: the plan file is the province's Vietnamese document turned into data,
    # and the pack's own code and README are written for the province.
    "packs/scaffold.py::_PLAN": "template of a Vietnamese plan file",
    "packs/scaffold.py::_INIT": "template of a pack's code (its sample description)",
    "packs/scaffold.py::_SAMPLE_README": "template of a pack's README, already in both languages",
    "packs/scaffold.py::_fold": "reads province names of the national list (input)",
    "packs/sample_story.py::*": "the packs' sample scripts: yes/no written in sample files, their bilingual README",
    # Citation forms: a document number and clause are written as the document writes them.
    "awards/scheme.py::_SchemeReader": "the form of a citation (26/2020/QĐ-UBND Điều 11)",
    # Input: what users type in their files, in Vietnamese, read in any language.
    "awards/nominees.py::LABELS": "Vietnamese column headers accepted in nominee files (input)",
    "awards/nominees.py::_KINDS": "Vietnamese values accepted in the kind column (input)",
    "reading/dataset.py::_FAST_FLAGS": "yes/no spellings accepted in data files (input)",
    "reading/cells.py::_YES": "yes spellings accepted in data files (input)",
    "reading/cells.py::_NO": "no spellings accepted in data files (input)",
    # Letters, not words: the charts measure "đ" as wide as the "d" it resembles.
    "output/reports/svg.py::_OTHER": "letters of a table of glyph widths, never shown",
    "output/template/layout.py::NOMINEE_KINDS_VI": "nominee kinds the Vietnamese template offers, as read (input)",
    "output/template/layout.py::FLAG_WORDS_VI": "yes/no the Vietnamese template writes and offers, as read (input)",
    "packs/synthetic.py::YES": "the yes value written in sample data files",
    "packs/synthetic.py::NO": "the no value written in sample data files",
    "output/reports/_format.py::lead_of::search#0": "pattern that reads 'chủ trì' in a plan's text (input)",
    "output/reports/nd30.py::issuer_lines::match#0": "pattern that reads an issuer's name (input)",
    "output/reports/nd30.py::document_symbol": "document symbols (UBND, BCĐ) of a Vietnamese document number",
    "output/reports/nd30.py::recipients::startswith#0": "recognises the 'Lưu' line a user typed (input)",
    "output/awards/docx.py::_addressee::search#0": "reads who grants the award in the plan's form of award (input)",
    # About the Vietnamese language itself.
    "comparators.py::Comparator.phrase_vi": "how Vietnamese plans word each comparator",
}

VIETNAMESE = re.compile(
    "[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]"
)


# --- reading the source ------------------------------------------------------------------------------------


@dataclass
class Message:
    msgid: str
    plural: bool
    references: list[str] = field(default_factory=list)
    context: str | None = None

    @property
    def key(self) -> str:
        return self.msgid if self.context is None else self.context + CONTEXT_GLUE + self.msgid


@dataclass
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def source_files(root: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _relative(path: Path) -> str:
    try:
        return path.relative_to(REPO).as_posix()
    except ValueError:
        return path.as_posix()


def markers_of(tree: ast.Module, path: Path) -> dict[str, str]:
    """Local name → marker, for the markers a module imports from :mod:`chuyenhoa.i18n` (or defines: i18n.py)."""
    if path == PACKAGE / "i18n.py":
        return {name: name for name in MARKERS}
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "chuyenhoa.i18n":
            for alias in node.names:
                if alias.name in MARKERS:
                    found[alias.asname or alias.name] = alias.name
    return found


def _marker(node: ast.Call, markers: dict[str, str]) -> str | None:
    return markers.get(node.func.id) if isinstance(node.func, ast.Name) else None


def scan(root: Path = PACKAGE) -> tuple[dict[str, Message], list[Problem]]:
    """Every message marked in the source (by key: context and msgid), in order of first use, and every marker
    call that is not a literal."""
    messages: dict[str, Message] = {}
    problems: list[Problem] = []
    for path in source_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        reference = _relative(path)
        markers = markers_of(tree, path)
        calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call) and _marker(n, markers)),
                       key=lambda n: (n.lineno, n.col_offset))
        for call in calls:
            name = _marker(call, markers)
            assert name is not None
            plural, contextual = MARKERS[name]
            where = f"{reference}:{call.lineno}"
            wanted = 2 if plural or contextual else 1
            if len(call.args) != wanted or call.keywords:
                problems.append(Problem(where, f"{name}() takes {wanted} positional argument(s)"))
                continue
            context = None
            if contextual:
                first = call.args[0]
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value):
                    problems.append(Problem(where, f"{name}() needs a string literal as its context"))
                    continue
                context = first.value
            argument = call.args[1] if contextual else call.args[0]
            if isinstance(argument, ast.JoinedStr):
                problems.append(Problem(where, f"{name}() of an f-string: use {name}(\"… {{name}} …\").format(name=…)"))
                continue
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                problems.append(Problem(where, f"{name}() of something that is not a string literal "
                                        "(mark the literal with N_ and print it with translate())"))
                continue
            if not argument.value:
                problems.append(Problem(where, f"{name}() of an empty string"))
                continue
            found = Message(argument.value, plural, context=context)
            message = messages.setdefault(found.key, found)
            if message.plural != plural:
                problems.append(Problem(where, "one message used both with and without a count"))
            if reference not in message.references:
                message.references.append(reference)
    for path, text in data_messages(root):
        message = messages.setdefault(text, Message(text, False))
        reference = _relative(path)
        if reference not in message.references:
            message.references.append(reference)
    return messages, problems


#: Keys of the built-in plugins' data files (the national method) whose values are the tool's own
#: words, shown translated: the labels and readings.  Quotes are the documents' words and stay as written.
DATA_KEYS = ("label", "reading")


def data_messages(root: Path = PACKAGE) -> Iterator[tuple[Path, str]]:
    """The translatable strings of the built-in plugins' TOML files, in file order."""
    for path in sorted((root / "builtin").rglob("*.toml")):
        yield from ((path, text) for text in _toml_strings(tomllib.loads(path.read_text(encoding="utf-8"))))


def _toml_strings(value: object, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _toml_strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _toml_strings(item, key)
    elif isinstance(value, str) and key in DATA_KEYS and value.strip():
        yield " ".join(value.split())


def _module_key(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return "?"


class _Unmarked(ast.NodeVisitor):
    """Collects string constants with Vietnamese letters, each with its scope and the call argument it is."""

    def __init__(self, docstrings: set[int], markers: dict[str, str]) -> None:
        self.docstrings, self.markers = docstrings, markers
        self.scope: list[str] = []
        self.arguments: list[str] = []  # "call#i" or "call:keyword" of each enclosing call argument
        self.found: list[tuple[int, str, str, list[str]]] = []

    def _scoped(self, node: ast.AST, name: str) -> None:
        self.scope.append(name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node, node.name)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._scoped(node, node.name)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node, node.name)

    def _assigned(self, node: ast.Assign | ast.AnnAssign, targets: list[ast.expr]) -> None:
        """At module level the name assigned is the scope; ``YES, NO = "có", "không"`` gives each value its name."""
        if self.scope or node.value is None:
            self.generic_visit(node)
            return
        target, value = targets[0], node.value
        if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
            pairs = list(zip(target.elts, value.elts, strict=True))
        else:
            pairs = [(target, value)]
        for name, element in pairs:
            self.scope.append(name.id if isinstance(name, ast.Name) else "?")
            self.visit(element)
            self.scope.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigned(node, node.targets)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned(node, [node.target])

    def visit_Call(self, node: ast.Call) -> None:
        if _marker(node, self.markers):
            return  # a marked message: what the catalogue is for
        name = _call_name(node)
        self.visit(node.func)
        for position, argument in enumerate(node.args):
            self.arguments.append(f"{name}#{position}")
            self.visit(argument)
            self.arguments.pop()
        for keyword in node.keywords:
            self.arguments.append(f"{name}:{keyword.arg}")
            self.visit(keyword.value)
            self.arguments.pop()

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and id(node) not in self.docstrings and VIETNAMESE.search(node.value):
            self.found.append((node.lineno, ".".join(self.scope), node.value, list(self.arguments)))


def _allowed(module: str, scope: str, arguments: list[str]) -> bool:
    for key in ALLOWED:
        parts = key.split("::")
        if parts[0] != module:
            continue
        wanted_scope = parts[1]
        if wanted_scope != "*" and scope != wanted_scope and not scope.startswith(wanted_scope + "."):
            continue
        if len(parts) == 2 or parts[2] in arguments:
            return True
    return False


def unmarked(root: Path = PACKAGE) -> list[Problem]:
    """Vietnamese string constants that no marker, docstring or :data:`ALLOWED` entry accounts for."""
    problems = []
    for path in source_files(root):
        module = _module_key(path, root)
        if any(module == skip or (skip.endswith("/") and module.startswith(skip)) for skip in NOT_YET_TRANSLATED):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        visitor = _Unmarked(_docstrings(tree), markers_of(tree, path))
        visitor.visit(tree)
        for line, scope, value, arguments in visitor.found:
            if not _allowed(module, scope, arguments):
                shown = value if len(value) <= 60 else value[:57] + "..."
                problems.append(Problem(f"{_relative(path)}:{line}",
                                        f"Vietnamese text not marked for translation: {shown!r}"))
    return problems


# --- .po files --------------------------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    msgstr: list[str]  # one string, or one per plural form
    plural: str | None = None  # msgid_plural
    comments: list[str] = field(default_factory=list)  # translator comments ("# …"), kept by extract
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    obsolete: bool = False
    context: str | None = None  # msgctxt

    @property
    def key(self) -> str:
        return self.msgid if self.context is None else self.context + CONTEXT_GLUE + self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and "fuzzy" not in self.flags


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}


def _quote(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def _unquote(token: str, where: str) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"{where}: expected a quoted string, got {token!r}")
    out, body, i = [], token[1:-1], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 1
            if i >= len(body) or body[i] not in _UNESCAPES:
                raise ValueError(f"{where}: unknown escape in {token!r}")
            out.append(_UNESCAPES[body[i]])
        else:
            out.append(char)
        i += 1
    return "".join(out)


def read_po(path: Path) -> tuple[str, list[Entry]]:
    """The header (msgstr of msgid "") and the entries of a .po file."""
    header = ""
    entries: list[Entry] = []
    current: dict[str, object] = {}
    comments: list[str] = []
    references: list[str] = []
    flags: list[str] = []
    obsolete = False
    last: str | None = None

    def flush() -> None:
        nonlocal header, comments, references, flags, obsolete, current, last
        if "msgid" in current:
            msgid = str(current["msgid"])
            if "msgstr" in current:
                msgstr = [str(current["msgstr"])]
            else:
                forms = sorted((k for k in current if k.startswith("msgstr[")), key=lambda k: int(k[7:-1]))
                msgstr = [str(current[k]) for k in forms]
            if msgid == "" and not obsolete:
                header = msgstr[0] if msgstr else ""
            else:
                entries.append(Entry(msgid, msgstr, current.get("msgid_plural"), comments, references,  # type: ignore[arg-type]
                                     flags, obsolete, current.get("msgctxt")))  # type: ignore[arg-type]
        current, comments, references, flags, obsolete, last = {}, [], [], [], False, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{number}"
        line = raw.strip()
        if line.startswith("#~"):
            if ("msgid" in current or "msgctxt" in current) and not obsolete:
                flush()
            obsolete = True
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#"):
            if "msgid" in current or "msgctxt" in current:
                flush()
            if line.startswith("#:"):
                references.extend(line[2:].split())
            elif line.startswith("#,"):
                flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
            elif line.startswith(("#.", "#|")):
                pass
            else:
                comments.append(line[1:].strip())
            continue
        if not line:
            if "msgid" in current:
                flush()
            continue
        if line.startswith('"'):
            if last is None:
                raise ValueError(f"{where}: a string continues nothing")
            current[last] = str(current[last]) + _unquote(line, where)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr") \
                and not re.fullmatch(r"msgstr\[\d+\]", keyword):
            raise ValueError(f"{where}: unknown keyword {keyword!r}")
        if keyword in ("msgctxt", "msgid") and "msgid" in current:
            flush()
        current[keyword] = _unquote(rest, where)
        last = keyword
    flush()
    return header, entries


def _po_string(keyword: str, text: str) -> list[str]:
    """``keyword "text"``; text with newlines split after each, as msgmerge writes it."""
    if "\n" not in text.rstrip("\n"):
        return [f"{keyword} {_quote(text)}"]
    pieces = text.splitlines(keepends=True)
    return [f'{keyword} ""', *(_quote(p) for p in pieces)]


def header_for(language: str) -> str:
    return (f"Project-Id-Version: chuyenhoa\nLanguage: {language}\nMIME-Version: 1.0\n"
            f"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
            f"Plural-Forms: {PLURAL_FORMS.get(language, 'nplurals=2; plural=(n != 1);')}\n")


def write_po(path: Path, header: str, entries: list[Entry], language: str) -> None:
    lines = [
        f"# chuyenhoa: the messages of the tool in {language}.  The msgids are the Vietnamese text of the",
        "# source; `python tools/i18n.py extract` adds new ones (empty) and drops unused ones, then translate",
        "# them here and run `python tools/i18n.py compile`.  Placeholders {like_this} stay as they are.",
        'msgid ""',
        *_po_string("msgstr", header),
        "",
    ]
    for entry in entries:
        lines += [f"# {c}" if c else "#" for c in entry.comments]
        if entry.references:
            lines.append("#: " + " ".join(entry.references))
        flags = list(entry.flags)
        if _fields(entry.msgid) and "python-brace-format" not in flags:
            flags.append("python-brace-format")
        if flags:
            lines.append("#, " + ", ".join(flags))
        if entry.context is not None:
            lines += _po_string("msgctxt", entry.context)
        lines += _po_string("msgid", entry.msgid)
        if entry.plural is not None:
            lines += _po_string("msgid_plural", entry.plural)
            for n, form in enumerate(entry.msgstr):
                lines += _po_string(f"msgstr[{n}]", form)
        else:
            lines += _po_string("msgstr", entry.msgstr[0] if entry.msgstr else "")
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def catalogues() -> dict[str, Path]:
    """Language → its .po file."""
    return {p.parent.parent.name: p for p in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))}


def _nplurals(language: str) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", PLURAL_FORMS.get(language, "nplurals=2"))
    return int(match[1]) if match else 2


# --- .mo files --------------------------------------------------------------------------------------------


def mo_bytes(header: str, entries: list[Entry]) -> bytes:
    """A GNU .mo file of the translated entries (little-endian, no hash table), keys sorted as msgfmt sorts them."""
    table: dict[bytes, bytes] = {b"": header.encode("utf-8")}
    for entry in entries:
        if entry.obsolete or not entry.translated:
            continue
        key = entry.key if entry.plural is None else entry.key + "\0" + entry.plural
        table[key.encode("utf-8")] = "\0".join(entry.msgstr).encode("utf-8")
    keys = sorted(table)
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(key), len(ids), len(table[key]), len(strs)))
        ids += key + b"\0"
        strs += table[key] + b"\0"
    start_ids = 7 * 4 + 16 * len(keys)
    start_strs = start_ids + len(ids)
    originals = b"".join(struct.pack("<2I", length, start_ids + at) for length, at, _l, _a in offsets)
    translations = b"".join(struct.pack("<2I", length, start_strs + at) for _l, _a, length, at in offsets)
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return head + originals + translations + ids + strs


def mo_path(po: Path) -> Path:
    return po.with_suffix(".mo")


# --- checks -------------------------------------------------------------------------------------------------


def _fields(text: str) -> list[str]:
    """The replacement fields of a str.format template, as written ("{share:.1f}"), sorted."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return ["<not a format string>"]
    fields = []
    for _literal, name, spec, conversion in parsed:
        if name is not None:
            fields.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return sorted(fields)


def check_catalogue(language: str, po: Path, messages: dict[str, Message]) -> Iterator[Problem]:
    try:
        header, entries = read_po(po)
    except ValueError as exc:
        yield Problem(_relative(po), str(exc))
        return
    where = _relative(po)
    by_key = {e.key: e for e in entries if not e.obsolete}
    for entry in entries:
        if entry.obsolete:
            yield Problem(where, f"obsolete entry left in the catalogue: {entry.msgid!r}")
        elif entry.key not in messages:
            yield Problem(where, f"stale entry (no source uses it; run extract): {entry.key!r}")
    for key, message in messages.items():
        msgid = message.msgid
        entry = by_key.get(key)
        if entry is None:
            yield Problem(where, f"missing (run extract, then translate): {msgid!r} [{', '.join(message.references)}]")
            continue
        if not entry.translated:
            yield Problem(where, f"no translation: {msgid!r} [{', '.join(message.references)}]")
            continue
        if message.plural and (entry.plural is None or len(entry.msgstr) != _nplurals(language)):
            yield Problem(where, f"needs {_nplurals(language)} plural forms: {msgid!r}")
        if not message.plural and entry.plural is not None:
            yield Problem(where, f"has plural forms but the source uses no count: {msgid!r}")
        for form in entry.msgstr:
            if set(_fields(form)) != set(_fields(msgid)):
                yield Problem(where, f"placeholders differ: {msgid!r} has {_fields(msgid)}, "
                              f"{form!r} has {_fields(form)}")
    mo = mo_path(po)
    if not mo.exists() or mo.read_bytes() != mo_bytes(header, entries):
        yield Problem(_relative(mo), "not compiled from the .po as it is (run compile)")


def check() -> list[Problem]:
    messages, problems = scan()
    for language, po in catalogues().items():
        problems.extend(check_catalogue(language, po, messages))
    problems.extend(unmarked())
    return problems


# --- commands ---------------------------------------------------------------------------------------------


def extract(languages: list[str] | None = None) -> int:
    messages, problems = scan()
    for problem in problems:
        print(problem, file=sys.stderr)
    targets = catalogues()
    for language in languages or []:
        targets.setdefault(language, LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po")
    for language, po in targets.items():
        header, old = read_po(po) if po.exists() else (header_for(language), [])
        known = {e.key: e for e in old if not e.obsolete}
        entries, new = [], 0
        for key, message in messages.items():
            msgid = message.msgid
            entry = known.pop(key, None)
            if entry is None:
                new += 1
                forms = _nplurals(language) if message.plural else 1
                entry = Entry(msgid, [""] * forms, context=message.context)
            if message.plural and entry.plural is None:
                entry = Entry(msgid, [entry.msgstr[0]] * _nplurals(language), msgid, entry.comments,
                              context=message.context)
            entry.plural = msgid if message.plural else None
            entry.references = list(message.references)
            entry.flags = [f for f in entry.flags if f != "python-brace-format"]
            entries.append(entry)
        write_po(po, header or header_for(language), entries, language)
        print(f"{_relative(po)}: {len(entries)} messages, {new} new, {len(known)} dropped", file=sys.stderr)
        for gone in known.values():
            print(f"  dropped: {gone.msgid!r} → {' | '.join(gone.msgstr)!r}", file=sys.stderr)
    return 1 if problems else 0


def compile_all() -> int:
    for _language, po in catalogues().items():
        header, entries = read_po(po)
        mo_path(po).write_bytes(mo_bytes(header, entries))
        print(f"{_relative(mo_path(po))}: {sum(1 for e in entries if e.translated)} translations", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract_parser = commands.add_parser("extract", help="update every .po from the source")
    extract_parser.add_argument("--add", action="append", metavar="LANG", help="start a catalogue for LANG")
    commands.add_parser("compile", help="write each .mo from its .po")
    commands.add_parser("check", help="report every problem; exit 1 if any")
    args = parser.parse_args(argv)
    if args.command == "extract":
        return extract(args.add)
    if args.command == "compile":
        return compile_all()
    problems = check()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
