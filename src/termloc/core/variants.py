"""Variants and locales: what each target is, read from ``locales/*.yaml``.

Nothing about a variant is hard-coded in the code: its OpenCC config, its
fallback chain, its quotation marks and its names all come from its YAML
file. Tags are BCP 47; MediaWiki codes and longer BCP 47 forms are accepted
as aliases and normalised.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from termloc.core import resources
from termloc.core.errors import InputError, VariantError

__all__ = ["Avoided", "HanText", "Variant", "VariantRegistry", "load_variants"]


#: Which manual rules apply to running text: all, or one-way ones only (MediaWiki's zh-hans, zh-hant).
ManualRules = Literal["two-way", "one-way"]

#: Where a translation into the locale may hold Chinese characters (check P006): anywhere
#: (Chinese, Japanese); only in a quoted original of the source; or also in a hanja gloss
#: in parentheses after a Hangul word (Korean).
HanText = Literal["anywhere", "quoted", "quoted-or-gloss"]


@dataclass(frozen=True)
class Avoided:
    """A word form of the contrasting locale that a translation must not use (check P003)."""

    #: The other locale's form (러시아 in a ko-KP text).
    word: str
    #: This locale's form (로씨야).
    write: str
    #: True if the form is the other's only at the start of a word (the South's
    #: initial-sound rule: 역사 begins a word, 력 inside one is both states').
    initial: bool = False


@dataclass(frozen=True)
class Variant:
    """One output variant or locale, as declared in ``locales/<tag>.yaml``."""

    tag: str
    name: str
    english_name: str
    script: str
    babel_locale: str
    opencc_config: str | None
    fallbacks: tuple[str, ...]
    aliases: tuple[str, ...]
    quotes: tuple[str, str, str, str] | None
    #: MediaWiki's short name (大陆, 臺灣), for -{D|...}- and -{N|...}- markup.
    mediawiki_name: str | None = None
    #: "two-way": manual rules apply to running text both ways; "one-way":
    #: only one-way rules do (MediaWiki's zh-hans and zh-hant).
    manual_rules: ManualRules = "two-way"
    #: Font families for HTML, in order of preference.
    fonts: tuple[str, ...] = ()
    #: Where the variant stands in lists (menus, tables, the switcher).
    order: int = 0
    #: The full BCP 47 tag for HTML, TBX and catalogs (``zh-Hant-TW``, ``ko-KR``).
    bcp47: str = ""
    #: OpenCC's config that derives a form in this script from the other one.
    derive_config: str | None = None
    #: OpenCC's character-only config into this script.
    character_config: str | None = None
    #: OpenCC's dictionary of regional characters the config writes on purpose.
    regional_characters: str | None = None
    #: Characters the config's first stage writes where the region keeps the input's own:
    #: OpenCC's character → the input's (zh-TW 臺 → 台: 台灣 stays as Simplified 台湾 writes it).
    keeps: tuple[tuple[str, str], ...] = ()
    #: Characters of Traditional input that the variant writes otherwise (zh-TW: Hong Kong's
    #: 着 → Taiwan's 著); Traditional text keeps every other character as written.
    traditional_characters: tuple[tuple[str, str], ...] = ()
    #: OpenCC's dictionaries read into the config's first stage too, below its own entries
    #: (zh-CN: Hong Kong's variant characters, which tw2sp does not know: 衞生 → 卫生).
    also_reads: tuple[str, ...] = ()
    #: The locale whose differing spellings this one must not use (ko ↔ ko-KP).
    contrasts_with: str | None = None
    #: The name of the locale's spelling standard in messages (South Korean).
    standard: str | None = None
    #: True if the variant's forms are shown beside a glossary term (term cards, translators' hints).
    hint: bool = False
    #: True for a script-only variant (zh-Hans, zh-Hant), as MediaWiki's: a term row
    #: applies to it only where it names the variant; elsewhere text is
    #: script-converted, not regionalised (see `termloc.glossary.model.Row`).
    script_only: bool = False
    #: Where a translation may hold Chinese characters (check P006).
    han: HanText = "anywhere"
    #: Words that may open a quoted original in brackets: 원제 in (원제: 普京开始访问朝鲜).
    original_labels: tuple[str, ...] = ()
    #: The contrasting locale's word forms this one does not use, beyond the glossary's (check P003).
    avoid: tuple[Avoided, ...] = ()
    #: The version's name in its own language where a reader picks it from a menu (the
    #: variant switcher, the site's index): 조선말, Русский; ``name`` where the file gives none.
    autonym: str = ""
    #: Weblate's language code (``zh_Hant_HK``, ``ko``), for TBX v2; None where Weblate has no
    #: language for the variant (its zh_Hans and zh_Hant are zh-CN and zh-TW).
    weblate: str | None = None

    @property
    def mediawiki_code(self) -> str:
        """The variant's MediaWiki code (``zh-tw``)."""
        return self.tag.lower()

    @property
    def is_chinese(self) -> bool:
        """True for the Chinese variants, which OpenCC converts."""
        return self.opencc_config is not None

    @property
    def chain(self) -> tuple[str, ...]:
        """The variant itself followed by its fallbacks, in order."""
        return (self.tag, *self.fallbacks)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready description of the variant."""
        return {
            "tag": self.tag,
            "name": self.name,
            "english_name": self.english_name,
            "script": self.script,
            "babel_locale": self.babel_locale,
            "opencc_config": self.opencc_config,
            "fallbacks": list(self.fallbacks),
            "aliases": list(self.aliases),
            "quotes": list(self.quotes) if self.quotes else None,
            "mediawiki_name": self.mediawiki_name,
            "fonts": list(self.fonts),
            "order": self.order,
            "bcp47": self.bcp47,
            "derive_config": self.derive_config,
            "character_config": self.character_config,
            "regional_characters": self.regional_characters,
            "keeps": dict(self.keeps),
            "traditional_characters": dict(self.traditional_characters),
            "also_reads": list(self.also_reads),
            "contrasts_with": self.contrasts_with,
            "standard": self.standard,
            "hint": self.hint,
            "han": self.han,
            "original_labels": list(self.original_labels),
            "avoid": [{"word": a.word, "write": a.write, "initial": a.initial} for a in self.avoid],
            "autonym": self.autonym,
            "weblate": self.weblate,
        }


class VariantRegistry(Mapping[str, Variant]):
    """The declared variants by tag, with alias-aware lookup."""

    def __init__(self, variants: list[Variant]) -> None:
        self._by_tag = {v.tag: v for v in variants}
        self._by_key: dict[str, str] = {}
        for v in variants:
            for name in (v.tag, v.bcp47, *v.aliases):
                self._by_key[name.lower()] = v.tag

    def __getitem__(self, tag: str) -> Variant:
        return self._by_tag[tag]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_tag)

    def __len__(self) -> int:
        return len(self._by_tag)

    def normalise(self, tag: str) -> str:
        """Return the canonical tag for ``tag`` (``zh-tw`` → ``zh-TW``).

        Raises `VariantError` for a tag that is neither a declared tag nor an
        alias of one.
        """
        key = tag.strip().replace("_", "-").lower()
        if key in self._by_key:
            return self._by_key[key]
        raise VariantError(tag, list(self._by_tag))

    def get_variant(self, tag: str) -> Variant:
        """The `Variant` for any accepted spelling of its tag."""
        return self._by_tag[self.normalise(tag)]

    @property
    def hints(self) -> list[Variant]:
        """The variants whose forms are shown beside a glossary term (``hint: true``), in order."""
        return [v for v in self._by_tag.values() if v.hint]

    @property
    def chinese(self) -> list[Variant]:
        """The Chinese variants, in their declared order."""
        return [v for v in self._by_tag.values() if v.is_chinese]


def _manual_rules(value: Any, path: Path) -> ManualRules:
    if value == "two-way":
        return "two-way"
    if value == "one-way":
        return "one-way"
    raise InputError(path, f"manual_rules must be 'two-way' or 'one-way', not {value!r}")


def _han(value: Any, path: Path) -> HanText:
    if value == "anywhere":
        return "anywhere"
    if value == "quoted":
        return "quoted"
    if value == "quoted-or-gloss":
        return "quoted-or-gloss"
    raise InputError(path, f"han must be 'anywhere', 'quoted' or 'quoted-or-gloss', not {value!r}")


def _avoided(data: dict[str, Any], path: Path) -> tuple[Avoided, ...]:
    """``avoid`` (anywhere) and ``avoid_initial`` (at a word's start): mappings of the other's word to this one's."""
    found = []
    for key, initial in (("avoid", False), ("avoid_initial", True)):
        words = data.get(key) or {}
        if not isinstance(words, dict):
            raise InputError(path, f"{key} must map the other locale's word to this locale's")
        found += [Avoided(str(word), str(write), initial) for word, write in words.items()]
    return tuple(found)


def _characters(data: dict[str, Any], key: str, path: Path) -> tuple[tuple[str, str], ...]:
    """``keeps`` or ``traditional_characters``: a mapping of single characters to single characters."""
    pairs = data.get(key) or {}
    if not isinstance(pairs, dict) or any(len(str(k)) != 1 or len(str(v)) != 1 for k, v in pairs.items()):
        raise InputError(path, f"{key} must map single characters to single characters")
    return tuple((str(k), str(v)) for k, v in pairs.items())


def _optional(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return None if value is None else str(value)


def _variant_from(data: Any, path: Path) -> Variant:
    if not isinstance(data, dict):
        raise InputError(path, "expected a mapping of variant settings", 1)
    try:
        quotes = data.get("quotes")
        return Variant(
            tag=str(data["tag"]),
            name=str(data["name"]),
            english_name=str(data["english_name"]),
            script=str(data["script"]),
            babel_locale=str(data["babel_locale"]),
            opencc_config=data.get("opencc_config"),
            fallbacks=tuple(data.get("fallbacks") or ()),
            aliases=tuple(data.get("aliases") or ()),
            quotes=tuple(quotes) if quotes else None,
            mediawiki_name=data.get("mediawiki_name"),
            manual_rules=_manual_rules(data.get("manual_rules", "two-way"), path),
            fonts=tuple(str(f) for f in data.get("fonts") or ()),
            order=int(data["order"]),
            bcp47=str(data["bcp47"]),
            derive_config=_optional(data, "derive_config"),
            character_config=_optional(data, "character_config"),
            regional_characters=_optional(data, "regional_characters"),
            keeps=_characters(data, "keeps", path),
            traditional_characters=_characters(data, "traditional_characters", path),
            also_reads=tuple(str(name) for name in data.get("also_reads") or ()),
            contrasts_with=_optional(data, "contrasts_with"),
            standard=_optional(data, "standard"),
            script_only=bool(data.get("script_only", False)),
            hint=bool(data.get("hint", False)),
            han=_han(data.get("han", "anywhere"), path),
            original_labels=tuple(str(label) for label in data.get("original_labels") or ()),
            avoid=_avoided(data, path),
            autonym=str(data.get("autonym") or data["name"]),
            weblate=_optional(data, "weblate"),
        )
    except KeyError as err:
        raise InputError(path, f"missing setting {err.args[0]!r}", 1) from None


def load_variants(directory: Path | None = None) -> VariantRegistry:
    """Read every ``<tag>.yaml`` in ``directory`` (default: termloc's locales)."""
    # deferred: start-up of the cached conversion path avoids YAML
    from termloc.core.files import read_text
    from termloc.core.yamltext import YAMLInputError, load_yaml

    directory = directory or resources.locales_dir()
    variants = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = load_yaml(read_text(path))
        except YAMLInputError as err:
            raise InputError(path, f"not valid YAML: {err.problem} ({err.hint})", err.line) from None
        variant = _variant_from(data, path)
        if variant.tag != path.stem:
            raise InputError(path, f"tag {variant.tag!r} does not match the file name", 1)
        variants.append(variant)
    variants.sort(key=lambda v: (v.order, v.tag))
    registry = VariantRegistry(variants)
    for variant in variants:
        for fallback in variant.fallbacks:
            if fallback not in registry:
                raise InputError(directory / f"{variant.tag}.yaml", f"unknown fallback {fallback!r}")
        if variant.contrasts_with is not None and variant.contrasts_with not in registry:
            raise InputError(directory / f"{variant.tag}.yaml", f"unknown locale {variant.contrasts_with!r}")
        if variant.is_chinese and variant.derive_config is None:
            raise InputError(directory / f"{variant.tag}.yaml", "a Chinese variant needs a derive_config")
    return registry
