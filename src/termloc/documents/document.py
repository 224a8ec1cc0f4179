"""Articles as source documents: Markdown with YAML front matter.

    ---
    title: 朝鲜—俄罗斯关系
    source_language: zh
    licence: CC BY-SA 4.0
    glossary: {groups: [people, places]}
    rules:
      - zh-hans:朝鲜存在两个国家;zh-hant:朝鮮存在兩個國家;
    ---
    Body in Markdown: headings, paragraphs, lists.

The text is kept exactly as written (mixed script included); `termloc.documents.render`
turns a `Document` into every variant. Bad input raises `InputError` with the
file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from termloc.core.errors import InputError

if TYPE_CHECKING:  # markdown-it and YAML are imported only when a document is read
    from markdown_it.token import Token

    from termloc.core.yamltext import Node

__all__ = ["Block", "Document", "Infobox", "InfoboxItem", "ListItem", "load_document", "parse_document"]

#: Front-matter keys, with whether each is required.
_KEYS = {
    "title": True,
    "source_language": True,
    "source": False,
    "retrieved": False,
    "licence": False,
    "attribution": False,
    "glossary": False,
    "rules": False,
    "infoboxes": False,
    "reference": False,
}


@dataclass(frozen=True)
class ListItem:
    """One item of a list: inline Markdown, with its number if ordered."""

    text: str
    number: int | None
    line: int


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph, a list, or a code block (never converted)."""

    kind: Literal["heading", "paragraph", "list", "code"]
    text: str = ""
    level: int = 0
    items: tuple[ListItem, ...] = ()
    ordered: bool = False
    line: int = 0


@dataclass(frozen=True)
class InfoboxItem:
    """A line of an infobox; ``lang`` marks text in another language."""

    text: str
    lang: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Infobox:
    """The summary box of a section (``section: lead`` for the top)."""

    section: str
    title: str
    parties: tuple[str, ...] = ()
    map: str | None = None
    missions_label: str | None = None
    missions: tuple[InfoboxItem, ...] = ()
    images: tuple[str, ...] = ()

    def texts(self) -> list[str]:
        """Every Chinese text of the box, for conversion and checks."""
        texts = [self.title, *self.parties]
        texts += [t for t in (self.map, self.missions_label) if t]
        for item in self.missions:
            texts += [t for t in (None if item.lang else item.text, item.label) if t]
        return texts + list(self.images)


@dataclass(frozen=True)
class Document:
    """An article: metadata from the front matter and the body's blocks."""

    path: str
    title: str
    source_language: str
    blocks: tuple[Block, ...]
    source: str | None = None
    licence: str | None = None
    attribution: str | None = None
    groups: tuple[str, ...] | None = None
    #: The document's own glossaries (front matter ``glossary: {paths: [...]}``,
    #: relative to the document), layered above termloc's own, first the highest.
    glossaries: tuple[Path, ...] = ()
    rules: tuple[str, ...] = ()
    infoboxes: tuple[Infobox, ...] = field(default=())
    #: The reference groups (front matter ``reference:``): ``"auto"`` (chosen
    #: from the text, the default), a list of group names, or None (``none``).
    reference: tuple[str, ...] | Literal["auto"] | None = "auto"

    @property
    def text(self) -> str:
        """All the article's Chinese text, one piece a line (the evidence for choosing reference groups)."""
        pieces = [self.title, *(t for box in self.infoboxes for t in box.texts())]
        for block in self.blocks:
            if block.kind != "code":
                pieces += [block.text, *(item.text for item in block.items)]
        return "\n".join(piece for piece in pieces if piece)

    @property
    def name(self) -> str:
        """The file name without its extension (``dprk-russia-relations``)."""
        return Path(self.path).stem


def load_document(path: Path) -> Document:
    """Read and parse the article at ``path``."""
    from termloc.core.files import read_text

    return parse_document(read_text(str(path)), str(path))


