"""``termloc reference``: the reference termbase (Chinese Wikipedia's conversion groups).

``list`` shows its groups (the names ``--reference`` takes); ``build`` makes
it from the groups' JSON files (what the project does when the data is
updated; see ``reference/SOURCE.md``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from termloc.cli.options import out

__all__ = ["add_commands", "cmd_build", "cmd_list"]


def add_commands(commands: Any) -> None:
    """Add ``reference`` to the ``termloc`` command's subparsers."""
    parser = commands.add_parser("reference", help="the reference termbase: Chinese Wikipedia's conversion groups")
    actions = parser.add_subparsers(dest="reference_action", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    listing = actions.add_parser("list", help="the groups, with their pages and sizes")
    listing.add_argument("--json", action="store_true", help="one JSON object per group")
    listing.set_defaults(run=cmd_list)
    build = actions.add_parser(
        "build", help="build a reference folder from conversion groups", description="Build the reference termbase."
    )
    build.add_argument("source", nargs="+", metavar="PATH", help="conversion groups: JSON files or folders of them")
    build.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write")
    build.add_argument("--source-note", metavar="FILE", help="the SOURCE.md to keep with the data (provenance)")
    build.set_defaults(run=cmd_build)


def cmd_list(args: argparse.Namespace) -> int:
    """``termloc reference list``: every group of the reference."""
    from termloc.glossary.reference import reference

    for group in reference().groups:
        if args.json:
            out(json.dumps(group.__dict__, ensure_ascii=False))
        else:
            out(f"{group.name}\t{group.entries} entries\t{group.page}\t{group.description}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """``termloc reference build PATH... -o DIR``."""
    from termloc.core.files import read_text
    from termloc.core.han import char_tables
    from termloc.core.variants import load_variants
    from termloc.interchange.cgroup import read_groups
    from termloc.interchange.reference import build_reference

    sources = read_groups(Path(p) for p in args.source)
    note = read_text(args.source_note) if args.source_note else ""
    built = build_reference(sources, Path(args.output), load_variants(), char_tables(), note)
    out(
        f"wrote {args.output}: {built.groups} groups, {built.rules:,} rules, {built.entries:,} entries "
        f"({built.dropped:,} forms or conversions left out: {Path(args.output) / 'dropped.tsv'})"
    )
    return 0
