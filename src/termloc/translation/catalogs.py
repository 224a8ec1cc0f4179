"""The translator workflow: an article as PO catalogs, written and merged by Babel.

- `extract` makes the template: one message per translation unit (a sentence,
  a heading, a list item, an infobox line, the title), its ``msgid`` the
  unit's zh-Hans rendering (one script for every translator), the original
  and the glossary's forms for each term in extracted comments, and the
  article and line as its location.
- `update` creates or merges a locale's catalog with Babel: changed units
  come back fuzzy with their old translation (``#| msgid``), removed ones
  become obsolete (``#~``); nothing a translator wrote is dropped. Chinese
  variants get review catalogs, pre-filled with termloc's conversion and
  marked fuzzy; a reviewed (non-fuzzy) entry overrides the conversion of
  that unit in every later render.
- `stats` counts; `termloc.translation.units` cuts the article into units,
  `termloc.translation.checks` checks the translations, and
  `termloc.translation.pofiles` reads and writes the files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from termloc.core.errors import UsageError
from termloc.core.scripts import HAN
from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Document
from termloc.glossary.model import Glossary
from termloc.glossary.selection import GlossarySelection
from termloc.translation.pofiles import read_catalog
from termloc.translation.units import SOURCE_VARIANT, term_comments, units

__all__ = [
    "CatalogStats",
    "UpdateResult",
    "catalog_path",
    "check_locale",
    "confirmed_translations",
    "extract",
    "messages_by_id",
    "stats",
    "template_path",
    "translation_of",
    "update",
]


def extract(document: Document, glossary: Glossary, registry: VariantRegistry, selection: GlossarySelection) -> Catalog:
    """The template catalog (POT) of ``document``; ``glossary`` is the one loaded from ``selection``."""
    catalog = Catalog(
        domain=document.name,
        project=f"termloc: {document.name}",
        version="1",
        copyright_holder=None,
        charset="utf-8",
        fuzzy=False,
        header_comment=(
            f"# Translation template for {document.title} ({Path(document.path).name}).\n"
            f"# {document.licence or ''} {document.attribution or ''}".rstrip()
        ),
    )
    location = Path(document.path).name
    for unit in units(document, registry, selection):
        comments = [f"{unit.kind}; original: {unit.original}" if unit.original != unit.msgid else unit.kind]
        comments += term_comments(unit.msgid, glossary, registry)
        catalog.add(unit.msgid, locations=[(location, unit.line)], auto_comments=comments)
    return catalog


# -- files ---------------------------------------------------------------------


def template_path(folder: Path, domain: str) -> Path:
    """``<folder>/<domain>.pot``."""
    return folder / f"{domain}.pot"


def catalog_path(folder: Path, variant: Variant, domain: str) -> Path:
    """``<folder>/<ll_CC>/LC_MESSAGES/<domain>.po`` (``ko_KP``, ``zh_Hant_TW``)."""
    return folder / variant.babel_locale / "LC_MESSAGES" / f"{domain}.po"


# -- update ------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateResult:
    """What `update` did to a catalog."""

    path: Path
    created: bool
    new: int
    fuzzy: int
    obsolete: int
    prefilled: int


def update(
    template: Catalog,
    path: Path,
    variant: Variant,
    prefill: Callable[[], dict[str, str]] | None = None,
) -> tuple[Catalog, UpdateResult]:
    """Create or merge the catalog at ``path`` for ``variant`` from ``template``.

    ``prefill`` (review catalogs) gives termloc's rendering of each msgid;
    empty translations are filled from it and marked fuzzy.
    """
    from babel import Locale

    locale = Locale.parse(variant.babel_locale)
    created = not path.exists()
    if created:
        catalog = Catalog(locale=locale, domain=template.domain, project=template.project, fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.language_team = f"{variant.english_name} <{variant.tag}>"
        before: set[str] = set()
    else:
        catalog = read_catalog(path, str(locale))
        before = {str(m.id) for m in catalog if m.id}
        catalog.update(template, no_fuzzy_matching=False)
    catalog.revision_date = datetime.now(UTC)
    new = sum(1 for m in catalog if m.id and str(m.id) not in before)
    fuzzy = sum(1 for m in catalog if m.id and m.fuzzy and m.previous_id and str(m.id) not in before)
    prefilled = 0
    if prefill is not None:
        rendered = prefill()
        for message in catalog:
            if message.id and not message.string and str(message.id) in rendered:
                message.string = rendered[str(message.id)]
                message.flags.add("fuzzy")
                prefilled += 1
    result = UpdateResult(path, created, new, fuzzy, len(catalog.obsolete), prefilled)
    return catalog, result


def translation_of(message: Message | None) -> str | None:
    """The usable translation of a message: non-empty and not fuzzy."""
    if message is None or message.fuzzy or not message.string:
        return None
    return str(message.string)


def confirmed_translations(path: Path, variant: Variant) -> dict[str, str]:
    """msgid → translation of every confirmed (non-fuzzy, non-empty) message of a catalog."""
    catalog = read_catalog(path, variant.babel_locale)
    found = {str(m.id): translation_of(m) for m in catalog if m.id}
    return {key: text for key, text in found.items() if text is not None}


# -- stats ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogStats:
    """Counts for one catalog."""

    locale: str
    units: int
    translated: int
    fuzzy: int
    untranslated: int
    words: int
    source_words: int

    @property
    def percent(self) -> float:
        """Translated units as a percentage of all units."""
        return 100.0 * self.translated / self.units if self.units else 0.0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view."""
        return {
            "locale": self.locale,
            "units": self.units,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "words": self.words,
            "source_words": self.source_words,
            "percent": round(self.percent, 1),
        }


_WORDS = re.compile(f"[{HAN}]|[^\\W{HAN}]+")


def _words(text: str) -> int:
    """Words as translators count them: each CJK character one, else runs of letters and digits."""
    return len(_WORDS.findall(text))


def stats(catalog: Catalog, tag: str) -> CatalogStats:
    """Units, translated, fuzzy, untranslated and words of ``catalog``."""
    messages = [m for m in catalog if m.id]
    translated = [m for m in messages if translation_of(m) is not None]
    fuzzy = [m for m in messages if m.fuzzy and m.string]
    return CatalogStats(
        locale=tag,
        units=len(messages),
        translated=len(translated),
        fuzzy=len(fuzzy),
        untranslated=len(messages) - len(translated) - len(fuzzy),
        words=sum(_words(str(m.string)) for m in translated),
        source_words=sum(_words(str(m.id)) for m in messages),
    )


def messages_by_id(catalog: Catalog) -> dict[str, Message]:
    """The catalog's live messages by msgid."""
    return {str(m.id): m for m in catalog if m.id}


def check_locale(tag: str, registry: VariantRegistry) -> Variant:
    """The variant for a catalog locale; the source variant has none."""
    variant = registry.get_variant(tag)
    if variant.tag == SOURCE_VARIANT:
        raise UsageError(f"{SOURCE_VARIANT} is the source of every msgid; it has no catalog")
    return variant
