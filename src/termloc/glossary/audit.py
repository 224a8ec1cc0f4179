"""The terminologist's audit of an article against the glossary.

`audit` scans the text the way the converter does (forward longest match
over glossary keys and the variant's stock phrases) and reports:

- a concordance: every glossary match, grouped by entry, with context;
- collisions: a glossary key that loses to a longer key at its spot, or
  that a stock phrase or another key overlaps (朝鲜 before 鲜于);
- OpenCC phrase decisions outside the glossary (words the variant's phrase
  dictionaries convert differently from character by character), ranked;
- proper-name-like runs of transliteration characters no entry covers;
- entries the article never uses;
- shadows: where a higher glossary layer's form hides a lower layer's for
  the same spelling (information, never an error), found in the text or not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from termloc.core import opencc_files
from termloc.core.han import CharTables
from termloc.core.scripts import HAN
from termloc.core.variants import Variant
from termloc.glossary.mapping import Claim, variant_mapping
from termloc.glossary.model import Glossary

__all__ = ["Audit", "audit", "format_audit"]

#: Characters Chinese uses to transliterate foreign names (斯, 夫, 克 ...).
TRANSLITERATION = set(
    "阿埃艾安奥巴拜班邦贝本比彼波伯勃布达戴丹德迪蒂杜多厄恩尔法菲费芬弗福夫盖戈格古哈海汉赫亨胡霍基吉加贾杰金卡凯坎"
    "康柯科克肯库拉莱赖兰朗劳勒雷里利列林卢鲁伦罗洛马迈曼梅门米密姆莫默穆纳内尼涅努诺帕佩彭皮珀普齐奇切乔丘萨塞桑瑟"
    "森沙舍施什斯松苏索塔泰坦汤特图托瓦万威韦维沃乌西希夏谢辛休雅亚扬耶伊因尤约扎泽詹兹娃娜妮莉丽晓契雪廖"
)
#: Characters that mark a run as a foreign name rather than ordinary words.
NAME_MARKERS = set("斯夫克尔娃诺维奇基耶茨姆")
_HAN = re.compile(f"[{HAN}]+")


@dataclass
class Audit:
    """What `audit` found, ready for a table or JSON."""

    variant: str
    concordance: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    collisions: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    phrases: Counter[tuple[str, str]] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    unused: list[str] = field(default_factory=list)
    #: (spelling, winning entry, its output, layer, shadowed entry, its output, layer), in the text or not.
    shadows: list[tuple[str, str, str, int, str, str, int]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "variant": self.variant,
            "concordance": {
                entry: {"count": len(hits), "matches": hits} for entry, hits in sorted(self.concordance.items())
            },
            "collisions": [
                {"key": key, "entry": entry, "meets": other, "count": count}
                for (key, entry, other), count in self.collisions.most_common()
            ],
            "uncovered_phrases": [
                {"text": text, "converted": out, "count": count} for (text, out), count in self.phrases.most_common()
            ],
            "uncovered_names": [{"text": text, "count": count} for text, count in self.names.most_common()],
            "unused_entries": self.unused,
            "shadows": [
                {
                    "key": key,
                    "entry": entry,
                    "output": output,
                    "layer": layer,
                    "shadows": other,
                    "its_output": other_output,
                    "its_layer": other_layer,
                }
                for key, entry, output, layer, other, other_output, other_layer in self.shadows
            ],
        }


def _stock_phrases(config: dict[str, Any]) -> set[str]:
    """Every key of more than one character in the config's ``ocd2`` dictionaries."""
    files: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk([config.get("segmentation"), config["conversion_chain"]])
    phrases: set[str] = set()
    for file in files:
        phrases.update(key for key in opencc_files.read_dictionary(opencc_files.share_dir() / file) if len(key) > 1)
    return phrases


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    before = text[max(0, start - width) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"{before}【{text[start:end]}】{after}"


def audit(text: str, glossary: Glossary, variant: Variant, tables: CharTables) -> Audit:
    """Audit ``text`` against ``glossary`` for ``variant``."""
    import json

    config = json.loads(opencc_files.stock_config(str(variant.opencc_config)).read_text(encoding="utf-8"))
    mapping = variant_mapping(glossary, variant, tables, opencc_safe=False)
    scan = _Scan(text, mapping.claims, _stock_phrases(config), variant, Audit(variant.tag))
    scan.result.shadows = sorted(
        {
            (s.key, s.first.entry.id, s.first.output, s.first.layer, s.second.entry.id, s.second.output, s.second.layer)
            for s in mapping.shadows
        }
    )
    uncovered = scan.run()
    scan.result.names = name_like(text, uncovered)
    used = set(scan.result.concordance)
    scan.result.unused = [entry.id for entry in glossary.entries if entry.id not in used]
    return scan.result


class _Scan:
    """The converter's scan of a text: forward longest match over glossary keys and stock phrases."""

    def __init__(self, text: str, claims: dict[str, Claim], stock: set[str], variant: Variant, result: Audit) -> None:
        self.text = text
        self.claims = claims
        self.stock = stock
        self.longest = max([len(k) for k in claims] + [len(k) for k in stock] + [1])
        self.plain = opencc_files.converter(str(variant.opencc_config))
        self.chars = opencc_files.converter(str(variant.character_config))
        self.result = result

    def run(self) -> list[tuple[int, int]]:
        """Scan the whole text; return the runs no glossary key covers."""
        position = 0
        uncovered: list[tuple[int, int]] = []
        run_start: int | None = None
        while position < len(self.text):
            window = self.text[position : position + self.longest]
            glossary_len = next((n for n in range(len(window), 0, -1) if window[:n] in self.claims), 0)
            stock_len = next((n for n in range(len(window), 1, -1) if window[:n] in self.stock), 0)
            if glossary_len and glossary_len >= stock_len:
                self._match(window[:glossary_len], position)
                if run_start is not None:
                    uncovered.append((run_start, position))
                    run_start = None
                position += glossary_len
                continue
            if glossary_len:  # a longer stock phrase wins over a glossary key
                shorter = window[:glossary_len]
                self.result.collisions[
                    (shorter, self.claims[shorter].entry.id, f"{window[:stock_len]} (stock phrase)")
                ] += 1
            if run_start is None:
                run_start = position
            if stock_len:
                self._phrase(window[:stock_len])
            position += stock_len or 1
        if run_start is not None:
            uncovered.append((run_start, len(self.text)))
        return uncovered

    def _match(self, key: str, position: int) -> None:
        """A glossary key won at ``position``: its concordance line, and keys that overlap its end."""
        claim = self.claims[key]
        end = position + len(key)
        self.result.concordance.setdefault(claim.entry.id, []).append(
            {"offset": position, "text": key, "output": claim.output, "context": _context(self.text, position, end)}
        )
        for inner in range(position + 1, end):  # keys that start inside and reach past the match
            rest = self.text[inner : inner + self.longest]
            for n in range(len(rest), end - inner, -1):
                if rest[:n] in self.stock or rest[:n] in self.claims:
                    other = self.claims[rest[:n]].entry.id if rest[:n] in self.claims else "stock phrase"
                    self.result.collisions[(key, claim.entry.id, f"{rest[:n]} ({other})")] += 1
                    break

    def _phrase(self, phrase: str) -> None:
        """A stock phrase outside the glossary: noted where it converts unlike its characters."""
        converted = self.plain.convert(phrase)
        if converted != self.chars.convert(phrase) and _HAN.fullmatch(phrase):
            self.result.phrases[(phrase, converted)] += 1


def name_like(text: str, runs: list[tuple[int, int]]) -> Counter[str]:
    """Runs of transliteration characters that look like foreign names, in the uncovered ``runs``."""
    names: Counter[str] = Counter()
    for start, end in runs:
        for found in re.finditer(f"[{''.join(sorted(TRANSLITERATION))}]{{3,}}", text[start:end]):
            name = found.group()
            markers = sum(c in NAME_MARKERS for c in name)
            if markers >= 2 or (markers and len(name) >= 4):
                names[name] += 1
    return names


def format_audit(audits: Iterable[Audit]) -> str:
    """The audits as plain-text tables."""
    lines: list[str] = []
    for item in audits:
        lines.append(f"== {item.variant}")
        total = sum(len(hits) for hits in item.concordance.values())
        lines.append(f"concordance: {total} matches of {len(item.concordance)} entries")
        for entry, hits in sorted(item.concordance.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"  {entry:<36} {len(hits):>4}  {hits[0]['text']} → {hits[0]['output']}")
            for hit in hits[:3]:
                lines.append(f"      …{hit['context']}…")
        lines.append(f"collisions (a key meets a longer or overlapping one): {len(item.collisions)}")
        for (key, entry, other), count in item.collisions.most_common():
            lines.append(f"  {key} ({entry}) meets {other}: {count}")
        lines.append(f"OpenCC phrase decisions outside the glossary: {len(item.phrases)}")
        for (phrase, out), count in item.phrases.most_common(30):
            lines.append(f"  {phrase} → {out}: {count}")
        lines.append(f"proper-name-like strings with no entry: {len(item.names)}")
        for name, count in item.names.most_common():
            lines.append(f"  {name}: {count}")
        lines.append(f"entries the article never uses: {len(item.unused)}")
        if item.unused:
            lines.append("  " + ", ".join(item.unused))
        if item.shadows:
            lines.append(f"spellings a higher glossary layer holds over a lower one (not errors): {len(item.shadows)}")
            for key, entry, output, layer, other, other_output, other_layer in item.shadows[:30]:
                lines.append(
                    f"  {key}: {output} ({entry}, layer {layer}) over {other_output} ({other}, layer {other_layer})"
                )
    return "\n".join(lines)
