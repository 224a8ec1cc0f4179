"""The exceptions termloc raises.

Every error is a `TermlocError`; each subclass also subclasses the builtin it
resembles, so callers that only know Python's exceptions still catch it.
Messages quote the input with ``!r``, say what was expected and, where there
is one, name the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "GlossaryError",
    "InputError",
    "Problem",
    "Severity",
    "TermlocError",
    "TermlocWarning",
    "UsageError",
    "VariantError",
]


class TermlocError(Exception):
    """Base class of every error termloc raises on purpose."""

    #: Exit code the command line uses for this error: 1 data, 2 usage.
    exit_code: int = 1


class TermlocWarning(UserWarning):
    """Something termloc worked around and says so: the command line prints it as one line."""


class UsageError(TermlocError, ValueError):
    """Bad usage: an unknown option, command or value."""

    exit_code = 2


class VariantError(TermlocError, ValueError):
    """A variant or locale tag that termloc does not know."""

    exit_code = 2

    def __init__(self, tag: str, known: list[str]) -> None:
        self.tag = tag
        self.known = known
        super().__init__(
            f"unknown variant {tag!r}; expected one of {', '.join(known)} "
            "(MediaWiki codes such as zh-tw and BCP 47 forms such as "
            "zh-Hant-TW are accepted too; 'termloc variants' lists them)"
        )


class InputError(TermlocError, ValueError):
    """Input text that cannot be read: missing, unreadable or not UTF-8."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        """Pickled with its fields, so that a worker process's error reaches the command whole."""
        return type(self), (self.path, self.problem, self.line)


#: How much a `Problem` matters: an error fails the command; information does not.
Severity = Literal["error", "info"]


@dataclass(frozen=True)
class Problem:
    """One diagnostic about one place in a file: a glossary problem (G001 ...)
    found by validation, or a translation finding (P001 ...) found by the checks.
    """

    file: str
    line: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.code}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view (the hint only where there is one)."""
        view: dict[str, object] = {"file": self.file, "line": self.line, "code": self.code, "message": self.message}
        if self.hint:
            view["hint"] = self.hint
        view["severity"] = self.severity
        return view


class GlossaryError(TermlocError, ValueError):
    """A glossary that failed validation; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid glossary"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)
