"""The multilingual CSV that spreadsheets and Weblate read: one column per language.

One line per term row (a single-row entry is one line), one column per
language tag; the entry's own fields are written on its first line::

    id,group,kind,origin,note,sources,zh-Hans,zh-TW,zh-HK,ko,ko-KP,en,admitted,deprecated,from
    vladimir-putin,people,person,ru,President of Russia.,zhwiki ...,普京,普丁,普京,푸틴,뿌찐,Putin,zh-TW: 普廷,,

A second line with the same id is the entry's next row. Cells that hold
several values (``sources``, ``admitted``, ``deprecated``, a one-way row's
``from``) put one per line; ``admitted`` and ``deprecated`` write
``tag: form``. The file is UTF-8 with a byte-order mark, which spreadsheet
programs need to read Chinese. Group titles and descriptions are not
carried: a CSV file holds entries only.

On import, only ``id`` and one language column are required: a missing
``group`` is the file's name, ``kind`` is ``term``, ``sources`` names the
file. Language columns may use any spelling termloc accepts (zh_TW,
zh-Hant-TW).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from termloc.core.errors import InputError, VariantError
from termloc.core.files import read_text
from termloc.core.variants import VariantRegistry
from termloc.glossary.model import Entry, Glossary, Group, Row
from termloc.glossary.validate import unfit_chinese

__all__ = ["ENTRY_COLUMNS", "ROW_COLUMNS", "TableImport", "export_csv", "read_csv"]

ENTRY_COLUMNS = ("id", "group", "kind", "origin", "note", "sources")
ROW_COLUMNS = ("admitted", "deprecated", "from")


def _status(forms: Mapping[str, tuple[str, ...]]) -> str:
    return "\n".join(f"{tag}: {text}" for tag, texts in forms.items() for text in texts)


def export_csv(glossary: Glossary, registry: VariantRegistry) -> str:
    """``glossary`` as multilingual CSV text (with a byte-order mark)."""
    used = {tag for entry in glossary.entries for row in entry.rows for tag in row.forms}
    tags = [tag for tag in registry if tag in used] + sorted(used - set(registry))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*ENTRY_COLUMNS, *tags, *ROW_COLUMNS])
    for entry in glossary.entries:
        for number, row in enumerate(entry.rows):
            head = (
                [entry.id, entry.group, entry.kind, entry.origin or "", entry.note, "\n".join(entry.sources)]
                if number == 0
                else [entry.id, "", "", "", "", ""]
            )
            forms = [row.forms.get(tag, "") for tag in tags]
            writer.writerow([*head, *forms, _status(row.admitted), _status(row.deprecated), "\n".join(row.one_way)])
    return "\ufeff" + out.getvalue()


@dataclass
class TableImport:
    """What a CSV file gave: groups of entries, and what was skipped."""

    groups: list[Group]
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Pending:
    fields: dict[str, str]
    rows: list[Row]
    line: int


def _header(row: list[str], path: Path, registry: VariantRegistry) -> list[str]:
    columns: list[str] = []
    for cell in row:
        name = cell.strip()
        if name in ENTRY_COLUMNS or name in ROW_COLUMNS:
            columns.append(name)
            continue
        try:
            columns.append(registry.normalise(name))
        except VariantError:
            expected = ", ".join([*ENTRY_COLUMNS, *ROW_COLUMNS])
            raise InputError(
                path, f"unknown column {name!r}; expected {expected}, or a language tag ({', '.join(registry)})", 1
            ) from None
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise InputError(path, f"the column {duplicates[0]!r} appears twice (as spelled or as an alias)", 1)
    if "id" not in columns or not any(c in registry for c in columns):
        raise InputError(path, "the header needs an 'id' column and at least one language column (zh-Hans, en ...)", 1)
    return columns


def _status_cell(cell: str, path: Path, line: int, registry: VariantRegistry) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for part in cell.splitlines():
        if not part.strip():
            continue
        tag, colon, text = part.partition(":")
        try:
            tag = registry.normalise(tag)
        except VariantError:
            colon = ""
        if not colon or not text.strip():
            raise InputError(path, f"{part!r} is not 'tag: form' (e.g. 'zh-TW: 普廷')", line)
        found.setdefault(tag, []).append(text.strip())
    return {tag: tuple(texts) for tag, texts in found.items()}


def _records(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each record, with the line it starts on."""
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, strict=True)
    line = 1
    try:
        for record in reader:
            yield line, record
            line = reader.line_num + 1
    except csv.Error as err:
        raise InputError(path, f"malformed CSV: {err}", reader.line_num or line) from None


def _forms(values: dict[str, str], registry: VariantRegistry, where: str, warnings: list[str]) -> dict[str, str]:
    """The forms of one line (tag → text), the unusable ones left out with a warning."""
    forms: dict[str, str] = {}
    for tag, text in values.items():
        if tag not in registry or not text:
            continue
        if tag.startswith("zh") and unfit_chinese(text):
            warnings.append(f"{where}: skipped the Chinese form {text!r}: it has a space")
            continue
        forms[tag] = text
    return forms


def read_csv(path: Path, registry: VariantRegistry) -> TableImport:
    """The glossary groups in the CSV file ``path``; `InputError` (file:line) if it is malformed."""
    records = _records(read_text(path), path)
    first = next(records, None)
    if first is None:
        raise InputError(path, "the file is empty; the first line must name the columns", 1)
    columns = _header(first[1], path, registry)
    warnings: list[str] = []
    default_group = re.sub(r"[^\w-]+", "-", path.stem).strip("-") or "csv"
    entries: dict[str, _Pending] = {}
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            raise InputError(path, f"{len(cells)} cells but {len(columns)} columns", line)
        values = dict(zip(columns, [c.strip() for c in cells], strict=False))
        entry_id = values.get("id", "")
        if not entry_id:
            raise InputError(path, "a line with no id; every line names its entry", line)
        forms = _forms(values, registry, f"{path}:{line}", warnings)
        if not forms:
            warnings.append(f"{path}:{line}: left out the line of {entry_id!r}: it has no form termloc can use")
            continue
        row = Row(
            forms,
            _status_cell(values.get("admitted", ""), path, line, registry),
            _status_cell(values.get("deprecated", ""), path, line, registry),
            line,
            one_way=tuple(t.strip() for t in values.get("from", "").splitlines() if t.strip()),
        )
        fields = {name: values.get(name, "") for name in ENTRY_COLUMNS[1:]}
        known = entries.get(entry_id)
        if known is None:
            entries[entry_id] = _Pending(fields, [row], line)
        elif any(value and value != known.fields[name] for name, value in fields.items()):
            raise InputError(path, f"entry {entry_id!r} is described again differently; leave the fields empty", line)
        else:
            known.rows.append(row)
    built: list[Entry] = []
    for entry_id, pending in entries.items():
        fields = pending.fields
        sources = tuple(s.strip() for s in fields["sources"].splitlines() if s.strip())
        built.append(
            Entry(
                entry_id,
                fields["kind"] or "term",
                tuple(pending.rows),
                sources or (f"imported from {path.name}",),
                fields["note"],
                fields["origin"] or None,
                fields["group"] or default_group,
                str(path),
                pending.line,
            )
        )
    names = list(dict.fromkeys(entry.group for entry in built))
    groups = [Group(name, {}, "", "", tuple(e for e in built if e.group == name)) for name in names]
    return TableImport(groups, warnings)
