"""``termloc compare``: an article or a text in several variants side by side."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termloc.cli.options import add_conversion_options, inputs, out, reference_choice, selection
from termloc.core.errors import UsageError

if TYPE_CHECKING:
    from termloc.core.variants import Variant, VariantRegistry
    from termloc.documents.compare import Comparison

__all__ = ["add_commands", "cmd_compare", "output_format"]


def cmd_compare(args: argparse.Namespace) -> int:
    """``termloc compare``: a page (or a table) of the units in each variant, with what each inherits."""
    from termloc.core import resources
    from termloc.core.files import read_text, refuse_inputs, write_atomic
    from termloc.core.variants import load_variants
    from termloc.documents.compare_page import comparison_page, comparison_table

    registry = load_variants()
    variants = _variants(args, registry)
    fmt = output_format(args)
    source = args.file or str(resources.default_article())
    if args.output:
        refuse_inputs(Path(args.output), inputs(args, source))  # before the long part
    text = read_text(source)
    comparison, sources = _compare(args, text, source, variants, registry)
    result = comparison_page(comparison) if fmt == "html" else comparison_table(comparison)
    if not args.output:
        sys.stdout.write(result)
        return 0
    write_atomic(args.output, result, inputs=sources)
    counts = comparison.counts()
    out(
        f"wrote {args.output}: {len(comparison.rows)} units in {len(variants)} variants, {counts['word']} "
        f"with other words, {counts['script']} in script only, {counts['same']} the same"
    )
    return 0


def _compare(
    args: argparse.Namespace, text: str, source: str, variants: list[Variant], registry: VariantRegistry
) -> tuple[Comparison, list[str | Path | None]]:
    """The comparison of an article (front matter first) or a plain text, and the files it read."""
    from termloc.documents.compare import compare_document, compare_text
    from termloc.documents.document import parse_document

    if text.split("\n", 1)[0].strip() == "---":
        document = parse_document(text, source)
        comparison = compare_document(
            document,
            variants,
            registry,
            selection=selection(args, document),
            reference=reference_choice(args, document),
            punctuation=args.punctuation,
        )
        return comparison, inputs(args, source, *document.glossaries)
    name = "<stdin>" if source == "-" else source
    comparison = compare_text(
        text,
        name,
        variants,
        registry,
        selection=selection(args),
        reference=reference_choice(args),
        punctuation=args.punctuation,
    )
    return comparison, inputs(args, source)


def _variants(args: argparse.Namespace, registry: VariantRegistry) -> list[Variant]:
    """The variants ``--to`` names (each once, in order), else every Chinese variant."""
    if not args.to:
        return registry.chinese
    tags: list[str] = []
    for value in args.to:
        for tag in value.split(","):
            if tag.strip() and (found := registry.normalise(tag)) not in tags:
                tags.append(found)
    if not tags:
        raise UsageError("--to names no variant; give zh-CN,zh-TW,... or leave it out for every Chinese variant")
    for tag in tags:
        if not registry[tag].is_chinese:
            chinese = ", ".join(v.tag for v in registry.chinese)
            raise UsageError(f"{tag!r} is not a Chinese variant; compare takes {chinese}")
    return [registry[tag] for tag in tags]


def output_format(args: argparse.Namespace) -> str:
    """``--format``, else ``html`` for ``-o`` ending in ``.html`` or ``.htm``, else ``text``.

    Standard output gets the text table unless ``--format html`` asks for the page.
    """
    if args.format:
        return str(args.format)
    if args.output and Path(args.output).suffix.lower() in (".html", ".htm"):
        return "html"
    return "text"


def add_commands(commands: Any) -> None:
    """Add ``compare`` to the top-level subcommands."""
    compare = commands.add_parser(
        "compare",
        help="an article or text in several Chinese variants side by side, with the reason of each span",
        description="Convert each unit (sentence, heading, list item) into each variant and show them side by "
        "side: the spans that differ between variants marked, each decided span with its reason, and the "
        "glossary decisions a variant only inherits through its fallback chain.",
    )
    compare.add_argument(
        "file",
        nargs="?",
        help="an article (Markdown with front matter) or a plain text, '-' for standard input "
        "(default: termloc's article)",
    )
    compare.add_argument(
        "--to", action="append", metavar="VARIANT[,VARIANT...]", help="the variants (default: every Chinese variant)"
    )
    compare.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    compare.add_argument(
        "--format",
        choices=("html", "text"),
        help="html: one standalone page; text: a tab-separated table (default: html for -o *.html, else text)",
    )
    add_conversion_options(compare, text=False)
    compare.set_defaults(run=cmd_compare)
