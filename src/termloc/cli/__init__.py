"""The ``termloc`` command line.

``main(argv)`` returns an exit code and never raises for bad input: errors
become one line on standard error. 0 fine, 1 data or check failed, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from termloc.core.errors import GlossaryError, TermlocError, UsageError

__all__ = ["main", "main_entry"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _glossary_paths(args: argparse.Namespace) -> list[Path] | None:
    from termloc.core import resources

    if getattr(args, "no_glossary", False):
        return None
    paths = getattr(args, "glossary", None)
    return [Path(p) for p in paths] if paths else [resources.glossary_dir()]


def _groups(args: argparse.Namespace) -> list[str] | None:
    groups = getattr(args, "group", None)
    if not groups:
        return None
    return [name.strip() for value in groups for name in value.split(",") if name.strip()]


def cmd_variants(args: argparse.Namespace) -> int:
    """``termloc variants``: list the variants and locales."""
    from termloc.core.variants import load_variants

    registry = load_variants()
    if args.json:
        _out(json.dumps([v.as_dict() for v in registry.values()], ensure_ascii=False, indent=2))
        return 0
    width = max(len(tag) for tag in registry)
    for variant in registry.values():
        config = variant.opencc_config or "-"
        fallbacks = " → ".join(variant.fallbacks) or "-"
        described = f"{variant.name}  ({variant.english_name})"
        _out(f"{variant.tag:<{width}}  {described}; OpenCC {config}; falls back to {fallbacks}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    """``termloc convert``: convert a file or standard input."""
    from termloc.core.files import read_text, write_atomic
    from termloc.engine.converter import Converter

    converter = Converter(args.to, glossary=_glossary_paths(args), groups=_groups(args), punctuation=args.punctuation)
    text = read_text(args.file)
    result = converter.convert(text) if args.no_markup else converter.convert_markup(text)
    if args.output:
        write_atomic(args.output, result)
    else:
        sys.stdout.write(result)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """``termloc render``: an article in one or more variants and formats."""
    from termloc.core import resources
    from termloc.core.files import write_atomic
    from termloc.core.variants import load_variants
    from termloc.documents.document import load_document
    from termloc.documents.render import FORMATS, render, render_translation, to_markdown, to_text
    from termloc.documents.site import index_page, page
    from termloc.glossary import load_glossary

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
    explicit = _glossary_paths(args) if getattr(args, "glossary", None) else None
    paths = explicit or [resources.glossary_dir()]
    groups = _groups(args) or (list(document.groups) if document.groups and explicit is None else None)
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
                    reviewed=catalog,
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
        _out(f"wrote {len(outputs)} files to {args.out_dir} ({len(tags)} variants × {', '.join(formats)})")
    return 0


def _catalog_translations(args: argparse.Namespace, document: Any, variant: Any) -> dict[str, str] | None:
    """Confirmed translations (msgid → text) of the variant's catalog, if it has one."""
    from termloc.cli.po import catalogs_dir
    from termloc.translation.catalogs import catalog_path, read_catalog, translation_of

    path = catalog_path(catalogs_dir(args), variant, document.name)
    if not path.is_file():
        return None
    catalog = read_catalog(path, variant.babel_locale)
    found = {str(m.id): translation_of(m) for m in catalog if m.id}
    return {key: text for key, text in found.items() if text is not None}


def _load(args: argparse.Namespace) -> Any:
    from termloc.glossary import load_glossary

    paths = [Path(p) for p in args.paths] if getattr(args, "paths", None) else _glossary_paths(args)
    glossary, problems = load_glossary(paths or [])
    if problems:
        raise GlossaryError(problems)
    return glossary


