"""The glossary compiled into OpenCC dictionaries and configs, cached.

For a variant, the stock OpenCC config is rewritten so that

- the glossary's input → output table is merged into the segmenter's and
  the first conversion stage's dictionaries: the longest key wins across
  glossary and stock phrases, and the glossary wins ties;
- every later stage gets an identity table of the glossary outputs it would
  change, so a later stage (s2twp's Taiwan phrases) cannot rewrite a
  glossary form;
- each dictionary node (a group of OpenCC's files) becomes one dictionary in
  OpenCC's Darts format that matches exactly as the group does, which
  OpenCC loads and runs faster than the stock group (see `_Merger`).

The result lives in the user cache under a digest of everything it depends
on (glossary and locale file contents, OpenCC's version, this format), so a
second run reads no YAML at all (and, through `termloc.core.digests`, hashes no
unchanged glossary file).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from termloc.core import opencc_files, resources
from termloc.core.cache import CacheWarning, intact, seal, writing
from termloc.core.cache import folder as cache_folder
from termloc.core.variants import Variant, VariantRegistry
from termloc.glossary.selection import GlossarySelection

__all__ = ["FORMAT", "LETTERS", "TRADITIONAL_CONFIG", "compiled_config", "glossary_digest"]

#: Bumped whenever the layout or meaning of compiled files changes.
FORMAT = "termloc-compiled-28"


def glossary_digest(files: Sequence[Path], groups: Sequence[str] | None, extra: str = "") -> str:
    """A digest of the glossary files' contents and everything else that matters.

    File contents are hashed once and then recognised by their stat
    signature (`termloc.core.digests`).
    """
    from termloc.core.digests import contents_digest

    # OpenCC's folder is in the digest: two installations sharing one cache keep an entry each.
    version = f"{opencc_files.version()}\0{opencc_files.share_dir()}"
    selected = "\0".join(sorted(groups)) if groups is not None else "*"
    locales = sorted(resources.locales_dir().glob("*.yaml"))
    return contents_digest(f"{FORMAT}\0{version}\0{extra}\0{selected}", [*files, *locales])


def _absolute(node: Any, share: Path) -> Any:
    if isinstance(node, dict):
        return {
            k: (str(share / v) if k == "file" and not os.path.isabs(v) else _absolute(v, share))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_absolute(item, share) for item in node]
    return node


class _Merger:
    """Writes the dictionaries of a compiled config.

    Wherever it is exact, a dictionary node of the stock config (a group of
    files, however nested) becomes one dictionary in OpenCC's Darts format
    (``.ocd``), with the termloc table merged in first. OpenCC runs a single
    Darts dictionary on its fast path: a double-array lookup per position
    and no hash tables to build when it loads, where a group makes OpenCC
    build hash tables of every member and look a position up once per
    member (measured on the article: a glossary merged into the first file
    of t2s's group ran at 0.73x OpenCC's t2s, the flattened Darts dictionary
    at 1.0x; s2twp flattened alone, no glossary, converts 1.5x as fast as
    stock and loads in a third of the time). Single Marisa dictionaries
    (``.ocd2``) also take the fast path but look up 2x slower.

    A node `flatten` cannot read (anything but OpenCC's own ``ocd2`` files
    and groups) stays as it is, the table merged into its first file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # where files are written; the config names them relative to itself
        self.made: dict[tuple[str, str, int], str] = {}

    def compile(self, node: dict[str, Any], label: str, table: Mapping[str, str]) -> dict[str, Any]:
        """``node`` with ``table`` merged in, ``table`` winning ties."""
        entries = flatten(node)
        if entries is None:
            return self._merge_first(node, label, table) if table else node
        return self._write(label, json.dumps(node, sort_keys=True), entries, table, ".ocd")

    def _merge_first(self, node: dict[str, Any], label: str, table: Mapping[str, str]) -> dict[str, Any]:
        """``node`` with its first file merged with ``table``."""
        if node.get("type") == "group":
            first, *rest = node["dicts"]
            return {**node, "dicts": [self._merge_first(first, label, table), *rest]}
        return self._write(label, node["file"], _stock_entries(Path(node["file"])), table, ".ocd2")

    def _write(
        self, label: str, source: str, entries: Mapping[str, str], table: Mapping[str, str], suffix: str
    ) -> dict[str, Any]:
        key = (label + suffix, source, hash(frozenset(table.items())))
        if key not in self.made:
            name = f"{label}-{len(self.made)}{suffix}"
            merged = dict(table)
            for stock_key, value in entries.items():
                merged.setdefault(stock_key, value)
            opencc_files.compile_dictionary(merged, self.folder / name)
            self.made[key] = name
        return {"type": suffix[1:], "file": self.made[key]}  # beside the config: the cache can move


