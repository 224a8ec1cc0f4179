"""TBX for other tools, read by their own readers: TBX v2 by the Translate Toolkit (and so Weblate),
TBX v3 by LTAC Global's TBX-Basic RELAX NG schema."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree
from translate.misc.xml_helpers import getXMLlang
from translate.storage.tbx import tbxfile
from weblate_language_data.aliases import ALIASES
from weblate_language_data.languages import LANGUAGES

from termloc import load_variants
from termloc.core.han import char_tables
from termloc.glossary import load_glossary
from termloc.interchange.tbx import NAMESPACE, concept_id, export_tbx
from termloc.interchange.tbx2 import export_tbx_v2, weblate_variants

from .conftest import DATA, GLOSSARY, Cli

REGISTRY = load_variants()
PROJECT, _ = load_glossary([GLOSSARY])
TABLES = char_tables()
TBX_BASIC_RNG = DATA / "schemas" / "tbx-basic" / "TBXcoreStructV03_TBX-Basic_integrated.rng"
#: Locales Weblate has no language for: their codes are in Weblate's pattern, which it takes as new languages.
NEW_TO_WEBLATE = {"ko_KP", "zh_Hans_MY", "zh_Hant_MO"}


@pytest.fixture(scope="module")
def store() -> tbxfile:
    return tbxfile.parsestring(export_tbx_v2(PROJECT, REGISTRY, TABLES))


def terms(store: tbxfile, entry_id: str, code: str) -> list[tuple[str, str | None]]:
    unit = next(u for u in store.units if u.getid() == concept_id(entry_id))
    return [(t.text, t.administrative_status) for t in unit.get_target_terms(code)]


def test_the_translate_toolkit_reads_every_entry(store: tbxfile) -> None:
    assert [u.getid() for u in store.units] == [concept_id(e.id) for e in PROJECT.entries]


def test_every_language_of_every_entry_with_its_forms(store: tbxfile) -> None:
    """Each Weblate language holds what po check asks of a translator into that locale, row by row."""
    by_id = {u.getid(): u for u in store.units}
    checked = 0
    for entry in PROJECT.entries:
        unit = by_id[concept_id(entry.id)]
        for variant in weblate_variants(REGISTRY):
            read = [(t.text, t.administrative_status) for t in unit.get_target_terms(variant.weblate)]
            for row in entry.rows:
                forms = row.forms_for(variant, TABLES, name=entry.is_name)
                if forms.preferred is not None:
                    assert (forms.preferred.text, "preferredTerm-admn-sts") in read, (entry.id, variant.tag)
                    checked += 1
                for text in forms.deprecated:
                    assert (text, "deprecatedTerm-admn-sts") in read, (entry.id, variant.tag)
    assert checked > 1000


def test_regional_forms_stay_apart(store: tbxfile) -> None:
    # Checked by hand against glossary/people.yaml: Taiwan 普丁, Hong Kong 普京, North Korea 뿌찐.
    assert terms(store, "vladimir-putin", "zh_Hant") == [
        ("弗拉迪米爾·普丁", "preferredTerm-admn-sts"),
        ("普丁", "preferredTerm-admn-sts"),
    ]
    assert ("普京", "preferredTerm-admn-sts") in terms(store, "vladimir-putin", "zh_Hant_HK")
    assert ("뿌찐", "preferredTerm-admn-sts") in terms(store, "vladimir-putin", "ko_KP")
    assert ("푸틴", "preferredTerm-admn-sts") in terms(store, "vladimir-putin", "ko")
    assert ("Путин", "preferredTerm-admn-sts") in terms(store, "vladimir-putin", "ru")


def test_deprecated_terms_read_as_deprecated(store: tbxfile) -> None:
    unit = next(u for u in store.units if u.getid() == "north-korea")
    simplified = {t.text: t for t in unit.get_target_terms("zh_Hans")}
    assert simplified["北韩"].deprecated  # glossary: deprecated zh-Hans 北韩
    assert not simplified["朝鲜"].deprecated
    assert "北韩" not in {t.text for t in unit.get_target_terms("zh_Hant")}  # Taiwan writes 北韓 itself


def test_notes_are_read(store: tbxfile) -> None:
    for entry in PROJECT.entries:
        unit = next(u for u in store.units if u.getid() == concept_id(entry.id))
        notes = {(n.text, n.category) for n in unit.get_common_notes()}
        assert (entry.kind, "subjectField") in notes
        if entry.note:
            assert (entry.note, "definition") in notes


def test_codes_are_weblates(store: tbxfile) -> None:
    weblate = {code for code, *_ in LANGUAGES}
    written = {getXMLlang(node) for u in store.units for node in u.getlanguageNodes()}
    assert written == {v.weblate for v in weblate_variants(REGISTRY)}
    assert written - weblate == NEW_TO_WEBLATE
    assert not {code.lower() for code in NEW_TO_WEBLATE} & set(ALIASES)  # Weblate reads them as themselves
    # Weblate's own aliases: its zh_Hans is mainland China's Chinese, zh_Hant Taiwan's.
    assert (ALIASES["zh_cn"], ALIASES["zh_tw"]) == ("zh_Hans", "zh_Hant")
    assert (REGISTRY["zh-CN"].weblate, REGISTRY["zh-TW"].weblate) == ("zh_Hans", "zh_Hant")
    assert REGISTRY["zh-Hans"].weblate is None
    assert REGISTRY["zh-Hant"].weblate is None


def test_cli_writes_v2_on_request_and_v3_by_default(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("export", "tbx", "--dialect", "v2", "-o", str(tmp_path / "v2.tbx"))
    assert code == 0
    assert "TBX v2" in out
    assert len(tbxfile.parsefile(str(tmp_path / "v2.tbx")).units) == len(PROJECT.entries)
    assert cli("export", "tbx", "-o", str(tmp_path / "v3.tbx"))[0] == 0
    assert etree.parse(str(tmp_path / "v3.tbx")).getroot().tag == f"{{{NAMESPACE}}}tbx"


# --- TBX v3 against the TBX-Basic schema ------------------------------------------------------------


@pytest.fixture(scope="module")
def tbx_basic() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(TBX_BASIC_RNG)))


def test_tbx_v3_export_validates_against_tbx_basic(tbx_basic: etree.RelaxNG) -> None:
    document = etree.fromstring(export_tbx(PROJECT, REGISTRY))
    assert tbx_basic.validate(document), tbx_basic.error_log


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda t: t.set("type", "madeUpCategory"), "a data category TBX-Basic does not have"),
        (lambda t: t.getparent().getparent().append(t), "a termNote at the langSec level"),
        (lambda t: t.getparent().remove(t.getparent()[0]), "a termSec without its term"),
    ],
)
def test_the_schema_catches_what_tbx_basic_forbids(tbx_basic: etree.RelaxNG, change: object, why: str) -> None:
    """Positive controls: the same export, changed in one place, fails. (The schema holds the data
    categories and their levels; their values, such as the statuses, were checked by the dialect's
    Schematron, which needs XSLT 2: tests/test_interchange.py checks those.)"""
    document = copy.deepcopy(etree.fromstring(export_tbx(PROJECT, REGISTRY)))
    note = document.find(f".//{{{NAMESPACE}}}termNote")
    assert callable(change)
    change(note)
    assert not tbx_basic.validate(document), why
