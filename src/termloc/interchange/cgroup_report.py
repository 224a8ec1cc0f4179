"""The report of a conversion-group import: every conflict and every form left out.

`report_tsv` writes all of it, one record a line, for ``conflicts.tsv``;
`report_table` shows the conflicts on the terminal.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence

from termloc.interchange.cgroup import Dropped

__all__ = ["REPORT_COLUMNS", "report_table", "report_tsv"]


REPORT_COLUMNS = (
    "what",
    "group",
    "rule",
    "entry",
    "variants",
    "form",
    "rule gives",
    "termloc gives",
    "given by",
    "detail",
)


def report_tsv(dropped: Sequence[Dropped]) -> str:
    """Every record of the import's report as tab-separated values, one per line."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for d in dropped:
        writer.writerow(
            [
                d.what,
                d.group,
                d.rule,
                d.entry,
                " ".join(d.variants),
                d.form,
                d.gives,
                d.kept,
                ", ".join(d.kept_by),
                d.detail,
            ]
        )
    return out.getvalue()


def report_table(dropped: Sequence[Dropped], variants: Sequence[str], limit: int = 20) -> str:
    """The conflicts as a table for the terminal: counts by variant, then the first ``limit``.

    Conflicts between groups come first, then those within one group.
    """
    conflicts = sorted(
        (d for d in dropped if d.what == "conflict"), key=lambda d: d.group in d.kept_by
    )  # a stable sort: report order within each part
    if not conflicts:
        return "no conflicts"
    by_variant = {tag: 0 for tag in variants}
    for d in conflicts:
        by_variant[d.variants[0]] = by_variant.get(d.variants[0], 0) + 1
    lines = [
        f"{len(conflicts):,} conversions dropped in conflicts ("
        + ", ".join(f"{tag} {count:,}" for tag, count in by_variant.items() if count)
        + f"), {sum(d.group not in d.kept_by for d in conflicts):,} of them between groups; "
        + f"the first {min(limit, len(conflicts))}:",
        f"  {'variant':<8} {_pad('form', 16)} {_pad('group, rule', 24)} {_pad('gave', 16)} kept (given by)",
    ]
    for d in conflicts[:limit]:
        given_by = ", ".join(d.kept_by[:3]) + (" ..." if len(d.kept_by) > 3 else "")
        where = _pad(f"{d.group} #{d.rule}", 24)
        lines.append(f"  {d.variants[0]:<8} {_pad(d.form, 16)} {where} {_pad(d.gives, 16)} {d.kept} ({given_by})")
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (CJK characters take two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)
