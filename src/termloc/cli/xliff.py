"""``termloc xliff extract|merge``: the article's units as XLIFF 2.1 for CAT tools, and back into PO."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from termloc.cli.options import Parser, add_glossary_options, catalogs_dir, out
from termloc.cli.po import po_setup
from termloc.core.errors import InputError, VariantError

__all__ = ["add_commands", "cmd_extract", "cmd_merge"]


def _locale(args: argparse.Namespace, registry: Any) -> Any:
    from termloc.translation.catalogs import check_locale

    return check_locale(args.locale, registry)


def cmd_extract(args: argparse.Namespace) -> int:
    """``termloc xliff extract --locale TAG -o FILE``: the units, their hints and the catalog's translations."""
    from termloc.core.files import write_atomic
    from termloc.translation.catalogs import catalog_path, extract, messages_by_id
    from termloc.translation.pofiles import read_catalog
    from termloc.translation.xliff import xliff_document

    document, glossary, registry, chosen = po_setup(args)
    variant = _locale(args, registry)
    template = extract(document, glossary, registry, chosen)
    path = catalog_path(catalogs_dir(args), variant, document.name)
    translations = messages_by_id(read_catalog(path, variant.babel_locale)) if path.is_file() else {}
    data = xliff_document(template, translations, variant, glossary, registry, Path(document.path).name)
    write_atomic(args.output, data, inputs=[path, document.path])
    held = sum(1 for m in translations.values() if m.string)
    out(
        f"wrote {args.output}: {len(template)} units for {variant.tag} as XLIFF 2.1, "
        f"{held} with the catalog's translation" + ("" if path.is_file() else f" (no catalog at {path})")
    )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    """``termloc xliff merge FILE --locale TAG``: the file's translations into the locale's catalog.

    The catalog is merged with the article first, as ``po update`` does;
    a malformed file or one for another language stops with nothing written.
    """
    from termloc.translation.catalogs import catalog_path, extract, update
    from termloc.translation.pofiles import write_catalog
    from termloc.translation.xliff_merge import merge_units, read_xliff

    document, glossary, registry, chosen = po_setup(args)
    variant = _locale(args, registry)
    xliff = read_xliff(Path(args.file))
    try:
        language = registry.normalise(xliff.target_language)
    except VariantError:
        language = None
    if language != variant.tag:
        hint = f"; merge it with --locale {language}" if language else ", a locale termloc does not declare"
        problem = f"trgLang {xliff.target_language!r} is not {variant.tag}{hint}"
        raise InputError(args.file, problem, xliff.target_line)
    template = extract(document, glossary, registry, chosen)
    path = catalog_path(catalogs_dir(args, writing=True), variant, document.name)
    catalog, _ = update(template, path, variant)
    result = merge_units(catalog, xliff.units)
    write_catalog(path, catalog)
    out(
        f"merged {args.file} into {path}: {result.taken} translations ({result.changed} new or changed), "
        f"{result.fuzzy} fuzzy on a changed source, {result.obsolete} kept as obsolete (#~), "
        f"{result.untranslated} units without a target"
    )
    return 0


def add_commands(commands: Any) -> None:
    """Add ``xliff extract|merge`` to the top-level subcommands."""
    xliff = commands.add_parser("xliff", help="the article as XLIFF 2.1 for CAT tools, and back into PO")
    sub = xliff.add_subparsers(dest="xliff_command", metavar="COMMAND", parser_class=Parser)
    sub.required = True

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--locale", required=True, metavar="TAG", help="ko, ko-KP, ru, en, zh-TW ...")
        parser.add_argument("--article", metavar="FILE", help="the article (default: termloc's own)")
        parser.add_argument("--locales-dir", metavar="DIR", help="catalog folder (default: ./locales)")
        add_glossary_options(parser)

    extract = sub.add_parser("extract", help="write a locale's units, hints and translations as XLIFF 2.1")
    common(extract)
    extract.add_argument("-o", "--output", required=True, metavar="FILE", help="write here (atomically)")
    extract.set_defaults(run=cmd_extract)

    merge = sub.add_parser("merge", help="bring a translated XLIFF file into the locale's PO catalog")
    merge.add_argument("file", metavar="FILE", help="the translated XLIFF file")
    common(merge)
    merge.set_defaults(run=cmd_merge)
