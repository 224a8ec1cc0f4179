"""TMX 1.4 of the translated catalogs, read back with the Translate Toolkit's TMX reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from termloc import load_variants
from termloc.translation.catalogs import catalog_path, confirmed_translations

from .conftest import ARTICLE_NAME, ROOT, TRANSLATED, Cli

REGISTRY = load_variants()


@pytest.fixture(scope="module")
def memory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from termloc.cli import main

    target = tmp_path_factory.mktemp("tmx") / "memory.tmx"
    assert main(["export", "tmx", "--locales-dir", str(ROOT / "locales"), "-o", str(target)]) == 0
    return target


def test_every_translated_unit_with_every_locale(memory: Path) -> None:
    """Each unit the catalogs translate is one translation unit, holding each locale's confirmed translation."""
    store = tmxfile.parsefile(str(memory))
    catalogs = {
        tag: confirmed_translations(catalog_path(ROOT / "locales", REGISTRY[tag], ARTICLE_NAME), REGISTRY[tag])
        for tag in TRANSLATED
    }
    sources = {msgid for translations in catalogs.values() for msgid in translations}
    assert sorted(u.source for u in store.units) == sorted(sources)
    for unit in store.units:
        for tag, translations in catalogs.items():
            assert unit.gettarget(REGISTRY[tag].bcp47) == translations.get(unit.source, ""), (tag, unit.source)


def test_header_and_languages(memory: Path) -> None:
    root = etree.parse(str(memory)).getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert {k: header.get(k) for k in ("creationtool", "segtype", "srclang", "datatype")} == {
        "creationtool": "termloc",
        "segtype": "sentence",
        "srclang": "zh-Hans",
        "datatype": "plaintext",
    }
    languages = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")}
    assert languages == {"zh-Hans", "ko-KR", "ko-KP", "ru", "en"}


def test_fuzzy_translations_stay_out(cli: Cli, tmp_path: Path) -> None:
    """A draft is not memory: with one ru message made fuzzy, that unit has no ru translation."""
    from termloc.translation.pofiles import read_catalog, write_catalog

    folder = tmp_path / "locales"
    path = catalog_path(folder, REGISTRY["ru"], ARTICLE_NAME)
    path.parent.mkdir(parents=True)
    path.write_bytes(catalog_path(ROOT / "locales", REGISTRY["ru"], ARTICLE_NAME).read_bytes())
    catalog = read_catalog(path, "ru_RU")
    message = next(m for m in catalog if m.id and m.string)
    message.flags.add("fuzzy")
    write_catalog(path, catalog)
    code, out, _ = cli("export", "tmx", "--locales-dir", str(folder), "-o", str(tmp_path / "ru.tmx"))
    assert code == 0
    assert "translations in ru" in out
    store = tmxfile.parsefile(str(tmp_path / "ru.tmx"))
    assert message.id not in {u.source for u in store.units}
    assert len(store.units) == sum(1 for m in catalog if m.id and m.string) - 1
