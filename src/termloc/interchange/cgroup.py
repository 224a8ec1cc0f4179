"""Chinese Wikipedia's conversion groups (公共转换组) in and out of termloc.

Reading: `read_groups` takes the JSON files of ``../shared/data/cgroups/``
(``{name, description, path, rules: [{original, conv}]}``) and
``Module:CGroup/...`` Lua pages. `import_groups` turns each group into a
termloc group and each rule into an entry:

- a rule's two-way forms (``zh-cn:斯大林; zh-tw:史達林;``) become one row,
  by tag; a ``zh:`` form (MediaWiki's unconverted text, an input only)
  becomes an admitted form;
- its one-way rules (``码率=>zh-tw:位元率;``) become one-way rows
  (``from: [码率]``), one per set of sources that convert alike;
- ``original`` is kept in the note (``original: Stalin``) and, where its
  script tells the language (Latin → en, Hangul → ko, kana → ja, Cyrillic
  → ru or uk), as that language's form;
- forms OpenCC cannot hold (white space inside) are left out, and rules
  MediaWiki itself ignores are skipped; both are reported.

Conflicts between rules are settled by `termloc.interchange.conflicts`; a
rule that lost a conversion is written as one-way rows holding the
conversions it kept. Every form left out and every conversion dropped is a
`Dropped` record in the import's report, so nothing is lost silently.

Writing a group back as a ``Module:CGroup/...`` page is
`termloc.interchange.cgroup_page`; the report as a table and as TSV,
`termloc.interchange.cgroup_report`.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from termloc.core.errors import InputError
from termloc.core.files import read_text
from termloc.core.han import CharTables
from termloc.core.scripts import CYRILLIC, HANGUL, KANA
from termloc.core.variants import VariantRegistry
from termloc.engine.rules import SOURCE_VIEW, Rule, RuleSyntax, RuleSyntaxError
from termloc.glossary.model import Entry, Group, Row
from termloc.interchange.conflicts import Claimant, Conflict, resolve
from termloc.interchange.lua import LuaSyntaxError, LuaTable, parse_module

__all__ = [
    "CGroupImport",
    "Dropped",
    "SourceGroup",
    "SourceItem",
    "import_groups",
    "original_language",
    "plain_original",
    "read_groups",
]

NOTE_PREFIX = "original: "
#: Markup that closes one conversion and opens the next inside one rule's text
#: (``zh-cn:尼基塔;}--{-|尼基塔``): what follows it is another rule, not a form.
_JOINED = "}--{"
_UNREPRESENTABLE = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SourceItem:
    """One rule of a group as written: its number in the group and its line (0: unknown)."""

    number: int
    original: str
    rule: str
    line: int = 0


@dataclass(frozen=True)
class SourceGroup:
    """A conversion group as read from its file."""

    name: str  # the termloc group name: the page's title (政治人物)
    module_name: str  # the module's own ``name`` field
    description: str
    page: str  # Module:CGroup/政治人物
    file: str
    items: tuple[SourceItem, ...]


#: Why a form or rule does not convert as its group says: it lost a conflict,
#: OpenCC cannot hold it (white space), or MediaWiki ignores the rule.
DropReason = Literal["conflict", "unrepresentable", "ignored"]


@dataclass(frozen=True)
class Dropped:
    """A form or rule that does not convert as its group says, and why."""

    what: DropReason
    group: str
    rule: int
    entry: str
    variants: tuple[str, ...]
    form: str
    gives: str  # what the rule gives ('' where it does not apply)
    kept: str  # what termloc gives instead (conflicts)
    kept_by: tuple[str, ...] = ()
    detail: str = ""


@dataclass
class CGroupImport:
    """The result of an import: the groups, and everything not kept as written."""

    groups: list[Group]
    dropped: list[Dropped]
    sources: list[SourceGroup]
    rules: int = 0

    def counts(self) -> dict[str, int]:
        """How many records of each kind the report has."""
        counts = {"conflict": 0, "unrepresentable": 0, "ignored": 0}
        for record in self.dropped:
            counts[record.what] += 1
        return counts


# --- reading ---------------------------------------------------------------------------------


def _json_group(path: Path) -> SourceGroup:
    text = read_text(path)
    data = _json(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise InputError(path, "expected a conversion group: an object with 'name' and a 'rules' list", 1)
    page = _json_text(data, "path", path)
    title = page.split("CGroup/", 1)[1] if "CGroup/" in page else ""
    module_name = _json_text(data, "name", path).strip()
    name = title.strip() or module_name or path.stem
    items = []
    for number, rule in enumerate(data["rules"], 1):
        if not isinstance(rule, dict) or not isinstance(rule.get("conv"), str):
            raise InputError(path, f"rule {number} has no 'conv' text (expected {{original, conv}})", 1)
        original = _json_text(rule, "original", path, f"rule {number}: ")
        items.append(SourceItem(number, original.strip(), rule["conv"]))
    return SourceGroup(
        name,
        module_name or name,
        _json_text(data, "description", path).strip(),
        page or f"Module:CGroup/{name}",
        str(path),
        tuple(items),
    )


#: JSON nested deeper than this is reported where it gets deeper (a conversion group nests three).
_JSON_DEPTH = 100
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|\d{4301,}')


#: A ``\\u`` escape of half a UTF-16 pair standing alone: JSON lets it through, it is no character.
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _json(text: str, path: Path) -> Any:
    """The value of the JSON ``text``; `InputError` with the line for JSON Python cannot read."""
    try:
        data = json.loads(text)
        json.dumps(data, ensure_ascii=False).encode("utf-8")
        return data
    except UnicodeEncodeError:
        lone = _LONE_SURROGATE.search(text)
        line = text.count("\n", 0, lone.start()) + 1 if lone is not None else 1
        escape = lone.group() if lone is not None else "a \\u escape"
        raise InputError(path, f"{escape} is half of a UTF-16 pair, not a character", line) from None
    except json.JSONDecodeError as err:
        raise InputError(path, f"not valid JSON: {err.msg}", err.lineno) from None
    except (RecursionError, ValueError):
        # Python's JSON reader names no line for these: find it.
        depth = 0
        for token in _JSON_TOKEN.finditer(text):
            found = token.group()
            depth += 1 if found in "[{" else -1 if found in "]}" else 0
            if depth > _JSON_DEPTH:
                problem = f"JSON nested deeper than {_JSON_DEPTH} levels"
            elif found[0].isdigit():
                problem = f"a number of {len(found):,} digits (Python reads at most {sys.get_int_max_str_digits():,})"
            else:
                continue
            raise InputError(path, problem, text.count("\n", 0, token.start()) + 1) from None
        raise InputError(path, "JSON that Python cannot read", 1) from None


def _json_text(data: dict[str, Any], key: str, path: Path, where: str = "") -> str:
    """The string ``data[key]`` ('' when absent or null)."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        kind = {list: "a list", dict: "an object", bool: "a boolean"}.get(type(value), "a number")
        raise InputError(path, f"{where}{key!r} must be a string, not {kind}", 1)
    return value