def cmd_validate(args: argparse.Namespace) -> int:
    """``termloc glossary validate``: check glossary files."""
    from termloc.core import resources
    from termloc.glossary import load_glossary

    paths = [Path(p) for p in args.paths] or [resources.glossary_dir()]
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such glossary file or folder")
    glossary, problems = load_glossary(paths)
    if problems:
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(f"{len(problems)} problems; fix them and run 'termloc glossary validate' again\n")
        return 1
    entries, rows, forms = glossary.counts()
    _out(f"{entries} entries, {rows} rows, {forms} forms")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """``termloc glossary show``: one entry with its forms per variant."""
    from termloc.core.variants import load_variants
    from termloc.glossary.report import entry_json, entry_text

    glossary = _load(args)
    try:
        entry = glossary.entry(args.id)
    except KeyError:
        raise TermlocError(
            f"no entry with id {args.id!r}; try 'termloc glossary show' with an id from the glossary files"
        ) from None
    registry = load_variants()
    if args.json:
        _out(json.dumps(entry_json(entry, registry), ensure_ascii=False, indent=2))
    else:
        _out(entry_text(entry, registry))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """``termloc glossary audit``: the terminologist's report on an article."""
    from termloc.core.files import read_text
    from termloc.core.han import char_tables
    from termloc.core.variants import load_variants
    from termloc.glossary.audit import audit, format_audit

    glossary = _load(args)
    groups = _groups(args)
    if groups:
        glossary = glossary.select(groups)
    registry = load_variants()
    tags = [registry.normalise(tag) for value in (args.to or ["zh-TW,zh-HK,zh-CN"]) for tag in value.split(",")]
    for tag in tags:
        if not registry[tag].is_chinese:
            raise UsageError(f"{tag!r} is not a Chinese variant; the audit compares OpenCC conversions")
    text = read_text(args.article)
    audits = [audit(text, glossary, registry[tag], char_tables()) for tag in tags]
    if args.json:
        _out(json.dumps([a.as_json() for a in audits], ensure_ascii=False, indent=2))
    else:
        _out(format_audit(audits))
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    """``termloc lookup``: find glossary entries by any form, in any script."""
    from termloc.lookup import Lookup, format_results

    finder = Lookup(_glossary_paths(args), groups=_groups(args))
    results = finder.find(args.query, lang=args.lang, kind=args.kind, limit=args.limit)
    if not results:
        nearest = finder.nearest(args.query, lang=args.lang, kind=args.kind)
        near = ", ".join(f"{r.id} ({r.matched})" for r in nearest)
        sys.stderr.write(f"termloc: no entry matches {args.query!r}" + (f"; nearest: {near}\n" if near else "\n"))
        if args.json:
            _out("[]")
        return 1
    if args.json:
        _out(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    else:
        _out(format_results(results))
    return 0


def _add_glossary_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        action="append",
        metavar="PATH",
        help="glossary file or folder (repeatable; default: termloc's glossary)",
    )
    parser.add_argument(
        "--group", action="append", metavar="NAMES", help="use only these glossary groups (comma-separated, repeatable)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``termloc`` command."""
    parser = _Parser(prog="termloc", description="Terminology-driven conversion of Chinese text between variants.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    variants = commands.add_parser("variants", help="list the variants and locales")
    variants.add_argument("--json", action="store_true", help="print JSON")
    variants.set_defaults(run=cmd_variants)

    convert = commands.add_parser("convert", help="convert text into a Chinese variant")
    convert.add_argument("file", nargs="?", help="input file (default: standard input)")
    convert.add_argument("--to", required=True, metavar="VARIANT", help="target variant: zh-TW, zh-Hans, zh-hk ...")
    convert.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    _add_glossary_options(convert)
    convert.add_argument("--no-glossary", action="store_true", help="plain OpenCC conversion")
    convert.add_argument(
        "--no-markup", action="store_true", help="leave MediaWiki -{...}- markup as text (default: resolve it)"
    )
    convert.add_argument(
        "--punctuation",
        choices=("auto", "keep"),
        default="auto",
        help="auto: the variant's quotation marks (default); keep: leave them",
    )
    convert.set_defaults(run=cmd_convert)

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
    _add_glossary_options(render)
    render.set_defaults(run=cmd_render)

    from termloc.cli.po import add_po_commands

    add_po_commands(commands, _Parser)

    glossary = commands.add_parser("glossary", help="validate and inspect the glossary")
    glossary_commands = glossary.add_subparsers(dest="glossary_command", metavar="COMMAND", parser_class=_Parser)
    glossary_commands.required = True
    validate = glossary_commands.add_parser("validate", help="check glossary files and report every problem")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: termloc's glossary)")
    validate.set_defaults(run=cmd_validate)
    show = glossary_commands.add_parser("show", help="show an entry with its forms in every variant")
    show.add_argument("id", help="entry id, e.g. vladimir-putin")
    show.add_argument("--json", action="store_true", help="print JSON")
    _add_glossary_options(show)
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
    _add_glossary_options(audit)
    audit.set_defaults(run=cmd_audit)

    lookup = commands.add_parser("lookup", help="find glossary entries by any form, in any script or spelling")
    lookup.add_argument("query", help="a form in any script: 普丁, 뿌찐, Путин, 'kim jong un', 'Kim Chong-il' ...")
    lookup.add_argument("--lang", metavar="TAG", help="only forms of this tag (zh-TW, ko-KP ...) or language (zh)")
    lookup.add_argument("--kind", metavar="KIND", help="only entries of this kind (person, place, state ...)")
    lookup.add_argument("--limit", type=int, default=10, metavar="N", help="at most N entries (default 10)")
    lookup.add_argument("--json", action="store_true", help="print JSON")
    _add_glossary_options(lookup)
    lookup.set_defaults(run=cmd_lookup)

    from termloc.cli.interchange import add_commands  # export and import

    add_commands(commands, _add_glossary_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        code: int = args.run(args)
        return code
    except GlossaryError as err:
        for problem in err.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write("the glossary is invalid; 'termloc glossary validate' lists the problems\n")
        return err.exit_code
    except TermlocError as err:
        sys.stderr.write(f"termloc: {err}\n")
        return err.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def main_entry() -> None:
    """Console-script entry point: exit with `main`'s code."""
    sys.exit(main())
