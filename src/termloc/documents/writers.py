"""A rendering as Markdown (with front matter) and as plain text."""

from __future__ import annotations

import re

from termloc.core.variants import Variant
from termloc.documents.document import Infobox
from termloc.documents.render import Rendering

__all__ = ["FORMATS", "to_markdown", "to_text"]

#: The formats ``termloc render`` writes.
FORMATS = ("md", "txt", "html")


#: What YAML refuses raw in a file (DEL, C1 controls, U+FFFE/U+FFFF) or reads as a line break
#: (U+0085, U+2028, U+2029) or drops (U+FEFF); JSON leaves them raw.
_YAML_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _yaml_value(text: str) -> str:
    """``text`` as a double-quoted scalar that YAML and JSON both read back exactly."""
    import json

    return _YAML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def to_markdown(rendering: Rendering) -> str:
    """The rendering as Markdown with front matter."""
    doc = rendering.document
    meta = [("title", rendering.title), ("lang", rendering.variant.bcp47), ("variant", rendering.tag)]
    meta += [
        (k, v) for k, v in (("source", doc.source), ("licence", doc.licence), ("attribution", doc.attribution)) if v
    ]
    lines = ["---", *(f"{key}: {_yaml_value(value)}" for key, value in meta), "---", "", f"# {rendering.title}", ""]
    boxes = {box.section: box for box in rendering.infoboxes}
    if "lead" in boxes:
        lines += [*_infobox_markdown(boxes["lead"], _colon(rendering.variant)), ""]
    for source, block in zip(doc.blocks, rendering.blocks, strict=True):
        if block.kind == "heading":
            lines += [f"{'#' * block.level} {block.text}", ""]
            if source.text in boxes:
                lines += [*_infobox_markdown(boxes[source.text], _colon(rendering.variant)), ""]
        elif block.kind == "paragraph":
            lines += [block.text, ""]
        elif block.kind == "list":
            lines += [f"{item.number}. {item.text}" if block.ordered else f"- {item.text}" for item in block.items]
            lines.append("")
        else:
            lines += ["```", block.text.rstrip("\n"), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _colon(variant: Variant) -> str:
    """A label's colon: full width in Chinese, else a colon and a space."""
    return "：" if variant.is_chinese else ": "


def _infobox_lines(box: Infobox, colon: str) -> list[tuple[str, str]]:
    rows = [("", " / ".join(box.parties))] if box.parties else []
    if box.missions:
        missions = " · ".join(f"{i.label}{colon}{i.text}" if i.label else i.text for i in box.missions)
        rows.append((box.missions_label or "", missions))
    rows += [("", image) for image in box.images]
    return rows


def _infobox_markdown(box: Infobox, colon: str) -> list[str]:
    lines = [f"> **{box.title}**", ">"]
    lines += [f"> {label}{colon}{value}  " if label else f"> {value}  " for label, value in _infobox_lines(box, colon)]
    return lines


def to_text(rendering: Rendering) -> str:
    """The rendering as plain text (Markdown syntax removed)."""
    doc = rendering.document
    lines = [rendering.title, "", *(_plain(line) for line in _text_infobox(rendering, "lead"))]
    for source, block in zip(doc.blocks, rendering.blocks, strict=True):
        if block.kind == "heading":
            if lines[-1]:
                lines.append("")
            lines += [_plain(block.text), ""]
            lines += [_plain(line) for line in _text_infobox(rendering, source.text)]
        elif block.kind == "paragraph":
            lines += [_plain(block.text), ""]
        elif block.kind == "list":
            lines += [
                f"{item.number}. {_plain(item.text)}" if block.ordered else f"• {_plain(item.text)}"
                for item in block.items
            ]
            lines.append("")
        else:
            lines += [block.text.rstrip("\n"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _text_infobox(rendering: Rendering, section: str) -> list[str]:
    box = next((b for b in rendering.infoboxes if b.section == section), None)
    if box is None:
        return []
    colon = _colon(rendering.variant)
    title = f"【{box.title}】" if rendering.variant.is_chinese else f"[{box.title}]"
    return [
        title,
        *(f"  {label}{colon}{value}" if label else f"  {value}" for label, value in _infobox_lines(box, colon)),
        "",
    ]


def _plain(markdown: str) -> str:
    """Inline Markdown as plain text."""
    from markdown_it import MarkdownIt

    if not re.search(r"[*_`\[\]<>&\\!]", markdown):
        return markdown
    tokens = MarkdownIt("commonmark").parseInline(markdown)
    children = (tokens[0].children or []) if tokens else []
    out: list[str] = []
    for token in children:
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif token.type == "image":
            out.append(token.content)
    return "".join(out)
