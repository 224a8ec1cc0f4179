"""Explained conversion: spans that cover the input, concatenate to the conversion, and say why."""

from __future__ import annotations

import pytest

from termloc import Converter
from termloc.engine.explain import KINDS, Span, join
from tests.conftest import opencc_cases

VARIANTS = ("zh-Hans", "zh-Hant", "zh-CN", "zh-SG", "zh-MY", "zh-TW", "zh-HK", "zh-MO")


def _check_cover(text: str, spans: list[Span]) -> None:
    """The spans cover ``text`` in order, and their output offsets count the output."""
    assert "".join(span.source for span in spans) == text
    position = out = 0
    for span in spans:
        assert (span.start, span.end) == (position, position + len(span.source))
        assert text[span.start : span.end] == span.source
        assert (span.out_start, span.out_end) == (out, out + len(span.output))
        assert span.kind in KINDS
        assert not span.unexplained
        position, out = span.end, span.out_end


@pytest.fixture(scope="module")
def converters() -> dict[tuple[str, bool], Converter]:
    out = {}
    for variant in VARIANTS:
        out[variant, True] = Converter(variant)  # the reference chosen for each text, as convert does
        out[variant, False] = Converter(variant, glossary=None, reference=None, punctuation="keep")
    return out


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("glossary", [True, False], ids=["glossary", "plain-opencc"])
def test_spans_concatenate_to_convert_on_the_article(
    converters: dict[tuple[str, bool], Converter], article: str, variant: str, glossary: bool
) -> None:
    converter = converters[variant, glossary]
    spans = converter.explain(article)
    assert join(spans) == converter.convert(article)
    _check_cover(article, spans)
    assert any(span.changed for span in spans)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_term_span_is_its_key_alone_on_the_article(
    converters: dict[tuple[str, bool], Converter], article: str, variant: str
) -> None:
    # A later stage skipped 京访问 whole where the glossary had matched 普京 (zh-CN: one span
    # 普京访问, 86 in the article), and a key proved redundant went unnamed (zh-SG: 普京 unchanged).
    spans = converters[variant, True].explain(article)
    terms = [span for span in spans if span.kind in ("glossary", "reference")]
    assert len(terms) > 190
    assert [(span.source, span.key) for span in terms if span.source != span.key] == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_spans_concatenate_to_convert_on_openccs_cases(
    converters: dict[tuple[str, bool], Converter], variant: str
) -> None:
    cases = opencc_cases()
    assert len(cases) > 200
    # The glossary without the reference: with ``auto`` each case would choose its own groups
    # and compile a converter for them, which the article test covers.
    for converter in (Converter(variant, reference=None), converters[variant, False]):
        for case in cases:
            text = str(case["input"])
            spans = converter.explain(text)
            assert join(spans) == converter.convert(text), (variant, converter, case["id"])
            _check_cover(text, spans)


def test_every_putin_in_the_taiwan_article_names_its_entry(
    converters: dict[tuple[str, bool], Converter], article: str
) -> None:
    spans = converters["zh-TW", True].explain(article)
    putin = [span for span in spans if "普丁" in span.output]
    assert len(putin) >= 5
    assert all(span.kind == "glossary" and span.entry == "vladimir-putin" for span in putin)
    assert putin[0].form == "zh-TW"
    assert putin[0].file
    assert "/glossary/people.yaml:" in putin[0].file
    assert putin[0].sources  # the entry's own sources travel with the span
    assert "普丁 ← 普京: glossary vladimir-putin (zh-TW form)" in {span.describe() for span in putin}


def test_a_form_taken_through_the_fallback_chain_names_the_variant_that_gives_it() -> None:
    # glossary/people.yaml, vladimir-putin's short row: zh-Hans 普京, zh-TW 普丁, zh-HK 普京 and
    # nothing for zh-MO (falls back to zh-HK) or zh-SG (zh-MY, then zh-Hans).
    forms = {}
    for variant in ("zh-TW", "zh-HK", "zh-MO", "zh-SG", "zh-CN"):
        [putin] = [s for s in Converter(variant, reference=None).explain("普京访问") if s.entry == "vladimir-putin"]
        forms[variant] = putin.form
    assert forms == {"zh-TW": "zh-TW", "zh-HK": "zh-HK", "zh-MO": "zh-HK", "zh-SG": "zh-Hans", "zh-CN": "zh-Hans"}


