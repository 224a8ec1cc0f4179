"""The translator workflow: an article as PO catalogs, written and merged by Babel.

- `extract` makes the template: one message per translation unit (a sentence,
  a heading, a list item, an infobox line, the title), its ``msgid`` the
  unit's zh-Hans rendering (one script for every translator), the original
  and the glossary's forms for each term in extracted comments, and the
  article and line as its location.
- `update` creates or merges a locale's catalog with Babel: changed units
  come back fuzzy with their old translation (``#| msgid``), removed ones
  become obsolete (``#~``); nothing a translator wrote is dropped. Chinese
  variants get review catalogs, pre-filled with termloc's conversion:
  fuzzy, with the reasons in ``#. review:`` comments, only where a
  reviewer is needed (`termloc.translation.review`), confirmed elsewhere; a
  confirmed entry overrides the conversion of that unit in every later render.
- `stats` counts; `termloc.translation.units` cuts the article into units,
  `termloc.translation.checks` checks the translations, and
  `termloc.translation.pofiles` reads and writes the files.

Babel's `Catalog.update` does the merging; `update` works around what it
loses (each workaround says so where it is): a translation obsolete since an
earlier update is revived when its msgid comes back (Babel leaves it in
``#~`` and starts the message empty, and overwrites the ``#~`` entry when
the msgid goes again); the forms ``msgstr[1...]`` of a plural translation
whose template message is singular are kept as comments; repeated
translator comments and the ``#| msgid`` of a message still fuzzy are kept.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import escape

from termloc.core.errors import InputError, UsageError
from termloc.core.scripts import HAN
from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Document
from termloc.glossary.model import Glossary
from termloc.glossary.selection import GlossarySelection
from termloc.translation.pofiles import read_catalog
from termloc.translation.review import Prefill, apply_prefills, marked_for_review
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
    "translations_held",
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
    """What `update` did to a catalog (``charset``: the one it was read in).

    For a review catalog: ``prefilled`` units took termloc's conversion,
    ``review`` units are fuzzy for review (with their reasons), ``confirmed``
    units were fuzzy and are confirmed now that nothing in them needs review.
    """

    path: Path
    created: bool
    new: int
    fuzzy: int
    obsolete: int
    prefilled: int
    revived: int = 0
    charset: str = "utf-8"
    review: int = 0
    confirmed: int = 0


def update(
    template: Catalog,
    path: Path,
    variant: Variant,
    prefill: Callable[[], Mapping[str, Prefill]] | None = None,
) -> tuple[Catalog, UpdateResult]:
    """Create or merge the catalog at ``path`` for ``variant`` from ``template``.

    ``prefill`` (review catalogs: `termloc.translation.review.prefills`)
    gives termloc's conversion of each msgid and its review reasons;
    `apply_prefills` fills the empty translations from it.
    """
    from babel import Locale

    # Catalog.update puts the template's own Message objects into the catalog for the msgids it
    # did not hold: filling one catalog would fill the template, and the next locale's catalog.
    template = copy.deepcopy(template)
    locale = Locale.parse(variant.babel_locale)
    created, revived = not path.exists(), 0
    if created:
        catalog = Catalog(locale=locale, domain=template.domain, project=template.project, fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.language_team = f"{variant.english_name} <{variant.tag}>"
        before: dict[tuple[str, str | None], Message] = {}
    else:
        catalog = read_catalog(path, str(locale))
        revived = _revive_obsolete(catalog, template, path)
        before = {_key(m): m for m in catalog if m.id}
        catalog.update(template, no_fuzzy_matching=False)
        _restore_dropped(catalog, before)
    catalog.revision_date = datetime.now(UTC)
    new = sum(1 for m in catalog if m.id and _key(m) not in before)
    fuzzy = sum(1 for m in catalog if m.id and m.fuzzy and m.previous_id and _key(m) not in before)
    review = apply_prefills(catalog, prefill()) if prefill is not None else None
    result = UpdateResult(path, created, new, fuzzy, len(catalog.obsolete), 0, revived, catalog.charset)
    if review is not None:
        result = replace(result, prefilled=review.prefilled, review=review.review, confirmed=review.confirmed)
    return catalog, result


def _key(message: Message) -> tuple[str, str | None]:
    """A message's msgid (the singular one of a plural) and context."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return msgid, message.context


def _translated(message: Message) -> bool:
    """Whether ``message`` holds a translation (any form of a plural one)."""
    string = message.string
    return any(string) if isinstance(string, (list, tuple)) else bool(string)