def parse_document(text: str, path: str = "<article>") -> Document:
    """Parse an article's text (front matter and Markdown body)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise InputError(path, "expected YAML front matter opening with '---' on the first line", 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise InputError(path, "the front matter is not closed by a '---' line", 1) from None
    meta = _front_matter("\n".join(lines[1:end]), path)
    body = "\n".join(lines[end + 1 :])
    blocks = _blocks(body, path, first_line=end + 2)
    glossary = _mapping(meta.get("glossary"), path, _GLOSSARY)
    if not set(glossary) <= {"groups", "paths"}:
        raise InputError(path, _GLOSSARY, meta["glossary"].line)
    groups = glossary.get("groups")
    folder = Path(path).parent
    glossaries = tuple(folder / name for name in _strings(glossary.get("paths"), "glossary.paths", path))
    _retrieved(meta.get("retrieved"), path)
    return Document(
        path=path,
        title=_string(meta, "title", path),
        source_language=_string(meta, "source_language", path),
        blocks=tuple(blocks),
        source=_optional(meta, "source", path),
        licence=_optional(meta, "licence", path),
        attribution=_optional(meta, "attribution", path),
        groups=tuple(_strings(groups, "glossary.groups", path))
        if groups is not None and groups.value is not None
        else None,
        glossaries=glossaries,
        rules=tuple(_strings(meta.get("rules"), "rules", path)),
        infoboxes=tuple(_infobox(box, path) for box in _list(meta.get("infoboxes"), "infoboxes", path)),
        reference=_reference(meta.get("reference"), path),
    )


_GLOSSARY = "'glossary' must be a mapping with 'groups' (group names) and 'paths' (glossary files or folders)"


def _reference(node: Node | None, path: str) -> tuple[str, ...] | Literal["auto"] | None:
    """Front matter ``reference``: ``auto``, ``none`` or a list of reference groups."""
    value = "auto" if node is None else node.value
    if value == "auto":
        return "auto"
    if value in ("none", None, []):
        return None
    return tuple(_strings(node, "reference", path))


def _front_matter(text: str, path: str) -> dict[str, Node]:
    """The front matter's fields (lines counted in the document: the text starts on line 2)."""
    from termloc.core.yamltext import YAMLInputError, parse_yaml

    try:
        root = parse_yaml(text, first_line=2)
    except YAMLInputError as err:
        problem = err.problem if err.syntax else f"{err.problem} ({err.hint})"
        raise InputError(path, f"front matter is not valid YAML: {problem}", err.line) from None
    if root is None or not isinstance(root.value, dict):
        raise InputError(path, "the front matter must be a mapping (title: ..., source_language: ...)", 2)
    fields: dict[str, Node] = root.value
    for key, node in fields.items():
        if key not in _KEYS:
            known = ", ".join(_KEYS)
            raise InputError(path, f"unknown front-matter key {key!r}; known: {known}", node.key_line)
    for key, required in _KEYS.items():
        if required and key not in fields:
            raise InputError(path, f"the front matter needs {key!r}", 1)
    return fields


def _string(meta: dict[str, Node], key: str, path: str, where: str = "front-matter") -> str:
    node = meta.get(key)
    value = None if node is None else node.value
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, f"{where} {key!r} must be a non-empty string", 1 if node is None else node.line)
    return value


def _optional(meta: dict[str, Node], key: str, path: str, where: str = "front-matter") -> str | None:
    node = meta.get(key)
    return _string(meta, key, path, where) if node is not None and node.value is not None else None


def _strings(node: Node | None, key: str, path: str) -> list[str]:
    """The strings of a list (nothing for an absent or empty value)."""
    if node is None or not node.value:
        return []
    value = node.plain()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(path, f"front-matter {key!r} must be a list of strings", node.line)
    return value


def _list(node: Node | None, key: str, path: str) -> list[Node]:
    """The items of a list of mappings (nothing for an absent or empty value)."""
    if node is None or not node.value:
        return []
    if not isinstance(node.value, list):
        raise InputError(path, f"front-matter {key!r} must be a list ('- section: ...' items)", node.line)
    return list(node.value)


def _mapping(node: Node | None, path: str, problem: str) -> dict[str, Node]:
    """The fields of a mapping (none for an absent or empty value)."""
    if node is None or not node.value:
        return {}
    if not isinstance(node.value, dict):
        raise InputError(path, problem, node.line)
    return dict(node.value)


