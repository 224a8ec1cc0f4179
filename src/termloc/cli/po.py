"""``termloc po ...``: the translator workflow on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termloc.cli.options import Parser, add_glossary_options, catalogs_dir, out, selection
from termloc.core.errors import InputError
from termloc.glossary.selection import GlossarySelection

if TYPE_CHECKING:
    from termloc.core.variants import Variant, VariantRegistry
    from termloc.documents.document import Document
    from termloc.glossary.model import Glossary
    from termloc.translation.catalogs import UpdateResult

__all__ = ["add_commands", "po_locales", "po_setup"]


def po_setup(args: argparse.Namespace) -> tuple[Document, Glossary, VariantRegistry, GlossarySelection]:
    """(document, glossary, registry, the glossary's selection) for a po command."""
    from termloc.core import resources
    from termloc.core.variants import load_variants
    from termloc.documents.document import load_document

    registry = load_variants()
    document = load_document(Path(args.article) if args.article else resources.default_article())
    chosen = selection(args, document) or GlossarySelection.default()
    return document, chosen.load(registry), registry, chosen


def po_locales(args: argparse.Namespace, registry: VariantRegistry) -> list[Variant]:
    from termloc.translation.catalogs import check_locale

    return [check_locale(tag, registry) for value in args.locale for tag in value.split(",") if tag.strip()]


def cmd_extract(args: argparse.Namespace) -> int:
    """``termloc po extract``: the article's template catalog."""
    from termloc.translation.catalogs import extract, template_path
    from termloc.translation.pofiles import write_catalog

    document, glossary, registry, chosen = po_setup(args)
    target = Path(args.output) if args.output else template_path(catalogs_dir(args, writing=True), document.name)
    if not args.force:
        _refuse_to_replace(target)
    catalog = extract(document, glossary, registry, chosen)
    write_catalog(target, catalog)
    out(f"wrote {len(catalog)} messages to {target}")
    return 0


def _refuse_to_replace(target: Path) -> None:
    """`InputError` when ``target`` is a catalog holding translations (or one that cannot be read)."""
    from termloc.translation.catalogs import translations_held
    from termloc.translation.pofiles import read_catalog

    if not target.exists():
        return
    try:
        held = translations_held(read_catalog(target))
    except InputError as err:
        raise InputError(err.path, f"{err.problem}; pass --force to replace it with the template", err.line) from None
    if held:
        problem = (
            f"holds {held} translations, which an empty template would replace; run 'termloc po update "
            "--locale TAG' to merge the template into a catalog, or pass --force to replace it"
        )
        raise InputError(target, problem)


def cmd_update(args: argparse.Namespace) -> int:
    """``termloc po update``: create or merge catalogs from the template.

    Every catalog is merged before any is written: a broken one stops the
    command with nothing changed.
    """
    from termloc.translation.catalogs import catalog_path, template_path, update
    from termloc.translation.pofiles import read_catalog, write_catalog
    from termloc.translation.review import Prefill, prefills

    document, _, registry, chosen = po_setup(args)
    variants = po_locales(args, registry)
    folder = catalogs_dir(args, writing=True)
    pot = template_path(folder, document.name)
    if not pot.is_file():
        raise InputError(pot, "no template; run 'termloc po extract' first")
    template = read_catalog(pot)
    merged = []
    for variant in variants:
        prefill = None
        if variant.is_chinese:

            def prefill(variant: Variant = variant) -> dict[str, Prefill]:
                return prefills(document, variant, registry, chosen, characters=args.review_characters)

        merged.append((variant, *update(template, catalog_path(folder, variant, document.name), variant, prefill)))
    for variant, catalog, result in merged:
        write_catalog(result.path, catalog)
        out(_update_line(variant, len(catalog), result))
    return 0


def _update_line(variant: Variant, messages: int, result: UpdateResult) -> str:
    """What ``po update`` did to one catalog, on one line."""
    how = "created" if result.created else "updated"
    line = (
        f"{how} {result.path}: {messages} messages, {result.new} new, {result.fuzzy} fuzzy with their previous "
        f"source, {result.obsolete} obsolete"
    )
    if result.revived:
        line += f", {result.revived} revived from obsolete"
    if variant.is_chinese:
        line += f", {result.prefilled} pre-filled, {result.review} of {messages} marked fuzzy for review"
        if result.confirmed:
            line += f" ({result.confirmed} confirmed: nothing in them needs review now)"
    if result.charset.replace("-", "").lower() != "utf8":
        line += f"; converted from {result.charset} to UTF-8"
    return line


def cmd_check(args: argparse.Namespace) -> int:
    """``termloc po check``: terminology, numbers and markers of the translations."""
    from termloc.core.han import char_tables
    from termloc.translation.catalogs import catalog_path
    from termloc.translation.checks import check_catalog
    from termloc.translation.pofiles import read_catalog

    document, glossary, registry, _ = po_setup(args)
    findings = []
    variants = po_locales(args, registry)
    for variant in variants:
        path = catalog_path(catalogs_dir(args), variant, document.name)
        catalog = read_catalog(path, variant.babel_locale)
        findings += check_catalog(catalog, path, variant, glossary, registry, char_tables())
    errors = [f for f in findings if f.severity == "error"]
    if args.json:
        out(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            sys.stdout.write(f"{finding}\n")
        notes = len(findings) - len(errors)
        out(f"{len(errors)} errors, {notes} fuzzy messages not checked")
    return 1 if errors else 0


def cmd_stats(args: argparse.Namespace) -> int:
    """``termloc po stats``: how far each catalog is."""
    from termloc.core import resources
    from termloc.core.variants import load_variants
    from termloc.documents.document import load_document
    from termloc.translation.catalogs import catalog_path, stats
    from termloc.translation.pofiles import read_catalog

    registry = load_variants()
    document = load_document(Path(args.article) if args.article else resources.default_article())
    folder = catalogs_dir(args)
    variants = (
        po_locales(args, registry)
        if args.locale
        else [v for v in registry.values() if catalog_path(folder, v, document.name).is_file()]
    )
    rows = [
        stats(read_catalog(catalog_path(folder, v, document.name), v.babel_locale), v.tag, review=v.is_chinese)
        for v in variants
    ]
    if args.json:
        out(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        out(f"no catalogs for {document.name} in {folder}; run 'termloc po update --locale TAG'")
        return 0
    out(f"{'locale':<8} {'units':>5} {'translated':>10} {'fuzzy':>5} {'untranslated':>12} {'words':>6} {'done':>6}")
    for r in rows:
        counts = f"{r.units:>5} {r.translated:>10} {r.fuzzy:>5} {r.untranslated:>12} {r.words:>6}"
        out(f"{r.locale:<8} {counts} {r.percent:>5.1f}%")
    for r in rows:
        if r.review is not None:
            why = "fuzzy, the reasons in #. review: comments"
            out(f"{r.locale}: {r.review} of {r.units} units marked for review ({why})")
    return 0


def add_commands(commands: Any) -> None:
    """Add ``po extract|update|check|stats`` to the top-level subcommands."""
    po = commands.add_parser("po", help="the translator workflow: PO catalogs, checks, statistics")
    sub = po.add_subparsers(dest="po_command", metavar="COMMAND", parser_class=Parser)
    sub.required = True

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("article", nargs="?", help="the article (default: termloc's own)")
        parser.add_argument("--locales-dir", metavar="DIR", help="catalog folder (default: ./locales)")

    extract = sub.add_parser("extract", help="write the template (locales/<article>.pot)")
    common(extract)
    extract.add_argument("-o", "--output", metavar="POT", help="write the template here instead")
    extract.add_argument(
        "--force", action="store_true", help="replace the output even when it is a catalog holding translations"
    )
    add_glossary_options(extract)
    extract.set_defaults(run=cmd_extract)

    update = sub.add_parser("update", help="create or merge a locale's catalog from the template")
    common(update)
    update.add_argument("--locale", action="append", required=True, metavar="TAG", help="ko, ko-KP, ru, en, zh-TW ...")
    update.add_argument(
        "--review-characters",
        action="store_true",
        help="review catalogs: also mark a unit where OpenCC read a character one of several ways (于 → 於 / 于)",
    )
    add_glossary_options(update)
    update.set_defaults(run=cmd_update)

    check = sub.add_parser("check", help="check translations against the glossary")
    common(check)
    check.add_argument("--locale", action="append", required=True, metavar="TAG", help="the catalogs to check")
    check.add_argument("--json", action="store_true", help="print JSON")
    add_glossary_options(check)
    check.set_defaults(run=cmd_check)

    stats = sub.add_parser("stats", help="units, translated, fuzzy, words per catalog")
    common(stats)
    stats.add_argument("--locale", action="append", metavar="TAG", help="only these (default: every catalog)")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(run=cmd_stats)
