"""With no glossary and punctuation kept, termloc is OpenCC, byte for byte."""

from __future__ import annotations

import opencc
import pytest

from termloc import Converter, load_variants

from .conftest import opencc_cases

VARIANTS = [v.tag for v in load_variants().chinese]


@pytest.fixture(scope="module")
def inputs() -> list[str]:
    return [str(case["input"]) for case in opencc_cases()]


@pytest.mark.parametrize("tag", VARIANTS)
def test_parity_on_opencc_test_cases(tag: str, inputs: list[str]) -> None:
    converter = Converter(tag, glossary=None, punctuation="keep", reference=None)
    raw = opencc.OpenCC(str(converter.variant.opencc_config))
    assert len(inputs) > 200
    for text in inputs:
        assert converter.convert(text) == raw.convert(text), text


@pytest.mark.parametrize("tag", VARIANTS)
def test_parity_on_the_article(tag: str, article: str) -> None:
    converter = Converter(tag, glossary=None, punctuation="keep", reference=None)
    assert converter.convert(article) == opencc.OpenCC(str(converter.variant.opencc_config)).convert(article)


def test_opencc_own_expectations_hold_for_our_configs() -> None:
    # The cases OpenCC expects for the configs termloc uses are met by the
    # plain converter too: termloc adds no regression below the glossary.
    configs = {v.opencc_config: v.tag for v in load_variants().chinese}
    checked = 0
    for case in opencc_cases():
        for config, expected in dict(case["expected"]).items():  # type: ignore[call-overload]
            if config in configs:
                converter = Converter(configs[config], glossary=None, punctuation="keep", reference=None)
                assert converter.convert(str(case["input"])) == expected, (case["id"], config)
                checked += 1
    assert checked > 100
