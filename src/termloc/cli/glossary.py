"""``termloc glossary validate|show|audit|suggest``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from termloc.cli.options import Parser, add_glossary_options, inputs, load, out
from termloc.core.errors import TermlocError, UsageError
from termloc.glossary.selection import GlossarySelection

__all__ = ["add_commands", "cmd_audit", "cmd_show", "cmd_suggest", "cmd_validate"]


def cmd_validate(args: argparse.Namespace) -> int:
    """``termloc glossary validate``: check glossary files."""
    from termloc.glossary.validate import load_glossary

    chosen = GlossarySelection.of(args.paths) if args.paths else GlossarySelection.default()
    chosen.files()  # a path that does not exist: one line, exit 1
    glossary, problems = load_glossary(list(chosen.paths))
    if problems:
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        sys.stderr.write(f"{count}; fix them and run 'termloc glossary validate' again\n")
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
    suggest = glossary_commands.add_parser(
        "suggest", help="list an article's names with every region's form and source; write a draft glossary"
    )
    suggest.add_argument("article", nargs="?", help="the article (UTF-8 text or Markdown; default: standard input)")
    suggest.add_argument(
        "--to", action="append", metavar="VARIANT", help="variants (comma-separated; default zh-CN,zh-TW,zh-HK)"
    )
    suggest.add_argument("-o", "--output", metavar="FILE", help="write the draft glossary file here (atomically)")
    suggest.add_argument("--json", action="store_true", help="one JSON object per name")
    add_glossary_options(suggest)
    suggest.set_defaults(run=cmd_suggest)


def cmd_suggest(args: argparse.Namespace) -> int:
    """``termloc glossary suggest ARTICLE``: the article's names, what each source says, a draft."""
    from termloc.core.files import read_text, write_atomic
    from termloc.core.han import char_tables
    from termloc.core.opencc_files import converter
    from termloc.core.variants import load_variants
    from termloc.glossary.topics import topic_index
    from termloc.interchange.suggest import draft_group, suggest
    from termloc.interchange.writer import group_yaml

    glossary = load(args)
    registry = load_variants()
    tags = [registry.normalise(tag) for value in (args.to or ["zh-CN,zh-TW,zh-HK"]) for tag in value.split(",")]
    variants = [registry[tag] for tag in tags]
    for variant in variants:
        if not variant.is_chinese:
            raise UsageError(f"{variant.tag!r} is not a Chinese variant")
    text = read_text(args.article)
    plain = {v.tag: converter(str(v.opencc_config)) for v in variants}
    tables = char_tables()
    found = suggest(text, glossary, variants, tables, topic_index(), plain)
    if args.json:
        for item in found:
            record = {k: v for k, v in item.__dict__.items() if k != "entry"}
            out(json.dumps(record, ensure_ascii=False))
    else:
        out(_suggest_table(found, tags))
    if args.output:
        name = f"draft-{Path(args.article).stem}" if args.article else "draft"
        group = draft_group(found, name, Path(args.article).name if args.article else "standard input", tables)
        comment = (
            f"Draft glossary entries written by termloc glossary suggest for {args.article or 'standard input'}.\n"
            "Every entry is marked DRAFT in its note: check each form and source, then keep it in the glossary.\n"
            "Forms from Chinese Wikipedia's conversion groups are CC BY-SA 4.0 (reference/SOURCE.md)."
        )
        write_atomic(args.output, group_yaml(group, comment), inputs=inputs(args, args.article))
        sys.stderr.write(f"termloc: wrote {args.output}: {len(group.entries)} draft entries\n")
    return 0


def _suggest_table(found: list[Any], tags: list[str]) -> str:
    """The suggestions as a table: string, count, each variant's form, where it comes from."""
    counts = Counter(item.origin for item in found)
    lines = ["\t".join(["found", "n", *tags, "source"])]
    for item in found:
        forms = [item.forms.get(tag, "-") for tag in tags]
        source = item.sources[0] if item.sources else ""
        if len(item.sources) > 1:
            source += f" (+{len(item.sources) - 1} agree)"
        if item.conflicts:
            source += "; groups disagree: " + "; ".join(f"{t} {', '.join(o)}" for t, o in item.conflicts.items())
        lines.append("\t".join([item.text, str(item.count), *forms, source]))
    lines.append(
        f"{len(found)} names and reference hits: {counts['glossary']} in the glossary, "
        f"{counts['reference']} from the reference, {counts['opencc']} that no source covers"
    )
    return "\n".join(lines)
