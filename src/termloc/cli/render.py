"""``termloc render``: an article in variants and locales, as Markdown, text and HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termloc.cli.options import (
    add_glossary_options,
    add_reference_options,
    catalogs_dir,
    inputs,
    out,
    reference_choice,
    selection,
)
from termloc.core.errors import UsageError
from termloc.glossary.selection import GlossarySelection

if TYPE_CHECKING:
    from termloc.core.variants import Variant, VariantRegistry
    from termloc.documents.document import Document
    from termloc.documents.render import Rendering
    from termloc.glossary.model import Glossary

__all__ = ["add_commands", "cmd_render"]


def cmd_render(args: argparse.Namespace) -> int:
    """``termloc render``: an article in one or more variants and formats."""
    from termloc.core import resources
    from termloc.core.variants import load_variants
    from termloc.documents.document import load_document

    registry = load_variants()
    tags = _named(args, registry)
    formats = _formats(args)
    if not args.out_dir and (args.all or len(tags) > 1):
        raise UsageError("several variants need --out-dir DIR (one file per variant)")
    article = Path(args.article) if args.article else resources.default_article()
    document = load_document(article)
    if args.all:
        tags = _every_version(args, document, registry)
    chosen = selection(args, document) or GlossarySelection.default()
    glossary = chosen.load()
    renderings = _renderings(args, document, [registry[tag] for tag in tags], registry, chosen, glossary)
    outputs = _outputs(args, renderings, formats, registry, glossary)
    _write(args, outputs, article)
    if args.report:
        stream = sys.stderr if None in outputs else sys.stdout
        for rendering in renderings:
            stream.write(rendering.report() + "\n")
    elif args.out_dir:
        out(f"wrote {len(outputs)} files to {args.out_dir} ({len(tags)} versions × {', '.join(formats)})")
        for rendering in renderings:
            if not rendering.variant.is_chinese:  # how much of each translation is there
                out(rendering.report())
    return 0


def _named(args: argparse.Namespace, registry: VariantRegistry) -> list[str]:
    """The tags ``--to`` names (none for ``--all``, whose versions depend on the catalogs)."""
    if args.all:
        return []
    if args.to:
        return [registry.normalise(tag) for value in args.to for tag in value.split(",") if tag.strip()]
    raise UsageError("say which variants: --to VARIANT[,VARIANT...] or --all")


def _every_version(args: argparse.Namespace, document: Document, registry: VariantRegistry) -> list[str]:
    """``--all``: every Chinese variant, and every other locale with a catalog for ``document``."""
    from termloc.translation.render import every_version

    return every_version(document, registry, catalogs_dir(args))


def _formats(args: argparse.Namespace) -> list[str]:
    """The formats to write: ``--format``, else all with ``--out-dir``, else the extension of ``-o``."""
    from termloc.documents.writers import FORMATS

    if args.output and args.out_dir:
        raise UsageError("give -o FILE or --out-dir DIR, not both")
    if args.format:
        return [args.format]
    if args.out_dir:
        return list(FORMATS)
    if args.output:
        suffix = Path(args.output).suffix.lstrip(".")
        return [suffix if suffix in FORMATS else "md"]
    return ["md"]


def _renderings(
    args: argparse.Namespace,
    document: Document,
    variants: list[Variant],
    registry: VariantRegistry,
    chosen: GlossarySelection,
    glossary: Glossary,
) -> list[Rendering]:
    """Each variant of ``document``: converted (reviewed units as reviewed), or translated from its catalog.

    ``glossary`` is the one loaded from ``chosen``.
    """
    from termloc.translation.render import render_version

    folder = catalogs_dir(args)
    reference = reference_choice(args, document)
    annotate = args.annotate == "first"
    return [
        render_version(document, variant, registry, glossary, chosen, folder, reference=reference, annotate=annotate)
        for variant in variants
    ]


def _outputs(
    args: argparse.Namespace,
    renderings: list[Rendering],
    formats: list[str],
    registry: VariantRegistry,
    glossary: Glossary,
) -> dict[Path | None, str]:
    """Each file to write (None: standard output) and its text."""
    from termloc.documents.site import index_page, page
    from termloc.documents.writers import to_markdown, to_text

    outputs: dict[Path | None, str] = {}
    for fmt in formats:
        for rendering in renderings:
            if fmt == "md":
                text = to_markdown(rendering)
            elif fmt == "txt":
                text = to_text(rendering)
            else:
                text = page(rendering, renderings, registry, glossary=glossary)
            if args.out_dir:
                outputs[Path(args.out_dir) / f"{rendering.tag}.{fmt}"] = text
            else:
                outputs[Path(args.output) if args.output else None] = text
        if fmt == "html" and args.out_dir:
            outputs[Path(args.out_dir) / "index.html"] = index_page(renderings, registry)
    return outputs


def _write(args: argparse.Namespace, outputs: dict[Path | None, str], article: Path) -> None:
    """The files (all of them or none: `write_files`), or standard output; never over an input."""
    from termloc.core.files import write_atomic, write_files

    sources = inputs(args, article)
    if args.out_dir:
        write_files(
            Path(args.out_dir), {target.name: text for target, text in outputs.items() if target}, inputs=sources
        )
        return
    for target, text in outputs.items():
        if target is None:
            sys.stdout.write(text)
        else:
            write_atomic(target, text, inputs=sources)


def add_commands(commands: Any) -> None:
    """Add ``render`` to the top-level subcommands."""
    render = commands.add_parser(
        "render", help="render an article into Chinese variants or translated locales (Markdown, text, HTML)"
    )
    render.add_argument("article", nargs="?", help="the article, Markdown with front matter (default: termloc's own)")
    render.add_argument("--to", action="append", metavar="VARIANT[,VARIANT...]", help="target variants (repeatable)")
    render.add_argument(
        "--all", action="store_true", help="every Chinese variant and every locale with a catalog for the article"
    )
    render.add_argument(
        "--format", choices=("md", "txt", "html"), help="output format (default: all three with --out-dir)"
    )
    render.add_argument("-o", "--output", metavar="FILE", help="write one variant here (atomically)")
    render.add_argument("--out-dir", metavar="DIR", help="write <variant>.<format> files here, plus index.html")
    render.add_argument(
        "--annotate", choices=("first",), help="first: native form at a person's or place's first mention"
    )
    render.add_argument(
        "--report",
        action="store_true",
        help="print terms applied, rules fired, decided spans by kind and wrong-script leftovers",
    )
    render.add_argument(
        "--locales-dir", metavar="DIR", help="catalog folder for translated locales (default: ./locales)"
    )
    add_glossary_options(render)
    add_reference_options(render)
    render.set_defaults(run=cmd_render)