def _lua_group(path: Path) -> SourceGroup:
    text = read_text(path)
    try:
        root = parse_module(text)
    except LuaSyntaxError as err:
        raise InputError(path, f"cannot read the Lua module: {err.problem}", err.line) from None
    if not isinstance(root, LuaTable) or not isinstance(root.fields.get("content"), LuaTable):
        line = root.line if isinstance(root, LuaTable) else 1
        raise InputError(path, "the module must return a table with 'name' and 'content'", line)
    items = []
    number = 0
    for item in root.fields["content"].items:
        if not isinstance(item, LuaTable):
            raise InputError(path, "each item of 'content' must be a table or Item(...)", root.fields["content"].line)
        if _lua_text(item, "type", path, "an item's") != "item":
            continue  # headings and text: nothing to convert
        number += 1
        rule, original = item.fields.get("rule"), item.fields.get("original")
        if not isinstance(rule, str) or not isinstance(original, (str, type(None))):
            raise InputError(path, "an item needs a string 'rule' (and 'original', a string or nil)", item.line)
        items.append(SourceItem(number, (original or "").strip(), rule, item.line))
    module_name = _lua_text(root, "name", path).strip() or path.stem
    return SourceGroup(
        module_name,
        module_name,
        _lua_text(root, "description", path).strip(),
        f"Module:CGroup/{module_name}",
        str(path),
        tuple(items),
    )


