"""Reading XML files safely: no entities resolved, no network, no DTD; a fault is one `InputError`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from termloc.core.errors import InputError

__all__ = ["parse_xml"]


def parse_xml(path: Path) -> Any:
    """The root element of the XML file ``path`` (comments dropped); `InputError` with the line of a
    syntax error, or for a file that cannot be read."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        return etree.parse(str(path), parser).getroot()
    except OSError as err:
        raise InputError(path, f"cannot read: {err}") from None
    except etree.XMLSyntaxError as err:
        raise InputError(path, f"malformed XML: {err.msg}", err.lineno or 1) from None