def test_an_opencc_phrase_change_names_its_dictionary_file() -> None:
    spans = Converter("zh-TW", reference=None).explain("软件")
    assert [(s.source, s.output, s.kind, s.dictionary, s.key) for s in spans] == [
        ("软件", "軟體", "opencc-phrase", "TWPhrases", "軟件")
    ]
    # the chain of stages: STCharacters wrote 軟, TWPhrases then 軟體 from 軟件
    assert [(step.dictionary, step.key, step.output) for step in spans[0].steps] == [
        ("STCharacters", "软", "軟"),
        ("TWPhrases", "軟件", "軟體"),
    ]
    assert spans[0].describe() == "軟體 ← 软件: OpenCC TWPhrases"


def test_a_character_change_and_plain_opencc() -> None:
    spans = Converter("zh-Hant", glossary=None, reference=None).explain("汉")
    found = [(s.kind, s.dictionary, s.key, s.output) for s in spans]
    assert found == [("opencc-character", "STCharacters", "汉", "漢")]


def test_one_to_many_entries_are_ambiguous() -> None:
    # OpenCC's STCharacters offers 發 and 髮 for 发; it writes the first.
    (span,) = Converter("zh-Hant", glossary=None, reference=None).explain("发")
    assert span.output == "發"
    assert span.ambiguous[:2] == ("發", "髮")
    assert "OpenCC offers 發 / 髮" in span.describe()
    assert span.decided


def test_a_longer_key_that_won_names_the_shorter_one() -> None:
    # 朝鲜半岛 (the peninsula) is one key; 朝鲜 (the state: 北韓 in Taiwan) lost to it.
    spans = Converter("zh-TW", reference=None).explain("朝鲜半岛")
    (span,) = spans
    assert span.output == "朝鮮半島"
    lost = {(x.key, x.why) for x in span.lost}
    assert ("朝鲜", "longer key") in lost
    assert next(x for x in span.lost if x.key == "朝鲜").output == "北韓"


def test_a_glossary_form_opencc_would_change_is_a_decided_span() -> None:
    (span,) = Converter("zh-TW", reference=None).explain("朴成哲")
    assert (span.output, span.kind, span.changed, span.decided) == ("朴成哲", "glossary", False, True)
    assert span.entry is not None


def test_a_glossary_key_opencc_gets_right_still_names_its_entry() -> None:
    # zh-CN's 斯大林 is what OpenCC writes anyway, so the compiled table leaves the key out;
    # the span still names the entry that decided it.
    (span,) = Converter("zh-CN", reference=None).explain("斯大林")
    assert (span.output, span.kind) == ("斯大林", "glossary")
    assert span.entry == "joseph-stalin"


def test_reference_rules_name_their_group_and_number() -> None:
    spans = Converter("zh-TW", reference=["政治人物"]).explain("特朗普")
    (span,) = spans
    assert (span.output, span.kind) == ("川普", "reference")
    assert span.group is not None
    assert "CGroup/" in span.group
    assert isinstance(span.rule, int)


def test_quotation_marks_are_spans_of_their_own() -> None:
    spans = Converter("zh-TW", reference=None).explain("“普京”说")
    assert [(s.source, s.output, s.kind) for s in spans] == [
        ("“", "「", "punctuation"),
        ("普京", "普丁", "glossary"),
        ("”", "」", "punctuation"),
        ("说", "說", "opencc-character"),
    ]


def test_traditional_input_is_kept_and_nul_survives() -> None:
    converter = Converter("zh-TW", reference=None)
    text = "克里姆林宮裡的娘家\0普京"
    spans = converter.explain(text)
    assert join(spans) == converter.convert(text)
    _check_cover(text, spans)
    # the Traditional clause is not converted again: 克里姆林宮, never 克裡姆林宮; 娘家, never 孃家
    kept = "克里姆林宮裡的娘家\0"
    assert (spans[0].source, spans[0].output, spans[0].kind) == (kept, kept, "unchanged")
    assert (spans[-1].source, spans[-1].output, spans[-1].kind) == ("普京", "普丁", "glossary")


def test_markup_and_document_rules_are_explained() -> None:
    converter = Converter("zh-TW", reference=None)
    text = "激光与-{普京}-和激光器，-{A|zh-cn:镭射;zh-tw:雷射光;}-"
    resolved = converter.resolve(text, ["zh-cn:激光器;zh-tw:雷射器;"], explain=True)
    assert resolved.spans is not None
    assert join(resolved.spans) == resolved.text == converter.resolve(text, ["zh-cn:激光器;zh-tw:雷射器;"]).text
    _check_cover(text, resolved.spans)
    kinds = {(s.source, s.kind) for s in resolved.spans}
    assert ("-{普京}-", "markup") in kinds
    assert ("激光器", "document-rule") in kinds
    rule = next(s for s in resolved.spans if s.source == "激光器")
    assert rule.rule == "zh-cn:激光器;zh-tw:雷射器;"
    assert rule.output == "雷射器"