#: Reads a file node's entries (None: it cannot be read).
Reader = Callable[[dict[str, Any]], Mapping[str, str] | None]


def flatten(node: dict[str, Any], read: Reader | None = None) -> dict[str, str] | None:
    """One dictionary that matches as the dictionary node ``node`` does, under
    OpenCC's rule for a single dictionary (the longest key wins), or None if
    the node is not made of OpenCC's own ``ocd2`` files and groups.

    A union group matches that way by definition; on a tie the earlier
    member's entry is kept. A short-circuit group takes the first member with
    any match, so a later member's key that extends a key of an earlier
    member can never be chosen (wherever it matches, the shorter key of the
    earlier member matches too); it is left out, and then the longest key
    left is always the short-circuit's choice. (tw2sp's first stage has two
    such keys: 高級管理人才 behind 高級, 宏內核 behind 宏.)

    ``read`` gives a file node's entries (None: it cannot); by default only
    OpenCC's own ``ocd2`` files are read.
    """
    if "file" in node:
        if read is not None:
            found = read(node)
            return dict(found) if found is not None else None
        return dict(_stock_entries(Path(node["file"]))) if node.get("type") == "ocd2" else None
    policy = node.get("match_policy")
    if node.get("type") != "group" or policy not in ("union", "short_circuit"):
        return None
    merged: dict[str, str] = {}
    for child in node["dicts"]:
        entries = flatten(child, read)
        if entries is None:
            return None
        earlier = set(merged) if policy == "short_circuit" else set()
        for key, value in entries.items():
            if key in merged or any(key[:end] in earlier for end in range(1, len(key))):
                continue
            merged[key] = value
    return merged


def _stock_entries(path: Path) -> Mapping[str, str]:
    """The entries of one of OpenCC's dictionaries (read once a process; do not change them)."""
    return opencc_files.read_dictionary(path)


