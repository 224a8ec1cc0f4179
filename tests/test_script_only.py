"""zh-Hans and zh-Hant change the script only, as MediaWiki's zh-hans and zh-hant views do.

A term row or rule applies to a script-only variant only where it names it;
elsewhere the text is script-converted, not regionalised. Chinese Wikipedia's
zh-hant view keeps 斯大林 and 戈爾巴喬夫 where its zh-tw view writes 史達林 and
戈巴契夫 (the issue's observation); names keep characters valid in both
scripts (朴成哲, DESIGN.md).
"""

from __future__ import annotations

from termloc import Converter


def test_zh_hant_is_not_taiwan() -> None:
    text = "斯大林和戈尔巴乔夫，朴成哲在朝鲜。史達林与普丁"
    assert Converter("zh-Hant").convert(text) == "斯大林和戈爾巴喬夫，朴成哲在朝鮮。史達林與普丁"
    # Positive control: the same rows do regionalise zh-TW.
    assert Converter("zh-TW").convert(text) == "史達林和戈巴契夫，朴成哲在北韓。史達林與普丁"


def test_a_rule_that_names_zh_hant_applies_to_it() -> None:
    # 政治人物's Trump rule names zh-hant (川普); People's does not (zh-cn, zh-hk, zh-tw only).
    assert Converter("zh-Hant", glossary=None, reference=["政治人物"]).convert("特朗普") == "川普"
    assert Converter("zh-Hant", glossary=None, reference=["People"]).convert("特朗普") == "特朗普"
    assert Converter("zh-TW", glossary=None, reference=["People"]).convert("特朗普") == "川普"
