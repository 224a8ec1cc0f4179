"""``termloc export`` and ``termloc import``: the glossary in and out of other formats.

This module only builds the parsers and runs the commands; the formats live
in their own modules, imported when a command runs, so that other commands
start without them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from termloc.cli.options import add_glossary_options, inputs, load, out, warn
from termloc.core.errors import TermlocError, UsageError

__all__ = ["add_commands", "cmd_export", "cmd_export_omegat", "cmd_export_tmx", "cmd_import"]

_LICENCE = "Chinese Wikipedia's conversion groups are CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)."


def add_commands(commands: Any) -> None:
    """Add ``export`` and ``import`` to the ``termloc`` command's subparsers."""
    export = commands.add_parser(
        "export", help="write the glossary as TBX, CSV, OpenCC, CGroup or OmegaT glossaries, or the catalogs as TMX"
    )
    formats = export.add_subparsers(dest="export_format", metavar="FORMAT", parser_class=type(export))
    formats.required = True
    helps = {
        "tbx": "TBX-Basic (TBX v3) for terminology tools",
        "csv": "multilingual CSV (one column per language) for spreadsheets and Weblate",
        "opencc": "an OpenCC text dictionary for one variant, for a plain OpenCC config",
        "cgroup": "a Module:CGroup/... Lua page for Chinese Wikipedia",
    }
    for name, text in helps.items():
        parser = formats.add_parser(name, help=text, description=f"Write the glossary as {text}.")
        parser.add_argument("-o", "--output", required=True, metavar="FILE", help="write here (atomically)")
        add_glossary_options(parser)
        if name == "tbx":
            parser.add_argument(
                "--dialect",
                choices=("v3", "v2"),
                default="v3",
                help="v3: TBX-Basic, TBX v3 (default); v2: martif with Weblate's language codes, for Weblate "
                "and the Translate Toolkit",
            )
        if name == "opencc":
            parser.add_argument("--to", required=True, metavar="VARIANT", help="the variant: zh-TW, zh-CN, zh-hk ...")
        if name == "cgroup":
            parser.add_argument("--name", help="the module's name (default: the group's name)")
            parser.add_argument("--description", default="", help="the module's description")
        parser.set_defaults(run=cmd_export)
    omegat = formats.add_parser(
        "omegat",
        help="OmegaT glossaries: one tab-separated .utf8 file per target variant or locale",
        description="Write one OmegaT glossary (.utf8, tab-separated) per target variant or locale into DIR.",
    )
    omegat.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write the files into")
    add_glossary_options(omegat)
    omegat.set_defaults(run=cmd_export_omegat)
    tmx = formats.add_parser(
        "tmx",
        help="TMX 1.4 of the translated catalogs, for translation memories",
        description="Write the article's translated units, every translated locale in each, as TMX 1.4.",
    )
    tmx.add_argument("-o", "--output", required=True, metavar="FILE", help="write here (atomically)")
    tmx.add_argument("--article", metavar="FILE", help="the article (default: termloc's own)")
    tmx.add_argument("--locales-dir", metavar="DIR", help="catalog folder (default: ./locales)")
    tmx.add_argument("--locale", action="append", metavar="TAG", help="only these (default: every catalog)")
    add_glossary_options(tmx)
    tmx.set_defaults(run=cmd_export_tmx)

    importer = commands.add_parser("import", help="write glossary files from TBX, CSV or conversion groups")
    sources = importer.add_subparsers(dest="import_format", metavar="FORMAT", parser_class=type(importer))
    sources.required = True
    for name, nargs, text in (
        ("tbx", None, "a TBX file (TBX v3, or v2 as Weblate and the Translate Toolkit write it)"),
        ("csv", None, "a multilingual CSV file (one column per language tag)"),
        ("cgroup", "+", "conversion groups: JSON files or Module:CGroup Lua pages, or folders of them"),
    ):
        parser = sources.add_parser(name, help=text, description=f"Import {text} as termloc glossary files.")
        parser.add_argument("source", nargs=nargs, metavar="PATH", help="the file" + ("s or folders" if nargs else ""))
        parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write (a new one)")
        parser.add_argument("--force", action="store_true", help="replace the folder if it has files in it")
        parser.set_defaults(run=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    """``termloc export FORMAT -o FILE``: write the glossary in another format."""
    from termloc.core.files import write_atomic
    from termloc.core.variants import load_variants

    registry = load_variants()
    glossary = load(args)
    entries = len(glossary.entries)
    if args.export_format == "tbx" and args.dialect == "v2":
        from termloc.core.han import char_tables
        from termloc.interchange.tbx2 import export_tbx_v2, weblate_variants

        data = export_tbx_v2(glossary, registry, char_tables()).decode("utf-8")
        write_atomic(args.output, data, inputs=inputs(args))
        codes = ", ".join(str(v.weblate) for v in weblate_variants(registry))
        out(f"wrote {args.output}: {entries} entries as TBX v2 (martif) in Weblate's codes: {codes}")
    elif args.export_format == "tbx":
        from termloc.interchange.tbx import export_tbx

        write_atomic(args.output, export_tbx(glossary, registry).decode("utf-8"), inputs=inputs(args))
        out(f"wrote {args.output}: {entries} entries as TBX-Basic (TBX v3)")
    elif args.export_format == "csv":
        from termloc.interchange.table import export_csv

        write_atomic(args.output, export_csv(glossary, registry), inputs=inputs(args))
        out(f"wrote {args.output}: {entries} entries as multilingual CSV")
    elif args.export_format == "opencc":
        from termloc.core.han import char_tables
        from termloc.interchange.openccdict import opencc_dictionary

        variant = registry.get_variant(args.to)
        if not variant.is_chinese:
            raise UsageError(f"{variant.tag!r} is not a Chinese variant; OpenCC converts zh-CN, zh-TW, zh-HK ...")
        text, skipped = opencc_dictionary(glossary, variant, char_tables())
        write_atomic(args.output, text, inputs=inputs(args))
        warn(skipped)
        out(f"wrote {args.output}: {text.count(chr(10))} {variant.tag} lines (key TAB value) from {entries} entries")
    else:
        from termloc.interchange.cgroup_page import group_module

        groups = list(glossary.groups)
        if not groups:
            raise UsageError("the glossary has no groups to write")
        name = args.name or (groups[0].title.get("zh") or groups[0].name if len(groups) == 1 else "termloc")
        description = args.description or (groups[0].description if len(groups) == 1 else "")
        text, skipped = group_module(groups, name, description)
        write_atomic(args.output, text, inputs=inputs(args))
        warn(skipped)
        out(f"wrote {args.output}: Module:CGroup/{name}, {entries - len(skipped)} of {entries} entries")
    return 0


def cmd_export_omegat(args: argparse.Namespace) -> int:
    """``termloc export omegat -o DIR``: one OmegaT glossary per target variant or locale."""
    from termloc.core.files import write_files
    from termloc.core.han import char_tables
    from termloc.core.variants import load_variants
    from termloc.interchange.omegat import omegat_glossaries

    glossary = load(args)
    files, skipped = omegat_glossaries(glossary, load_variants(), char_tables())
    write_files(Path(args.output), files, inputs=inputs(args))
    warn(skipped)
    lines = sum(text.count("\n") - 2 for text in files.values())
    out(f"wrote {len(files)} OmegaT glossaries ({lines} lines) into {args.output}: {', '.join(files)}")
    return 0


def cmd_export_tmx(args: argparse.Namespace) -> int:
    """``termloc export tmx -o FILE``: the translated units of every catalog as TMX 1.4."""
    from importlib.metadata import PackageNotFoundError, version

    from termloc.cli.options import catalogs_dir
    from termloc.cli.po import po_locales, po_setup
    from termloc.core.files import write_atomic
    from termloc.translation.catalogs import catalog_path, extract
    from termloc.translation.pofiles import read_catalog
    from termloc.translation.tmx import tmx_document
    from termloc.translation.units import SOURCE_VARIANT

    document, glossary, registry, chosen = po_setup(args)
    folder = catalogs_dir(args)
    variants = (
        po_locales(args, registry)
        if args.locale
        else [v for v in registry.values() if catalog_path(folder, v, document.name).is_file()]
    )
    paths = [catalog_path(folder, v, document.name) for v in variants]
    catalogs = [(v, read_catalog(path, v.babel_locale)) for v, path in zip(variants, paths, strict=True)]
    template = extract(document, glossary, registry, chosen)
    try:
        tool_version = version("termloc")
    except PackageNotFoundError:  # run from a source tree that was never installed
        tool_version = "unknown"
    data, count = tmx_document(template, catalogs, registry[SOURCE_VARIANT].bcp47, tool_version)
    write_atomic(args.output, data, inputs=[*paths, document.path])
    tags = ", ".join(v.tag for v in variants) or "none"
    out(f"wrote {args.output}: {count} of {len(template)} units as TMX 1.4, translations in {tags}")
    return 0


def _check(groups: Sequence[Any]) -> None:
    """Refuse, before anything is written, entries that would make an invalid glossary."""
    from termloc.core.variants import load_variants
    from termloc.glossary.model import Glossary
    from termloc.glossary.validate import validate

    problems = validate(Glossary(tuple(groups)), load_variants())
    if problems:
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        raise TermlocError(
            f"nothing written: {len(problems)} problems would make the imported glossary invalid (listed above)"
        )


def _write(
    groups: Sequence[Any], args: argparse.Namespace, comment: Callable[[Any], str], extra: dict[str, str]
) -> int:
    from termloc.core.files import write_folder
    from termloc.interchange.writer import file_name, group_yaml

    taken = {name.casefold() for name in extra}
    files = [(file_name(group.name, taken), group_yaml(group, comment(group))) for group in groups]
    write_folder(
        Path(args.output),
        [*files, *extra.items()],
        force=args.force,
        inputs=args.source if isinstance(args.source, list) else [args.source],
    )
    return len(files)


def cmd_import(args: argparse.Namespace) -> int:
    """``termloc import FORMAT PATH -o DIR``: write termloc glossary files."""
    from termloc.core.variants import load_variants

    registry = load_variants()
    if args.import_format == "cgroup":
        return _import_cgroup(args, registry)
    if args.import_format == "tbx":
        from termloc.interchange.tbx import read_tbx

        tbx = read_tbx(Path(args.source), registry)
        groups, warnings, what = tbx.groups, tbx.warnings, f"TBX v{tbx.version}"
    else:
        from termloc.interchange.table import read_csv

        table = read_csv(Path(args.source), registry)
        groups, warnings, what = table.groups, table.warnings, "CSV"
    warn(warnings)
    if not groups:
        raise TermlocError(f"{args.source}: no entry termloc can use; nothing written")
    _check(groups)
    count = _write(groups, args, lambda g: f"Imported by termloc (termloc import) from {args.source} ({what}).", {})
    entries = sum(len(g.entries) for g in groups)
    out(f"wrote {count} glossary files with {entries} entries to {args.output}")
    return 0


def _import_cgroup(args: argparse.Namespace, registry: Any) -> int:
    from termloc.core.han import char_tables
    from termloc.glossary.model import Glossary
    from termloc.glossary.validate import check_duplicate_ids, check_entry
    from termloc.interchange.cgroup import import_groups, read_groups
    from termloc.interchange.cgroup_report import report_table, report_tsv

    sources = read_groups(Path(p) for p in args.source)
    result = import_groups(sources, registry, char_tables())
    # The conflicts are settled by construction; the cheap checks are a safety net.
    glossary = Glossary(tuple(result.groups))
    problems = [p for entry in glossary.entries for p in check_entry(entry)] + list(check_duplicate_ids(glossary))
    if problems:
        _check(result.groups)
    by_name = {s.name: s for s in sources}

    def comment(group: Any) -> str:
        source = by_name[group.name]
        lines = f"Imported by termloc (termloc import cgroup) from {source.page}\n({Path(source.file).name})."
        return lines + (f"\n{_LICENCE}" if source.file.endswith(".json") else "")

    count = _write(result.groups, args, comment, {"conflicts.tsv": report_tsv(result.dropped)})
    counts = result.counts()
    out(
        f"imported {len(sources)} groups, {result.rules:,} rules: {len(glossary.entries):,} entries "
        f"in {count} glossary files under {args.output}"
    )
    out(
        f"left out: {counts['ignored']:,} rules that convert nothing, {counts['unrepresentable']:,} forms OpenCC "
        f"cannot hold; {counts['conflict']:,} conversions dropped in conflicts"
    )
    out(
        "conflict rule: a form the rule gives beats a derived one, then the output more groups give, "
        "then the group read first (and the earlier rule)"
    )
    out(report_table(result.dropped, [v.tag for v in registry.chinese]))
    out(f"the whole report: {Path(args.output) / 'conflicts.tsv'}")
    return 0
