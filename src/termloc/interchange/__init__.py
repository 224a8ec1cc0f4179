"""Interchange: the glossary in and out of other formats.

- `termloc.interchange.tbx` — TBX-Basic (TBX v3) out; TBX v3 and v2 in;
- `termloc.interchange.tbx2` — TBX v2 out, in Weblate's language codes, for Weblate and the Translate Toolkit;
- `termloc.interchange.omegat` — OmegaT's tab-separated glossaries, one per target;
- `termloc.interchange.table` — the multilingual CSV of spreadsheets and Weblate;
- `termloc.interchange.openccdict` — an OpenCC text dictionary for one variant;
- `termloc.interchange.cgroup` — Chinese Wikipedia's conversion groups (JSON and
  ``Module:CGroup`` Lua) in, with `termloc.interchange.conflicts` settling
  disagreements between groups and `termloc.interchange.cgroup_report`
  reporting them; `termloc.interchange.cgroup_page` writes a group back out;
- `termloc.engine.rules` and `termloc.interchange.lua` — the rule
  syntax and the Lua those groups are written in;
- `termloc.interchange.writer` — termloc glossary files, written safely;
- `termloc.cli.interchange` — the ``termloc export`` and ``termloc import`` commands.

The article's units as XLIFF 2.1 and the catalogs as TMX are catalog work:
`termloc.translation.xliff`, `termloc.translation.xliff_merge` and
`termloc.translation.tmx`.

The package imports nothing itself, so that ``termloc convert`` starts as fast
without it; import the module you need.
"""

__all__: list[str] = []