def _lua_text(table: LuaTable, key: str, path: Path, whose: str = "the module's") -> str:
    """The string field ``key`` of ``table`` ('' when absent or nil)."""
    value = table.fields.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        line = value.line if isinstance(value, LuaTable) else table.line
        kind = "a table" if isinstance(value, LuaTable) else "a boolean" if isinstance(value, bool) else "a number"
        raise InputError(path, f"{whose} {key!r} must be a string, not {kind}", line)
    return value


def read_groups(paths: Iterable[Path]) -> list[SourceGroup]:
    """The groups in ``paths``: JSON or Lua files, or folders of them (by file name).

    Raises `InputError` (file:line) for a file that cannot be read.
    """
    groups: list[SourceGroup] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".lua") and p.is_file())
            if not files:
                raise InputError(path, "no conversion group files (*.json, *.lua) in this folder")
        else:
            files = [path]
        for file in files:
            groups.append(_json_group(file) if file.suffix == ".json" else _lua_group(file))
    return groups


# --- importing -------------------------------------------------------------------------------


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _group_slug(name: str, taken: set[str]) -> str:
    slug = _slug(name)
    if not slug or not name.isascii() or slug in taken:
        slug = "-".join(filter(None, [slug[:24].strip("-"), f"g{zlib.crc32(name.encode()):08x}"]))
    taken.add(slug)
    return slug


def plain_original(original: str) -> str:
    """``original`` without wiki markup: links, italics, HTML tags and entities."""
    text = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", original)
    text = re.sub(r"<[^>]*>|'{2,}", "", text)
    return " ".join(html.unescape(text).split())


def original_language(text: str) -> str | None:
    """The language tag ``text``'s script points to, if it points to one."""
    if re.search(f"[{HANGUL}]", text):
        return "ko"
    if re.search(f"[{KANA}]", text):
        return "ja"
    if re.search(f"[{CYRILLIC}]", text):
        return "uk" if re.search(r"[ієїґІЄЇҐ]", text) else "ru"
    if re.search(r"[A-Za-z]", text) and re.fullmatch(r"[\x20-\x7e\u00a0-\u024f\u2010-\u2027]+", text):
        return "en"
    return None


def _representable(text: str) -> bool:
    return bool(text) and not _UNREPRESENTABLE.search(text)


@dataclass
class _Draft:
    source: SourceGroup
    item: SourceItem
    entry_id: str
    extra: dict[str, str]
    #: (row as written, its claimant, lost a form it cannot hold?)
    rows: list[tuple[Row, Claimant, bool]] = field(default_factory=list)


