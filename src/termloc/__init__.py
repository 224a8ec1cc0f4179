"""termloc: multilingual terminology and localisation for Chinese variants.

A glossary of names drives Simplified/Traditional conversion through OpenCC
so that every name reads as each region writes it.

    >>> import termloc
    >>> termloc.Converter("zh-HK").convert("斯大林")
    '史太林'

Names are imported on first use, so that ``import termloc`` (and the
command line) start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from termloc.core.lazy import lazy_names

__all__ = [
    "DEFAULT_GLOSSARY",
    "Converter",
    "Entry",
    "Glossary",
    "GlossaryError",
    "GlossarySelection",
    "InputError",
    "Lookup",
    "LookupResult",
    "Problem",
    "Row",
    "TermlocError",
    "UsageError",
    "Variant",
    "VariantError",
    "load_glossary",
    "load_variants",
]

__version__ = "0.1.0"

_HOMES = {
    "DEFAULT_GLOSSARY": "termloc.engine.converter",
    "Converter": "termloc.engine.converter",
    "Entry": "termloc.glossary.model",
    "Glossary": "termloc.glossary.model",
    "Row": "termloc.glossary.model",
    "GlossaryError": "termloc.core.errors",
    "InputError": "termloc.core.errors",
    "Problem": "termloc.core.errors",
    "TermlocError": "termloc.core.errors",
    "UsageError": "termloc.core.errors",
    "GlossarySelection": "termloc.glossary.selection",
    "VariantError": "termloc.core.errors",
    "load_glossary": "termloc.glossary.validate",
    "Lookup": "termloc.lookup",
    "LookupResult": "termloc.lookup",
    "Variant": "termloc.core.variants",
    "load_variants": "termloc.core.variants",
}

if TYPE_CHECKING:
    from termloc.core.errors import GlossaryError, InputError, Problem, TermlocError, UsageError, VariantError
    from termloc.core.variants import Variant, load_variants
    from termloc.engine.converter import DEFAULT_GLOSSARY, Converter
    from termloc.glossary.model import Entry, Glossary, Row
    from termloc.glossary.selection import GlossarySelection
    from termloc.glossary.validate import load_glossary
    from termloc.lookup import Lookup, LookupResult


__getattr__ = lazy_names(__name__, _HOMES)
