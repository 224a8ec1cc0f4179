"""XLIFF 2.1 for CAT tools: the extract validates against the OASIS schemas, and a translated unit
comes back into the PO catalog (extract → translate → merge → po check)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from termloc import load_variants
from termloc.translation.catalogs import catalog_path
from termloc.translation.pofiles import read_catalog, write_catalog
from termloc.translation.xliff import GLOSSARY_NAMESPACE, NAMESPACE

from .conftest import ARTICLE_NAME, DATA, ROOT, Cli

REGISTRY = load_variants()
SCHEMAS = DATA / "schemas" / "xliff-2.1"
X = f"{{{NAMESPACE}}}"
GLS = f"{{{GLOSSARY_NAMESPACE}}}"
#: Imports the core and the Glossary module from tests/data/schemas (no schema is fetched).
DRIVER = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="{NAMESPACE}" schemaLocation="xliff_core_2.0.xsd"/>
  <xs:import namespace="{GLOSSARY_NAMESPACE}" schemaLocation="glossary.xsd"/>
</xs:schema>"""


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.fromstring(DRIVER, parser, base_url=f"{SCHEMAS}/"))


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the project's catalogs, to merge into."""
    folder = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", folder)
    return folder


def extract(cli: Cli, folder: Path, locale: str, target: Path) -> etree._Element:
    code, _, err = cli("xliff", "extract", "--locale", locale, "--locales-dir", str(folder), "-o", str(target))
    assert code == 0, err
    return etree.parse(str(target)).getroot()


def test_extract_validates_against_the_oasis_schemas(
    cli: Cli, locales: Path, tmp_path: Path, schema: etree.XMLSchema
) -> None:
    for locale in ("ru", "ko-KP", "zh-TW", "uk"):  # translated, translated, a review locale, no catalog
        document = extract(cli, locales, locale, tmp_path / f"{locale}.xlf")
        assert schema.validate(document), (locale, schema.error_log)
        assert document.get("version") == "2.1"
        assert document.get("trgLang") == REGISTRY[locale].bcp47
        assert len(document.findall(f".//{X}unit")) == len(read_catalog(locales / f"{ARTICLE_NAME}.pot"))


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda gloss: gloss.remove(gloss.find(f"{GLS}term")), "a glossEntry without its term"),
        (lambda gloss: gloss.append(etree.Element(f"{GLS}definitions")), "an element the module does not have"),
        (lambda gloss: gloss.getparent().getparent().append(gloss.getparent()), "the glossary after the segment"),
    ],
)
def test_the_schemas_catch_a_broken_glossary(
    cli: Cli, locales: Path, tmp_path: Path, schema: etree.XMLSchema, change: object, why: str
) -> None:
    """Positive controls: the Glossary module is validated, not skipped as foreign content."""
    document = extract(cli, locales, "ru", tmp_path / "ru.xlf")
    assert callable(change)
    change(document.find(f".//{GLS}glossEntry"))
    assert not schema.validate(document), why


def test_units_carry_the_glossary_in_the_target_locale(cli: Cli, locales: Path, tmp_path: Path) -> None:
    document = extract(cli, locales, "ru", tmp_path / "ru.xlf")
    entries = {
        (e.findtext(f"{GLS}term"), e.find(f"{GLS}term").get("source"), e.findtext(f"{GLS}translation"))
        for e in document.iter(f"{GLS}glossEntry")
    }
    # Checked by hand against glossary/people.yaml and states-and-organisations.yaml.
    assert ("普京", "termloc glossary: vladimir-putin", "Путин") in entries
    assert ("朝鲜", "termloc glossary: north-korea", "КНДР") in entries
    taiwan = extract(cli, locales, "zh-TW", tmp_path / "zh-TW.xlf")
    assert ("普京", "普丁") in {
        (e.findtext(f"{GLS}term"), e.findtext(f"{GLS}translation")) for e in taiwan.iter(f"{GLS}glossEntry")
    }


def test_extract_translate_merge_check_round_trip(cli: Cli, locales: Path, tmp_path: Path) -> None:
    """A unit left untranslated in the catalog, translated in the XLIFF file, merged, passes po check."""
    path = catalog_path(locales, REGISTRY["ru"], ARTICLE_NAME)
    catalog = read_catalog(path, "ru_RU")
    message = next(m for m in catalog if m.id and "普京" in str(m.id) and m.string)
    translation = str(message.string)
    message.string = ""
    write_catalog(path, catalog)
    target = tmp_path / "ru.xlf"
    document = extract(cli, locales, "ru", target)
    unit = next(u for u in document.iter(f"{X}unit") if u.findtext(f".//{X}source") == message.id)
    segment = unit.find(f"{X}segment")
    assert segment.find(f"{X}target") is None
    etree.SubElement(segment, f"{X}target").text = translation  # the translator's work in a CAT tool
    segment.set("state", "translated")
    target.write_bytes(etree.tostring(document, xml_declaration=True, encoding="UTF-8"))
    code, out, err = cli("xliff", "merge", str(target), "--locale", "ru", "--locales-dir", str(locales))
    assert code == 0, err
    assert "1 new or changed" in out
    merged = read_catalog(path, "ru_RU").get(message.id)
    assert merged is not None
    assert merged.string == translation
    assert not merged.fuzzy
    code, out, err = cli("po", "check", "--locale", "ru", "--locales-dir", str(locales))
    assert code == 0, out + err