def _retrieved(node: Node | None, path: str) -> None:
    """``retrieved`` is a date (2024-11-05) or text (2024-11)."""
    if node is not None and node.value is not None and not isinstance(node.value, (str, date)):
        raise InputError(path, "front-matter 'retrieved' must be a date (2024-11-05) or text (2024-11)", node.line)


def _infobox(box: Node, path: str) -> Infobox:
    fields = _mapping(box, path, "each infobox needs 'section' and 'title'")
    if "title" not in fields or "section" not in fields:
        raise InputError(path, "each infobox needs 'section' and 'title'", box.line)
    title = _string(fields, "title", path, "infobox")
    missions = _mapping(fields.get("missions"), path, f"infobox {title!r}: 'missions' must be a mapping")
    items: list[InfoboxItem] = []
    for item in _list(missions.get("items"), "infoboxes.missions.items", path):
        if isinstance(item.value, str):
            items.append(InfoboxItem(item.value))
        elif isinstance(item.value, dict) and "text" in item.value and isinstance(item.value["text"].value, str):
            lang = _optional(item.value, "lang", path, f"infobox {title!r}: mission")
            label = _optional(item.value, "label", path, f"infobox {title!r}: mission")
            items.append(InfoboxItem(item.value["text"].value, lang, label))
        else:
            raise InputError(path, f"infobox {title!r}: a mission is a string or {{text, lang, label}}", item.line)
    return Infobox(
        section=_string(fields, "section", path, "infobox"),
        title=title,
        parties=tuple(_strings(fields.get("parties"), "infoboxes.parties", path)),
        map=_optional(fields, "map", path, f"infobox {title!r}:"),
        missions_label=_optional(missions, "label", path, f"infobox {title!r}: missions"),
        missions=tuple(items),
        images=tuple(_strings(fields.get("images"), "infoboxes.images", path)),
    )


def _blocks(body: str, path: str, first_line: int) -> list[Block]:
    """The body's blocks, read with markdown-it (CommonMark)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(body)
    blocks: list[Block] = []
    items: list[ListItem] = []
    ordered = False
    depth = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        line = first_line + (token.map[0] if token.map else 0)
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth > 1:
                raise InputError(path, "nested lists are not supported; flatten the list", line)
            ordered = token.type == "ordered_list_open"
            items = []
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            blocks.append(Block("list", items=tuple(items), ordered=ordered, line=items[0].line if items else line))
        elif token.type == "list_item_open":
            number = _number_item(tokens, i, items, ordered)
            items.append(ListItem(_read_item_text(tokens, i), number, line))
            i = _skip_item(tokens, i, path, first_line)
        elif token.type == "heading_open":
            blocks.append(Block("heading", tokens[i + 1].content, level=int(token.tag[1:]), line=line))
            i += 2
        elif token.type == "paragraph_open":
            blocks.append(Block("paragraph", tokens[i + 1].content, line=line))
            i += 2
        elif token.type in ("fence", "code_block"):
            blocks.append(Block("code", token.content, line=line))
        elif token.type.endswith("_close"):
            pass
        else:
            raise InputError(
                path,
                f"unsupported Markdown ({token.type.replace('_open', '')}); use headings, paragraphs and lists",
                line,
            )
        i += 1
    return blocks


def _number_item(tokens: list[Token], i: int, items: list[ListItem], ordered: bool) -> int | None:
    """The number of the list item opening at ``tokens[i]``: None in a bullet list."""
    number = int(str(tokens[i].info)) if ordered and tokens[i].info else None
    if ordered and number is None:
        number = (items[-1].number or 0) + 1 if items else int(str(tokens[i - 1].attrGet("start") or 1))
    return number


def _read_item_text(tokens: list[Token], i: int) -> str:
    """The inline Markdown of the list item opening at ``tokens[i]``: its first paragraph's."""
    return tokens[i + 2].content if tokens[i + 1].type == "paragraph_open" else ""


def _skip_item(tokens: list[Token], i: int, path: str, first_line: int) -> int:
    """The index of the close of the list item opening at ``tokens[i]``, refusing a list nested in it."""
    while tokens[i].type != "list_item_close":
        i += 1
        if tokens[i].type in ("bullet_list_open", "ordered_list_open"):
            raise InputError(
                path, "nested lists are not supported; flatten the list", first_line + (tokens[i].map or [0])[0]
            )
    return i
