"""``termloc render``: an article in variants and locales, as Markdown, text and HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from termloc.cli.options import add_glossary_options, catalogs_dir, glossary_paths, group_names, out
from termloc.core.errors import GlossaryError, TermlocError, UsageError

__all__ = ["add_commands", "cmd_render"]


def cmd_render(args: argparse.Namespace) -> int:
    """``termloc render``: an article in one or more variants and formats."""
    from termloc.core import resources
    from termloc.core.files import write_atomic
    from termloc.core.variants import load_variants
    from termloc.documents.document import load_document
    from termloc.documents.render import render
    from termloc.documents.site import index_page, page
    from termloc.documents.writers import FORMATS, to_markdown, to_text
    from termloc.glossary import load_glossary
    from termloc.translation.render import render_translation, review_override

    registry = load_variants()
    if args.all:
        tags = [v.tag for v in registry.chinese]
    elif args.to:
        tags = [registry.normalise(tag) for value in args.to for tag in value.split(",") if tag.strip()]
    else:
        raise UsageError("say which variants: --to VARIANT[,VARIANT...] or --all")
    if args.output and args.out_dir:
        raise UsageError("give -o FILE or --out-dir DIR, not both")
    if args.format:
        formats = [args.format]
    elif args.out_dir:
        formats = list(FORMATS)
    elif args.output:
        suffix = Path(args.output).suffix.lstrip(".")
        formats = [suffix if suffix in FORMATS else "md"]
    else:
        formats = ["md"]
    if not args.out_dir and len(tags) > 1:
        raise UsageError("several variants need --out-dir DIR (one file per variant)")
    article = Path(args.article) if args.article else resources.default_article()
    document = load_document(article)
    explicit = glossary_paths(args) if getattr(args, "glossary", None) else None
    paths = explicit or [resources.glossary_dir()]
    groups = group_names(args) or (list(document.groups) if document.groups and explicit is None else None)
    glossary, problems = load_glossary(paths)
    if problems:
        raise GlossaryError(problems)
    if groups:
        glossary = glossary.select(groups)
    renderings = []
    for tag in tags:
        variant = registry[tag]
        catalog = _catalog_translations(args, document, variant)
        if variant.is_chinese:
            annotate = args.annotate == "first"
            renderings.append(
                render(
                    document,
                    variant,
                    registry,
                    glossary,
                    paths=paths,
                    groups=groups,
                    annotate=annotate,
                    override=review_override(document, registry, catalog or {}, groups),
                )
            )
        elif catalog is None:
            raise UsageError(
                f"{tag!r} is not a Chinese variant and has no catalog for {document.name}; "
                f"run 'termloc po update --locale {tag}' and translate it"
            )
        else:
            renderings.append(render_translation(document, variant, registry, catalog, groups))
    outputs: dict[Path | None, str] = {}
    for fmt in formats:
        for rendering in renderings:
            if fmt == "md":
                text = to_markdown(rendering)
            elif fmt == "txt":
                text = to_text(rendering)
            else:
                text = page(rendering, renderings, registry)
            target = (
                Path(args.out_dir) / f"{rendering.tag}.{fmt}"
                if args.out_dir
                else (Path(args.output) if args.output else None)
            )
            outputs[target] = text
        if fmt == "html" and args.out_dir:
            outputs[Path(args.out_dir) / "index.html"] = index_page(renderings)
    if args.out_dir:
        try:
            Path(args.out_dir).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise TermlocError(f"{args.out_dir}: cannot create the folder: {err.strerror}") from None
    for target, text in outputs.items():
        if target is None:
            sys.stdout.write(text)
        else:
            write_atomic(str(target), text)
    if args.report:
        stream = sys.stderr if None in outputs else sys.stdout
        for rendering in renderings:
            stream.write(rendering.report() + "\n")
    elif args.out_dir:
        out(f"wrote {len(outputs)} files to {args.out_dir} ({len(tags)} variants × {', '.join(formats)})")
    return 0


def _catalog_translations(args: argparse.Namespace, document: Any, variant: Any) -> dict[str, str] | None:
    """Confirmed translations (msgid → text) of the variant's catalog, if it has one."""
    from termloc.translation.catalogs import catalog_path, confirmed_translations

    path = catalog_path(catalogs_dir(args), variant, document.name)
    return confirmed_translations(path, variant) if path.is_file() else None


def add_commands(commands: Any) -> None:
    """Add ``render`` to the top-level subcommands."""
    render = commands.add_parser(
        "render", help="render an article into Chinese variants or translated locales (Markdown, text, HTML)"
    )
    render.add_argument("article", nargs="?", help="the article, Markdown with front matter (default: termloc's own)")
    render.add_argument("--to", action="append", metavar="VARIANT[,VARIANT...]", help="target variants (repeatable)")
    render.add_argument("--all", action="store_true", help="every Chinese variant")
    render.add_argument(
        "--format", choices=("md", "txt", "html"), help="output format (default: all three with --out-dir)"
    )
    render.add_argument("-o", "--output", metavar="FILE", help="write one variant here (atomically)")
    render.add_argument("--out-dir", metavar="DIR", help="write <variant>.<format> files here, plus index.html")
    render.add_argument(
        "--annotate", choices=("first",), help="first: native form at a person's or place's first mention"
    )
    render.add_argument(
        "--report", action="store_true", help="print terms applied, rules fired and wrong-script leftovers"
    )
    render.add_argument(
        "--locales-dir", metavar="DIR", help="catalog folder for translated locales (default: ./locales)"
    )
    add_glossary_options(render)
    render.set_defaults(run=cmd_render)
