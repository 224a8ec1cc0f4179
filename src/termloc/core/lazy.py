"""Names a package hands on, imported from their home modules on first use.

A package's ``__init__`` that imports everything it offers makes every
import of the package pay for all of it (the YAML reader, Babel, lxml);
the cached conversion path should pay for none of that.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` for ``package``: each name of ``homes`` is imported when first asked for."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(sys.modules[package], name, value)  # asked once
        return value

    return __getattr__