class _Importer:
    def __init__(self, registry: VariantRegistry, tables: CharTables) -> None:
        self.registry = registry
        self.syntax = RuleSyntax.for_variants(registry)
        self.tables = tables
        self.variants = list(registry.chinese)
        self.dropped: list[Dropped] = []
        self._spellings: dict[str, tuple[str, ...]] = {}

    def spellings(self, form: str) -> tuple[str, ...]:
        known = self._spellings.get(form)
        if known is None:
            known = self._spellings[form] = tuple(self.tables.spellings(form))
        return known

    def drop(
        self, draft: _Draft, what: DropReason, variants: Iterable[str], form: str, gives: str, detail: str
    ) -> None:
        self.dropped.append(
            Dropped(
                what, draft.source.name, draft.item.number, draft.entry_id, tuple(variants), form, gives, "", (), detail
            )
        )

    def draft(self, source: SourceGroup, item: SourceItem, index: int, entry_id: str) -> _Draft | None:
        original = plain_original(item.original)
        language = original_language(original) if original else None
        draft = _Draft(source, item, entry_id, {language: original} if language else {})
        text, joined, rest = item.rule.partition(_JOINED)
        if joined:  # a page that closes one -{...}- and opens another inside a rule: its first rule only
            self.drop(draft, "ignored", (), "", joined + rest, "a second rule joined by '}--{' inside this one")
        try:
            rule = self.syntax.parse(text)
        except RuleSyntaxError as err:
            self.drop(draft, "ignored", (), "", item.rule, f"MediaWiki ignores this rule: {err}")
            return None
        one_way_rows = self._one_way(draft, rule, index)
        two_way = self._two_way(draft, rule, index, len(one_way_rows))
        draft.rows = ([two_way] if two_way else []) + one_way_rows
        if not draft.rows:
            self.drop(draft, "ignored", (), "", item.rule, "the rule converts nothing (no variant forms)")
            return None
        return draft

    def _two_way(self, draft: _Draft, rule: Rule, index: int, position: int) -> tuple[Row, Claimant, bool] | None:
        forms = {self.registry.normalise(code): text for code, text in rule.two_way.items() if code != SOURCE_VIEW}
        if not forms:
            return None
        admitted: dict[str, tuple[str, ...]] = {}
        unconverted = rule.two_way.get(SOURCE_VIEW)
        if unconverted is not None:
            tag = "zh-Hans" if self.tables.to_simplified(unconverted) == unconverted else "zh-Hant"
            admitted[tag] = (unconverted,)
        row = Row(forms, admitted)
        outputs: dict[str, tuple[str, bool]] = {}
        lost_outputs: dict[str, list[str]] = {}
        for variant in self.variants:
            form = row.chinese_form(variant, self.tables, name=False)
            if form is None:
                continue
            if _representable(form.text):
                outputs[variant.tag] = (form.text, form.derived)
            else:
                lost_outputs.setdefault(form.text, []).append(variant.tag)
        inputs = list(dict.fromkeys([*forms.values(), *([unconverted] if unconverted else [])]))
        for text in inputs:
            if not _representable(text):
                self.drop(
                    draft,
                    "unrepresentable",
                    lost_outputs.get(text, ()),
                    text,
                    text,
                    "white space or a control character: an OpenCC dictionary cannot hold this form",
                )
        claimant = Claimant(
            draft.source.name,
            (index, draft.item.number, position),
            tuple(t for t in inputs if _representable(t)),
            outputs,
        )
        return row, claimant, bool(lost_outputs) or len(claimant.inputs) < len(inputs)

    def _one_way(self, draft: _Draft, rule: Rule, index: int) -> list[tuple[Row, Claimant, bool]]:
        by_source: dict[str, dict[str, str]] = {}
        for code, pairs in rule.one_way.items():
            for source, target in pairs.items():
                if code == SOURCE_VIEW:
                    self.drop(
                        draft, "unrepresentable", (), source, target, "a one-way rule into zh, which never converts"
                    )
                elif not _representable(source) or not _representable(target):
                    tag = self.registry.normalise(code)
                    self.drop(
                        draft,
                        "unrepresentable",
                        (tag,),
                        source,
                        target,
                        "empty, or white space or a control character: an OpenCC dictionary cannot hold this form",
                    )
                else:
                    by_source.setdefault(source, {})[self.registry.normalise(code)] = target
        alike: dict[tuple[tuple[str, str], ...], list[str]] = {}
        for source, targets in by_source.items():
            alike.setdefault(tuple(targets.items()), []).append(source)
        rows = []
        for position, (pairs_alike, sources) in enumerate(alike.items()):
            outputs = {tag: (text, False) for tag, text in pairs_alike}
            claimant = Claimant(draft.source.name, (index, draft.item.number, position), tuple(sources), outputs)
            rows.append((Row(dict(pairs_alike), one_way=tuple(sources)), claimant, False))
        return rows

    def entry(self, draft: _Draft) -> Entry | None:
        rows: list[Row] = []
        for row, claimant, incomplete in draft.rows:
            if claimant.lost or incomplete:
                rows.extend(self._one_way_rows(claimant))
            else:
                rows.append(row)
        if not rows:
            return None
        if draft.extra:
            first = rows[0]
            rows[0] = Row({**first.forms, **draft.extra}, first.admitted, first.deprecated, one_way=first.one_way)
        note = f"{NOTE_PREFIX}{draft.item.original}" if draft.item.original else ""
        source = f"{draft.source.page}, rule {draft.item.number}"
        return Entry(draft.entry_id, "term", tuple(rows), (source,), note, None, draft.source.name)

    def _one_way_rows(self, claimant: Claimant) -> list[Row]:
        """A claimant's surviving conversions, as one-way rows (its own forms only, none derived)."""
        explicit = {tag: text for tag, (text, derived) in claimant.outputs.items() if not derived}
        alike: dict[tuple[str, ...], list[str]] = {}
        for form in claimant.inputs:
            kept = tuple(tag for tag in explicit if claimant.claims(form, tag))
            if kept:
                alike.setdefault(kept, []).append(form)
        return [Row({tag: explicit[tag] for tag in tags}, one_way=tuple(forms)) for tags, forms in alike.items()]


