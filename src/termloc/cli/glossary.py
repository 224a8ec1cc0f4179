"""``termloc glossary validate|show|audit``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from termloc.cli.options import Parser, add_glossary_options, load, out
from termloc.core.errors import TermlocError, UsageError
from termloc.glossary.selection import GlossarySelection

__all__ = ["add_commands", "cmd_audit", "cmd_show", "cmd_validate"]


def cmd_validate(args: argparse.Namespace) -> int:
    """``termloc glossary validate``: check glossary files."""
    from termloc.glossary.validate import load_glossary

    chosen = GlossarySelection.of(args.paths) if args.paths else GlossarySelection.default()
    chosen.files()  # a path that does not exist: one line, exit 1
    glossary, problems = load_glossary(list(chosen.paths))
    if problems:
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(f"{len(problems)} problems; fix them and run 'termloc glossary validate' again\n")
        return 1
    entries, rows, forms = glossary.counts()
    out(f"{entries} entries, {rows} rows, {forms} forms")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """``termloc glossary show``: one entry with its forms per variant."""
    from termloc.core.variants import load_variants
    from termloc.glossary.report import entry_json, entry_text

    glossary = load(args)
    try:
        entry = glossary.entry(args.id)
    except KeyError:
        raise TermlocError(
            f"no entry with id {args.id!r}; try 'termloc glossary show' with an id from the glossary files"
        ) from None
    registry = load_variants()
    if args.json:
        out(json.dumps(entry_json(entry, registry), ensure_ascii=False, indent=2))
    else:
        out(entry_text(entry, registry))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """``termloc glossary audit``: the terminologist's report on an article."""
    from termloc.core.files import read_text
    from termloc.core.han import char_tables
    from termloc.core.variants import load_variants
    from termloc.glossary.audit import audit, format_audit

    glossary = load(args)
    registry = load_variants()
    tags = [registry.normalise(tag) for value in (args.to or ["zh-TW,zh-HK,zh-CN"]) for tag in value.split(",")]
    for tag in tags:
        if not registry[tag].is_chinese:
            raise UsageError(f"{tag!r} is not a Chinese variant; the audit compares OpenCC conversions")
    text = read_text(args.article)
    audits = [audit(text, glossary, registry[tag], char_tables()) for tag in tags]
    if args.json:
        out(json.dumps([a.as_json() for a in audits], ensure_ascii=False, indent=2))
    else:
        out(format_audit(audits))
    return 0


def add_commands(commands: Any) -> None:
    """Add ``glossary validate|show|audit`` to the top-level subcommands."""
    glossary = commands.add_parser("glossary", help="validate and inspect the glossary")
    glossary_commands = glossary.add_subparsers(dest="glossary_command", metavar="COMMAND", parser_class=Parser)
    glossary_commands.required = True
    validate = glossary_commands.add_parser("validate", help="check glossary files and report every problem")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: termloc's glossary)")
    validate.set_defaults(run=cmd_validate)
    show = glossary_commands.add_parser("show", help="show an entry with its forms in every variant")
    show.add_argument("id", help="entry id, e.g. vladimir-putin")
    show.add_argument("--json", action="store_true", help="print JSON")
    add_glossary_options(show)
    show.set_defaults(run=cmd_show)
    audit = glossary_commands.add_parser("audit", help="report glossary matches, collisions and gaps in an article")
    audit.add_argument("article", help="the article (UTF-8 text or Markdown)")
    audit.add_argument(
        "--to",
        action="append",
        metavar="VARIANT",
        help="variants to audit for (comma-separated, repeatable; default zh-TW,zh-HK,zh-CN)",
    )
    audit.add_argument("--json", action="store_true", help="print JSON")
    add_glossary_options(audit)
    audit.set_defaults(run=cmd_audit)