def rewrite_config(
    stock: dict[str, Any],
    table: Mapping[str, str],
    merger: _Merger,
    *,
    prune: bool = True,
    prunable: Collection[str] | None = None,
    held: Mapping[str, Collection[str]] | None = None,
    regional: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The stock config with the glossary merged in and its outputs protected.

    ``held`` names, by file name, keys of OpenCC's phrase lists to hold back
    (`termloc.glossary.phrases`): their stage writes them as it would without that
    file, and the glossary still wins over them. ``regional`` holds entries of the
    variant's locale for the first stage (`regional_entries`), below the glossary.

    Every dictionary node is compiled by ``merger`` (flattened where exact);
    ``prune=False`` keeps keys proved redundant (for tests that prove it);
    ``prunable`` limits the keys tried (None: all). `_build` tries the
    glossaries' own keys, not the reference's: those are tens of thousands,
    a proof costs about 50 µs a key (a second or more on a cold start), and
    the 5% of them it proves change no measured speed (20 MB, zh-TW, with
    and without: the same within 2%).
    """
    config: dict[str, Any] = _absolute(stock, opencc_files.share_dir())
    config["name"] = f"{config.get('name', '')} + termloc glossary"
    if prune and table:
        table = _without_redundant(table, config, prunable)
    for step in config.get("normalization", []):
        step["dict"] = merger.compile(step["dict"], "normalization", {})
    if "dict" in config.get("segmentation", {}):
        segments = {**(regional or {}), **table}  # a regional phrase is a segment as a glossary key is
        config["segmentation"]["dict"] = merger.compile(config["segmentation"]["dict"], "glossary", segments)
    chain = config["conversion_chain"]
    # A later stage sees the glossary's output as a segment of its own: an
    # identity entry keeps the stage from rewriting it. Only outputs the
    # stage would change need one (支持 → 支援 in s2twp's Taiwan phrases).
    outputs = sorted(set(table.values()))
    protect = [_changed_by(stage, outputs, merger.folder) if outputs else [] for stage in chain[1:]]
    without = [_without_held(stage, held, merger.folder) if held else {} for stage in chain]
    first = {**(regional or {}), **without[0], **table}
    chain[0]["dict"] = merger.compile(chain[0]["dict"], "glossary", first)
    for stage, changed, kept in zip(chain[1:], protect, without[1:], strict=True):
        stage["dict"] = merger.compile(stage["dict"], "protect", {**kept, **{out: out for out in changed}})
    return config


@cache
def regional_entries(variant: Variant) -> Mapping[str, str]:
    """What the variant's locale changes in the first conversion stage of its stock config, made once a
    process for the compiles and the explainer (do not change the mapping).

    The entries of the dictionaries it ``also_reads`` whose key holds a character that is not
    Simplified, each writing what the whole config writes for the entry's value (衞 → 卫: the
    value 衛 through tw2sp or t2s; 着, 温, 户 are Simplified too and stay as the config writes
    them), and every entry of the stage whose output writes a
    character the locale ``keeps`` where the key has the kept one (STPhrases' 台湾 → 臺灣
    becomes 台湾 → 台灣 in zh-TW, STCharacters' 台 → 臺 becomes 台 → 台; 台风 → 颱風 stays).
    """
    from termloc.core.han import char_tables

    found: dict[str, str] = {}
    if variant.also_reads:
        tables = char_tables()
        simplified = set(tables.st) | {c for values in tables.ts.values() for c in values if len(c) == 1}
        read: dict[str, str] = {}
        for name in variant.also_reads:
            for key, value in _stock_entries(opencc_files.stock_dictionary(name)).items():
                if any(char not in simplified for char in key):
                    read.setdefault(key, value.split(" ", 1)[0])
        config = opencc_files.open_config(opencc_files.stock_config(str(variant.opencc_config)))
        found.update(zip(read, opencc_files.convert_many(config, list(read.values())), strict=True))
    if variant.keeps:
        keeps = set(variant.keeps)
        stock = json.loads(opencc_files.stock_config(str(variant.opencc_config)).read_text(encoding="utf-8"))
        node = _absolute(stock, opencc_files.share_dir())["conversion_chain"][0]["dict"]
        written_by = {w for w, _ in keeps}
        # The few entries that write a kept character are found file by file, then resolved as the
        # flattened stage would (`flatten` of the whole stage costs a third of a second).
        candidates = {
            key
            for leaf in _files(node)
            for key, value in _stock_entries(Path(leaf["file"])).items()
            if written_by.intersection(value.split(" ", 1)[0])
        }
        for key in sorted(candidates):
            written, *others = (_resolved(node, key) or "").split(" ")
            if len(written) != len(key) or not any(pair in keeps for pair in zip(written, key, strict=True)):
                continue
            kept = "".join(k if (w, k) in keeps else w for w, k in zip(written, key, strict=True))
            found[key] = " ".join(dict.fromkeys([kept, *others]))
    return found


def _resolved(node: dict[str, Any], key: str) -> str | None:
    """The value `flatten` of ``node`` gives ``key`` (None: no entry, or shadowed), without flattening it."""
    if "file" in node:
        return _stock_entries(Path(node["file"])).get(key)
    earlier: list[dict[str, Any]] = []
    for child in node["dicts"]:
        if node.get("match_policy") == "short_circuit" and any(
            _resolved(before, key[:end]) is not None for before in earlier for end in range(1, len(key))
        ):
            return None  # an earlier member's shorter key always matches first
        value = _resolved(child, key)
        if value is not None:
            return value
        earlier.append(child)
    return None


def _without_held(stage: dict[str, Any], held: Mapping[str, Collection[str]], folder: Path) -> dict[str, str]:
    """Each held key of a file in ``stage`` → what the stage writes for it without the held files."""
    keys = sorted({key for leaf in _files(stage["dict"]) for key in held.get(Path(leaf["file"]).name, ())})
    if not keys:
        return {}
    rest = _pruned(stage["dict"], frozenset(held))
    if rest is None:
        return {key: key for key in keys}
    return dict(zip(keys, _stage_outputs({"dict": rest}, keys, folder), strict=True))


def _files(node: dict[str, Any]) -> list[dict[str, Any]]:
    """Every file node under ``node``."""
    if "file" in node:
        return [node]
    return [leaf for child in node.get("dicts", []) for leaf in _files(child)]


def _pruned(node: dict[str, Any], names: frozenset[str]) -> dict[str, Any] | None:
    """``node`` without its files named ``names`` (None: nothing is left)."""
    if "file" in node:
        return None if Path(node["file"]).name in names else node
    children = [kept for child in node.get("dicts", []) if (kept := _pruned(child, names)) is not None]
    return {**node, "dicts": children} if children else None


def _without_redundant(
    table: Mapping[str, str], config: dict[str, Any], prunable: Collection[str] | None = None
) -> Mapping[str, str]:
    """``table`` less the keys OpenCC gets right anyway (see `termloc.engine.redundancy`).

    For configs whose first stage is a short-circuit group of a phrase
    dictionary (a file, or a union of files) and single-character ones, and
    whose segmenter, if any, uses that same phrase dictionary (t2s, s2t,
    s2tw, s2twp, s2hk); any other config keeps the whole table.
    """
    from termloc.engine.redundancy import Stage, redundant_keys

    chain = config["conversion_chain"]
    node = chain[0]["dict"]
    if node.get("type") != "group" or node.get("match_policy") != "short_circuit":
        return table
    first, *rest = node["dicts"]
    if "segmentation" in config and config["segmentation"]["dict"] != first:
        return table
    phrases = _leaves(first)
    if phrases is None or any("file" not in leaf for leaf in rest):
        return table
    characters = [_stock_entries(Path(leaf["file"])) for leaf in rest]
    if any(len(key) > 1 for entries in characters for key in entries):
        return table
    later: list[Mapping[str, str]] = []
    for stage in chain[1:]:
        leaves = _leaves(stage["dict"], any_policy=True)
        if leaves is None:
            return table
        later += [_stock_entries(Path(leaf["file"])) for leaf in leaves]
    stock = [_stock_entries(Path(leaf["file"])) for leaf in phrases]
    # Only a key the stock config already converts to its glossary output can be proved redundant
    # without a glossary key inside it; one OpenCC call sorts them out (a key it keeps is kept:
    # never wrong, only less pruned), where a proof costs ~70 µs a key.
    keys = list(table) if prunable is None else [key for key in prunable if key in table]
    candidates = [key for key, out in zip(keys, _stock_outputs(config, keys), strict=True) if out == table[key]]
    redundant = redundant_keys(table, Stage(stock, characters, later), candidates)
    return {key: value for key, value in table.items() if key not in redundant}


def _stock_outputs(config: dict[str, Any], texts: list[str]) -> list[str]:
    """Each of ``texts`` as ``config`` (stock, its paths absolute) converts it."""
    with tempfile.TemporaryDirectory(prefix="termloc-stock-") as folder:
        path = Path(folder) / "stock.json"
        path.write_text(json.dumps(config), encoding="utf-8")
        return opencc_files.convert_many(opencc_files.open_config(path), texts)


def _leaves(node: dict[str, Any], *, any_policy: bool = False) -> list[dict[str, Any]] | None:
    """The files of a file node or a union group of files (of any group with ``any_policy``)."""
    if "file" in node:
        return [node]
    if node.get("type") != "group" or (node.get("match_policy") != "union" and not any_policy):
        return None
    leaves = [leaf for leaf in node["dicts"] if "file" in leaf]
    return leaves if len(leaves) == len(node["dicts"]) else None


def _changed_by(stage: dict[str, Any], texts: Sequence[str], folder: Path) -> list[str]:
    """The ``texts`` that one conversion stage, run alone, would change."""
    return [text for text, out in zip(texts, _stage_outputs(stage, texts, folder), strict=True) if out != text]


def _stage_outputs(stage: dict[str, Any], texts: Sequence[str], folder: Path) -> list[str]:
    """Each of ``texts`` as one conversion stage, run alone, writes it."""
    path = folder / f"stage-{len(list(folder.glob('stage-*.json')))}.json"
    path.write_text(json.dumps({"name": "one stage", "conversion_chain": [stage]}), encoding="utf-8")
    try:
        return opencc_files.convert_many(opencc_files.open_config(path), list(texts))
    finally:
        path.unlink()


def _build(variant: Variant, selection: GlossarySelection, registry: VariantRegistry, folder: Path) -> None:
    from termloc.core.han import char_tables
    from termloc.glossary.mapping import variant_mapping

    glossary = selection.load(registry)
    mapping = variant_mapping(glossary, variant, char_tables())
    table = mapping.table()
    held = _held(selection)
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{variant.tag}."))
    try:
        stock = json.loads(opencc_files.stock_config(str(variant.opencc_config)).read_text(encoding="utf-8"))
        regional = regional_entries(variant)
        glossaries = [key for key, claim in mapping.claims.items() if not claim.reference]
        if held or regional:  # a key proved redundant by a held phrase or a regional entry would lose its form
            pieces = {key for keys in held.values() for key in keys} | set(regional)
            glossaries = [key for key in glossaries if next(_pieces(key, pieces), None) is None]
        config = rewrite_config(stock, table, _Merger(work), prunable=glossaries, held=held, regional=regional)
        (work / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
        (work / "table.json").write_text(json.dumps(table, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        if variant.script == "Hant":
            own = {key: claim.output for key, claim in mapping.claims.items() if not claim.reference}
            _write_traditional_path({**dict(variant.traditional_characters), **own}, work)
        seal(work)
        try:
            os.rename(work, folder)
        except OSError:
            if not (folder / "config.json").is_file():
                raise
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def _held(selection: GlossarySelection) -> dict[str, frozenset[str]]:
    """The phrases of OpenCC's lists to hold back for ``selection`` (none with the reference off)."""
    if not selection.topical:
        return {}
    from termloc.glossary.phrases import held_phrases
    from termloc.glossary.reference import reference

    return held_phrases(reference(), selection.reference)


def _pieces(key: str, pieces: Collection[str]) -> Iterator[str]:
    """The substrings of ``key`` that are in ``pieces``."""
    return (key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1) if key[i:j] in pieces)