def import_groups(sources: Sequence[SourceGroup], registry: VariantRegistry, tables: CharTables) -> CGroupImport:
    """Turn conversion groups into termloc groups, settling conflicts (see the module's doc)."""
    importer = _Importer(registry, tables)
    taken: set[str] = set()
    drafts: list[_Draft] = []
    names: set[str] = set()
    for index, source in enumerate(sources):
        if source.name in names:
            raise InputError(source.file, f"a second group named {source.name!r}; import each group once", 1)
        names.add(source.name)
        slug = _group_slug(source.name, taken)
        for item in source.items:
            original = plain_original(item.original)
            tail = _slug(original)[:40].strip("-") if original_language(original) == "en" else ""
            entry_id = "-".join(filter(None, [slug, str(item.number), tail]))
            draft = importer.draft(source, item, index, entry_id)
            if draft is not None:
                drafts.append(draft)
    claimants = [claimant for draft in drafts for _, claimant, _ in draft.rows]
    conflicts = resolve(claimants, [v.tag for v in importer.variants], importer.spellings)
    importer.dropped.extend(_conflict_records(conflicts, drafts))
    by_group: dict[str, list[Entry]] = {source.name: [] for source in sources}
    for draft in drafts:
        entry = importer.entry(draft)
        if entry is not None:
            by_group[draft.source.name].append(entry)
        else:
            importer.drop(draft, "ignored", (), "", draft.item.rule, "every conversion of the rule lost a conflict")
    groups = [
        Group(
            source.name,
            {"zh": source.module_name} if source.module_name != source.name else {},
            source.description,
            source.file,
            tuple(by_group[source.name]),
        )
        for source in sources
    ]
    order = {source.name: index for index, source in enumerate(sources)}
    variant_order = {v.tag: i for i, v in enumerate(importer.variants)}
    importer.dropped.sort(
        key=lambda d: (order[d.group], d.rule, [variant_order.get(v, 99) for v in d.variants], d.what, d.form)
    )
    return CGroupImport(groups, importer.dropped, list(sources), sum(len(s.items) for s in sources))


def _conflict_records(conflicts: list[Conflict], drafts: list[_Draft]) -> list[Dropped]:
    owner = {id(claimant): draft for draft in drafts for _, claimant, _ in draft.rows}
    records = []
    for c in conflicts:
        draft = owner[id(c.claimant)]
        detail = "" if c.key == c.form else f"met on the spelling {c.key}"
        records.append(
            Dropped(
                "conflict",
                draft.source.name,
                draft.item.number,
                draft.entry_id,
                (c.variant,),
                c.form,
                c.output,
                c.kept,
                c.kept_by,
                detail,
            )
        )
    return records