def test_a_changed_source_comes_back_fuzzy(cli: Cli, locales: Path, tmp_path: Path) -> None:
    """The article changed since the extract: the unit's translation goes, fuzzy, to the new source."""
    path = catalog_path(locales, REGISTRY["ru"], ARTICLE_NAME)
    catalog = read_catalog(path, "ru_RU")
    message = next(m for m in catalog if m.id and len(str(m.id)) > 30 and m.string)
    translation = str(message.string)
    message.string = ""
    write_catalog(path, catalog)
    target = tmp_path / "ru.xlf"
    document = extract(cli, locales, "ru", target)
    unit = next(u for u in document.iter(f"{X}unit") if u.findtext(f".//{X}source") == message.id)
    old_source = str(message.id)[:-2] + "。"  # what the extract would have held before an edit of the article
    unit.find(f".//{X}source").text = old_source
    segment = unit.find(f"{X}segment")
    etree.SubElement(segment, f"{X}target").text = translation
    segment.set("state", "translated")
    target.write_bytes(etree.tostring(document, xml_declaration=True, encoding="UTF-8"))
    code, out, err = cli("xliff", "merge", str(target), "--locale", "ru", "--locales-dir", str(locales))
    assert code == 0, err
    assert "1 fuzzy on a changed source" in out
    merged = read_catalog(path, "ru_RU").get(message.id)
    assert merged is not None
    assert merged.string == translation
    assert merged.fuzzy
    assert merged.previous_id == [old_source]


def test_a_source_with_nowhere_to_go_is_kept_obsolete(cli: Cli, locales: Path, tmp_path: Path) -> None:
    target = tmp_path / "ru.xlf"
    document = extract(cli, locales, "ru", target)
    unit = document.find(f".//{X}unit")
    unit.find(f".//{X}source").text = "一句完全不同的话"
    unit.find(f".//{X}target").text = "Совсем другая фраза"
    target.write_bytes(etree.tostring(document, xml_declaration=True, encoding="UTF-8"))
    code, out, _ = cli("xliff", "merge", str(target), "--locale", "ru", "--locales-dir", str(locales))
    assert code == 0
    assert "1 kept as obsolete" in out
    kept = read_catalog(catalog_path(locales, REGISTRY["ru"], ARTICLE_NAME), "ru_RU").obsolete
    assert kept["一句完全不同的话"].string == "Совсем другая фраза"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<xliff", ":1: malformed XML"),
        ('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>', ":1: not XLIFF 2"),
        (f'<xliff xmlns="{NAMESPACE}" version="2.1" srcLang="zh-Hans"/>', ":1: no trgLang"),
        (f'<xliff xmlns="{NAMESPACE}" version="2.1" srcLang="zh-Hans" trgLang="ko"/>', ":1: trgLang 'ko' is not ru"),
        (
            f'<xliff xmlns="{NAMESPACE}" version="2.1" srcLang="zh-Hans" trgLang="ru">\n<file id="f">\n'
            '<unit id="u1"><segment><target>x</target></segment></unit></file></xliff>',
            ":3: unit 'u1': a <segment> without a <source>",
        ),
        (
            f'<xliff xmlns="{NAMESPACE}" version="2.1" srcLang="zh-Hans" trgLang="ru"><file id="f">\n'
            '<unit id="u1"><segment><source>a</source></segment></unit>\n'
            '<unit id="u1"><segment><source>b</source></segment></unit></file></xliff>',
            ":3: unit id 'u1' twice (first at line 2)",
        ),
    ],
)
def test_a_malformed_file_is_one_line_and_nothing_is_written(
    cli: Cli, locales: Path, tmp_path: Path, text: str, message: str
) -> None:
    path = catalog_path(locales, REGISTRY["ru"], ARTICLE_NAME)
    before = path.read_bytes()
    bad = tmp_path / "bad.xlf"
    bad.write_text(text, encoding="utf-8")
    code, _, err = cli("xliff", "merge", str(bad), "--locale", "ru", "--locales-dir", str(locales))
    assert code == 1
    assert err.count("\n") == 1, err
    assert err.startswith(f"termloc: {bad}{message}"), err
    assert path.read_bytes() == before