#: The files of the path Traditional input takes into a Traditional variant.
TRADITIONAL_CONFIG = "traditional.json"
LETTERS = "letters.json"


def _write_traditional_path(table: Mapping[str, str], work: Path) -> None:
    """The config Traditional text takes into a Traditional variant: the glossaries' table alone.

    Traditional input is already in the variant's script and its writer's
    regional choices: only the forms of the glossaries named and the characters the
    locale names (``traditional_characters``: zh-TW writes 著 for 着) change (not the
    reference's: a Taiwan page that writes 澳大利亞 keeps it, where the
    reference's general groups give 澳洲), and OpenCC's Simplified-to-Traditional stages
    never see it (克里姆林宮 stays, never 克裡姆林宮; 娘家 never 孃家). With an
    empty table there is no config: Traditional text passes unchanged.
    ``letters.json`` holds the characters only one script writes, for
    `termloc.core.han.ScriptRuns`.
    """
    from termloc.core.han import ScriptRuns, char_tables

    runs = ScriptRuns.of(char_tables())
    letters = {"traditional": runs.traditional, "simplified": runs.simplified}
    (work / LETTERS).write_text(json.dumps(letters, ensure_ascii=False), encoding="utf-8")
    if not table:
        return
    opencc_files.compile_dictionary(dict(table), work / "traditional.ocd")
    node = {"type": "ocd", "file": "traditional.ocd"}
    config: dict[str, Any] = {
        "name": "Traditional input: the termloc glossary alone",
        "segmentation": {"type": "mmseg", "dict": node},
        "conversion_chain": [{"dict": node}],
    }
    (work / TRADITIONAL_CONFIG).write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")


def compiled_config(
    variant: Variant, selection: GlossarySelection, registry: VariantRegistry, *, rebuild: bool = False
) -> Path:
    """The OpenCC config that applies the selected glossary for ``variant``.

    Compiles on first use and caches by content digest; raises `InputError`
    for a glossary path that does not exist, `GlossaryError` when the
    glossary is invalid and `UsageError` for an unknown group (a selection
    that fails never reaches the cache). A cached entry is used only when
    it is whole (`termloc.core.cache.intact`; OpenCC's folder is in the
    digest); else, or with ``rebuild``, it is made again.
    """
    files = [*selection.files(), *selection.reference_files(), *selection.phrase_files()]
    layers = "\0".join(("topical" if selection.topical else "", *selection.reference))
    digest = glossary_digest(files, selection.groups, layers)
    folder = cache_folder() / "glossary" / digest / variant.tag
    if not rebuild and intact(folder):
        return folder / "config.json"
    if folder.exists():
        if not rebuild:
            warnings.warn(f"the cached glossary {str(folder)!r} was damaged; made it again", CacheWarning, stacklevel=2)
        shutil.rmtree(folder, ignore_errors=True)
    with writing(folder):
        _build(variant, selection, registry, folder)
    return folder / "config.json"