def test_json_shape() -> None:
    (span,) = Converter("zh-TW", reference=None).explain("普京")
    data = span.as_json()
    assert data["start"] == 0
    assert data["end"] == 2
    assert data["kind"] == "glossary"
    assert data["entry"] == "vladimir-putin"
    assert data["layer"] == 0
    assert isinstance(data["row"], int)
    assert data["sources"]


def test_markup_spans_concatenate_on_mediawikis_cases() -> None:
    """MediaWiki's own markup cases, each through one resolver per case as `render` uses it."""
    from tests.test_markup import _mediawiki_cases

    cases = [case for case in _mediawiki_cases() if str(case["variant"]) != "zh"]
    if not cases:
        pytest.skip("MediaWiki's cases are not here (../shared is laid beside the checkout in CI)")
    converters: dict[str, Converter] = {}
    kinds: set[str] = set()
    for case in cases:
        variant = str(case["variant"])
        converter = converters.setdefault(variant, Converter(variant, reference=None, punctuation="keep"))
        text = str(case["input"])
        plain, explained = converter.markup(), converter.markup(explain=True)
        for paragraph in text.split("\n\n"):
            expected = plain.convert(paragraph).text
            resolved = explained.convert(paragraph)
            assert resolved.spans is not None
            assert join(resolved.spans) == resolved.text == expected, case["id"]
            _check_cover(paragraph, resolved.spans)
            kinds |= {span.kind for span in resolved.spans}
    assert {"markup", "opencc-character"} <= kinds


def test_spans_concatenate_on_the_development_set() -> None:
    """Chinese Wikipedia pages nobody here wrote (tests/data/devset), in three regional variants."""
    import yaml

    from tests.conftest import ROOT

    files = sorted((ROOT / "tests" / "data" / "devset").glob("*.yaml"))
    assert len(files) >= 10
    converters = [Converter(variant) for variant in ("zh-CN", "zh-TW", "zh-HK")]
    decided = 0
    for path in files:
        text = "\n".join(line["input"] for line in yaml.safe_load(path.read_text(encoding="utf-8"))["lines"])
        for converter in converters:
            spans = converter.explain(text)
            assert join(spans) == converter.convert(text), (path.name, converter.variant.tag)
            _check_cover(text, spans)
            decided += sum(span.kind in ("glossary", "reference", "opencc-phrase") for span in spans)
    assert decided > 100


def test_a_higher_layer_that_shadowed_a_lower_one_names_it() -> None:
    # termloc's glossary keeps 文件 (a document); the Apple group of the reference writes 檔案 (a file).
    (span,) = Converter("zh-TW", reference=["Apple"]).explain("文件")
    assert (span.output, span.kind, span.entry) == ("文件", "glossary", "document")
    assert [(x.key, x.output, x.why) for x in span.lost] == [("文件", "檔案", "shadowed")]
    assert span.lost[0].by.startswith("apple-")


def test_a_glossary_span_ends_where_its_key_ends() -> None:
    # A pass that matched nothing passes over a run of characters no key begins with as one
    # block (8号决议[ in zh-CN's normalization); the span of a chain key ending inside that run
    # took the rest of the run (联合国安理会第1718号决议[, and 俄语:<the Russian title>).
    spans = Converter("zh-CN", reference=None).explain("制裁朝鲜联合国安理会第1718号决议[10],2009年")
    assert [(s.source, s.kind, s.entry) for s in spans] == [
        ("制裁", "unchanged", None),
        ("朝鲜", "glossary", "north-korea"),
        ("联合国安理会第1718号决议", "glossary", "unsc-resolution-1718"),
        ("[10],2009年", "unchanged", None),
    ]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_term_span_of_the_article_is_its_key(
    converters: dict[tuple[str, bool], Converter], article: str, variant: str
) -> None:
    spans = converters[variant, True].explain(article)
    terms = [span for span in spans if span.kind in ("glossary", "reference")]
    assert len(terms) > 100
    assert [(span.source, span.key) for span in terms if span.source != span.key] == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_explained_a_piece_at_a_time_the_spans_are_the_same(
    converters: dict[tuple[str, bool], Converter], article: str, variant: str
) -> None:
    converter = converters[variant, True]
    whole = converter.explain(article)
    pieces = list(converter.explain_stream(article, piece=500))
    assert len(article) > 10 * 500  # so that it was cut into many pieces
    _check_cover(article, pieces)
    assert join(pieces) == join(whole)
    # the same spans but for plain text cut where a piece ended
    assert [span for span in pieces if span.decided] == [span for span in whole if span.decided]
