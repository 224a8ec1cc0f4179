"""The glossary: model, loading and validation."""

from termloc.glossary.model import KINDS, Entry, Form, Glossary, Group, Row
from termloc.glossary.validate import CODES, load_glossary, validate

__all__ = ["CODES", "KINDS", "Entry", "Form", "Glossary", "Group", "Row", "load_glossary", "validate"]
