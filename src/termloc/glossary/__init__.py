"""The glossary: model, selection, loading, validation, finding terms in text and the audit.

Names are imported on first use, so that the cached conversion path, which
reads no YAML, does not load the YAML reader either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from termloc.core.lazy import lazy_names

__all__ = [
    "CODES",
    "KINDS",
    "Entry",
    "Form",
    "Glossary",
    "GlossarySelection",
    "Group",
    "Row",
    "load_glossary",
    "validate",
]

_HOMES = {
    "CODES": "termloc.glossary.validate",
    "KINDS": "termloc.glossary.model",
    "Entry": "termloc.glossary.model",
    "Form": "termloc.glossary.model",
    "Glossary": "termloc.glossary.model",
    "GlossarySelection": "termloc.glossary.selection",
    "Group": "termloc.glossary.model",
    "Row": "termloc.glossary.model",
    "load_glossary": "termloc.glossary.validate",
    "validate": "termloc.glossary.validate",
}

if TYPE_CHECKING:
    from termloc.glossary.model import KINDS, Entry, Form, Glossary, Group, Row
    from termloc.glossary.selection import GlossarySelection
    from termloc.glossary.validate import CODES, load_glossary, validate


__getattr__ = lazy_names(__name__, _HOMES)
