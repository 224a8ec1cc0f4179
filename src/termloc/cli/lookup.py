"""``termloc lookup``: glossary entries by any form, in any script."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from termloc.cli.options import add_glossary_options, out, selection

__all__ = ["add_commands", "cmd_lookup"]


def cmd_lookup(args: argparse.Namespace) -> int:
    """``termloc lookup``: find glossary entries by any form, in any script."""
    from termloc.lookup import Lookup, format_results

    finder = Lookup(selection(args))
    results = finder.find(args.query, lang=args.lang, kind=args.kind, limit=args.limit)
    if not results:
        nearest = finder.nearest(args.query, lang=args.lang, kind=args.kind)
        near = ", ".join(f"{r.id} ({r.matched})" for r in nearest)
        sys.stderr.write(f"termloc: no entry matches {args.query!r}" + (f"; nearest: {near}\n" if near else "\n"))
        if args.json:
            out("[]")
        return 1
    if args.json:
        out(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    else:
        out(format_results(results))
    return 0


def add_commands(commands: Any) -> None:
    """Add ``lookup`` to the top-level subcommands."""
    lookup = commands.add_parser("lookup", help="find glossary entries by any form, in any script or spelling")
    lookup.add_argument("query", help="a form in any script: 普丁, 뿌찐, Путин, 'kim jong un', 'Kim Chong-il' ...")
    lookup.add_argument("--lang", metavar="TAG", help="only forms of this tag (zh-TW, ko-KP ...) or language (zh)")
    lookup.add_argument("--kind", metavar="KIND", help="only entries of this kind (person, place, state ...)")
    lookup.add_argument("--limit", type=int, default=10, metavar="N", help="at most N entries (default 10)")
    lookup.add_argument("--json", action="store_true", help="print JSON")
    add_glossary_options(lookup)
    lookup.set_defaults(run=cmd_lookup)
