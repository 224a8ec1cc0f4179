"""``termloc variants`` and ``termloc convert``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from termloc.cli.options import add_conversion_options, converter, inputs, out, say_topics

__all__ = ["add_commands", "cmd_convert", "cmd_variants"]


def cmd_variants(args: argparse.Namespace) -> int:
    """``termloc variants``: list the variants and locales."""
    from termloc.core.variants import load_variants

    registry = load_variants()
    if args.json:
        out(json.dumps([v.as_dict() for v in registry.values()], ensure_ascii=False, indent=2))
        return 0
    width = max(len(tag) for tag in registry)
    for variant in registry.values():
        config = variant.opencc_config or "-"
        fallbacks = " → ".join(variant.fallbacks) or "-"
        described = f"{variant.name}  ({variant.english_name})"
        out(f"{variant.tag:<{width}}  {described}; OpenCC {config}; falls back to {fallbacks}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    """``termloc convert``: convert a file or standard input."""
    from termloc.core.files import read_text, write_atomic

    chosen = converter(args)
    text = read_text(args.file)
    if args.explain_topics:
        say_topics(chosen, text)
    result = chosen.convert(text) if args.no_markup else chosen.convert_markup(text)
    if args.output:
        write_atomic(args.output, result, inputs=inputs(args, args.file))
    else:
        sys.stdout.write(result)
    return 0


def add_commands(commands: Any) -> None:
    """Add ``variants`` and ``convert`` to the top-level subcommands."""
    variants = commands.add_parser("variants", help="list the variants and locales")
    variants.add_argument("--json", action="store_true", help="print JSON")
    variants.set_defaults(run=cmd_variants)

    convert = commands.add_parser("convert", help="convert text into a Chinese variant")
    convert.add_argument("file", nargs="?", help="input file (default: standard input)")
    convert.add_argument("--to", required=True, metavar="VARIANT", help="target variant: zh-TW, zh-Hans, zh-hk ...")
    convert.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    add_conversion_options(convert)
    convert.set_defaults(run=cmd_convert)
