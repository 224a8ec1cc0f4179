"""A compiled converter as bytes, to build once and send to machines that have no glossary.

`pack` reads the compiled OpenCC config of a converter (`termloc.engine.compiler`)
into a `Packed`; `unpack` writes it into the local cache, under the digest of
its bytes, and opens it, once a process. A machine that unpacks needs termloc
and OpenCC but neither the glossary nor the reference: the converter it gets
writes exactly what the packed one writes. With ``siblings``, the converters
of every other Chinese variant go along, for the markup that names them
(``-{zh-tw:…}-`` one-way rules reach them).

    >>> from termloc.engine.converter import Converter
    >>> packed = pack(Converter("zh-TW", reference=["People"]))
    >>> unpack(packed).convert("普京与斯大林")
    '普丁與史達林'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from termloc.core.cache import folder as cache_folder
from termloc.core.cache import intact, seal, writing
from termloc.engine.converter import Converter, Punctuation

__all__ = ["Packed", "pack", "unpack"]


@dataclass(frozen=True)
class Packed:
    """A converter's variant, punctuation and compiled config (``files`` by name; None: OpenCC's own
    config, no glossary), and, for markup, the packed converters of the other variants by MediaWiki code."""

    tag: str
    punctuation: Punctuation
    digest: str
    files: dict[str, bytes] | None
    siblings: dict[str, Packed] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """How many bytes it carries."""
        return sum(map(len, (self.files or {}).values())) + sum(s.size for s in self.siblings.values())


def pack(converter: Converter, *, siblings: bool = False) -> Packed:
    """``converter`` (one that is not ``auto``: its groups chosen) as bytes."""
    if converter.auto:
        raise ValueError("choose the reference groups first (Converter.for_text): auto is chosen per text")
    packed = _packed(converter)
    if not siblings:
        return packed
    others = {
        variant.mediawiki_code: _packed(converter._sibling(variant.mediawiki_code))
        for variant in converter.registry.chinese
        if variant.mediawiki_code and variant.mediawiki_code != converter.variant.mediawiki_code
    }
    return Packed(packed.tag, packed.punctuation, packed.digest, packed.files, others)


def _packed(converter: Converter) -> Packed:
    if converter.selection is None:
        return Packed(converter.variant.tag, converter.punctuation, f"opencc:{converter.variant.tag}", None)
    folder = converter.config.parent
    files = {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return Packed(converter.variant.tag, converter.punctuation, digest.hexdigest()[:32], files)


#: The converters `unpack` has opened in this process, by digest and punctuation.
_OPENED: dict[tuple[str, str], Converter] = {}


def unpack(packed: Packed) -> Converter:
    """The converter ``packed`` holds, written into this machine's cache and opened once a process."""
    key = (packed.digest, packed.punctuation)
    found = _OPENED.get(key)
    if found is None:
        found = _opened(packed)
        found._siblings.update({code: unpack(sibling) for code, sibling in packed.siblings.items()})
        _OPENED[key] = found
    return found


def _opened(packed: Packed) -> Converter:
    if packed.files is None:
        return Converter(packed.tag, glossary=None, reference=None, punctuation=packed.punctuation)
    entry = cache_folder() / "shipped" / packed.digest / packed.tag
    if not intact(entry):
        with writing(entry):
            entry.mkdir(parents=True, exist_ok=True)
            for name, data in packed.files.items():
                (entry / Path(name).name).write_bytes(data)
            seal(entry)
    return Converter.opened(packed.tag, entry / "config.json", punctuation=packed.punctuation)