def _revive_obsolete(catalog: Catalog, template: Catalog, path: Path) -> int:
    """Bring back the obsolete translations of msgids the template has again; how many.

    Babel leaves them in ``#~`` and starts the message empty, then overwrites
    the ``#~`` entry with the empty message when the msgid goes again. A
    catalog written that way holds a msgid both live and obsolete: the
    translation is kept, and two different translations are refused.
    """
    wanted = {_key(m) for m in template if m.id}
    live = {_key(m): m for m in catalog if m.id}
    revived = 0
    for babel_key, old in list(catalog.obsolete.items()):
        current = live.get(_key(old))
        if current is None and _key(old) not in wanted:
            continue
        if current is None:
            catalog[old.id] = old
            revived += 1
        elif _translated(old) and not _translated(current):
            current.string, current.flags = old.string, current.flags | old.flags
            revived += 1
        elif _translated(old) and old.string != current.string:
            problem = (
                f"msgid {_key(old)[0][:60]!r} has two translations, here (obsolete, #~) and at line "
                f"{current.lineno}; delete the one you do not want"
            )
            raise InputError(path, problem, old.lineno)
        del catalog.obsolete[babel_key]
    return revived


def _restore_dropped(catalog: Catalog, before: dict[tuple[str, str | None], Message]) -> None:
    """Put back what `Catalog.update` dropped from each message it merged.

    Babel keeps one copy of repeated translator comments, drops the
    ``#| msgid`` of a message that stays fuzzy (or replaces it with the
    newer source the translation was not made for), and keeps only
    ``msgstr[0]`` of a plural translation whose template message is singular.
    """
    by_id = {_key(m)[0]: m for m in before.values()}
    for message in catalog:
        exact = before.get(_key(message)) if message.id else None
        source = exact or (by_id.get(message.previous_id[0]) if message.id and message.previous_id else None)
        if source is None:
            continue
        message.user_comments = list(source.user_comments)
        if source.previous_id and (exact is not None or source.fuzzy):
            message.previous_id = list(source.previous_id)
        if isinstance(source.string, (list, tuple)) and isinstance(message.id, str):
            message.previous_id = message.previous_id or list(source.id)
            forms = source.string[1:]
            message.user_comments += [f"msgstr[{i}] {escape(form)}" for i, form in enumerate(forms, 1) if form]


def translation_of(message: Message | None) -> str | None:
    """The usable translation of a message: non-empty and not fuzzy (a plural one's first form;
    an article's units are singular, a plural message comes only from a hand-made catalog).

        >>> translation_of(Message(("狗", "狗们"), ("собака", "собаки")))
        'собака'
    """
    if message is None or message.fuzzy or not _translated(message):
        return None
    string = message.string
    return str(string[0] if isinstance(string, (list, tuple)) else string)


def confirmed_translations(path: Path, variant: Variant) -> dict[str, str]:
    """msgid → translation of every confirmed (non-fuzzy, non-empty) message of a catalog."""
    catalog = read_catalog(path, variant.babel_locale)
    found = {str(m.id): translation_of(m) for m in catalog if m.id}
    return {key: text for key, text in found.items() if text is not None}


# -- stats ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogStats:
    """Counts for one catalog; ``review``: of a review catalog, the fuzzy units triage marked for review."""

    locale: str
    units: int
    translated: int
    fuzzy: int
    untranslated: int
    words: int
    source_words: int
    review: int | None = None

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
        } | ({"review": self.review} if self.review is not None else {})


_WORDS = re.compile(f"[{HAN}]|[^\\W{HAN}]+")


def _words(text: str) -> int:
    """Words as translators count them: each CJK character one, else runs of letters and digits."""
    return len(_WORDS.findall(text))


def stats(catalog: Catalog, tag: str, *, review: bool = False) -> CatalogStats:
    """Units, translated, fuzzy, untranslated and words of ``catalog``; with ``review`` (a
    review catalog), also how many units are fuzzy because triage marked them."""
    messages = [m for m in catalog if m.id]
    translated = [m for m in messages if translation_of(m) is not None]
    fuzzy = [m for m in messages if m.fuzzy and m.string]
    return CatalogStats(
        locale=tag,
        units=len(messages),
        translated=len(translated),
        fuzzy=len(fuzzy),
        untranslated=len(messages) - len(translated) - len(fuzzy),
        words=sum(_words(translation_of(m) or "") for m in translated),
        source_words=sum(_words(str(m.id[0] if isinstance(m.id, (list, tuple)) else m.id)) for m in messages),
        review=sum(1 for m in messages if marked_for_review(m)) if review else None,
    )


def translations_held(catalog: Catalog) -> int:
    """How many messages of ``catalog``, obsolete ones too, hold a translation."""
    return sum(1 for m in [*catalog, *catalog.obsolete.values()] if m.id and _translated(m))


def messages_by_id(catalog: Catalog) -> dict[str, Message]:
    """The catalog's live messages by msgid."""
    return {str(m.id): m for m in catalog if m.id}


def check_locale(tag: str, registry: VariantRegistry) -> Variant:
    """The variant for a catalog locale; the source variant has none."""
    variant = registry.get_variant(tag)
    if variant.tag == SOURCE_VARIANT:
        raise UsageError(f"{SOURCE_VARIANT} is the source of every msgid; it has no catalog")
    return variant
