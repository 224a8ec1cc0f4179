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

__all__ = ["add_commands", "cmd_export", "cmd_import"]

_LICENCE = "Chinese Wikipedia's conversion groups are CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)."


def add_commands(commands: Any) -> None:
    """Add ``export`` and ``import`` to the ``termloc`` command's subparsers."""
    export = commands.add_parser("export", help="write the glossary as TBX, CSV, an OpenCC dictionary or a CGroup")
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
        if name == "opencc":
            parser.add_argument("--to", required=True, metavar="VARIANT", help="the variant: zh-TW, zh-CN, zh-hk ...")
        if name == "cgroup":
            parser.add_argument("--name", help="the module's name (default: the group's name)")
            parser.add_argument("--description", default="", help="the module's description")
        parser.set_defaults(run=cmd_export)

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
    if args.export_format == "tbx":
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
