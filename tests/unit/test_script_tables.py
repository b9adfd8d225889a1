"""The conversion's tables: OpenCC's one-to-many characters, surname forms, word units."""

from __future__ import annotations

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.script.names import names_in_text, protected_surnames
from publish.script.tables import lexicon, multiword, one_to_many, surname_forms, surname_words
from publish.script.words import units
from publish.text.names import surnames


def test_the_one_to_many_table_is_opencc_s() -> None:
    s2t = opencc.OpenCC("s2t")
    table = one_to_many()
    assert len(table) > 250  # OpenCC 1.4.2 lists 276
    assert {"干", "发", "系", "里", "台", "历", "注", "并"} <= set(table)
    assert all(s2t.convert(k) == v[0] for k, v in table.items() if v[0] != "鈡")


def test_every_surname_opencc_can_change_has_its_form() -> None:
    single, compound = surnames()
    table = one_to_many()
    for name in (*single, *compound):
        if any(ch in table for ch in name):
            assert name in surname_forms(), name
    assert {"于", "余", "范", "岳", "党", "干"} <= protected_surnames()
    assert "钟" not in protected_surnames()  # OpenCC's 鍾 is the surname's form


def test_lexicon_and_phrases_hold_words_not_names() -> None:
    assert lexicon()["推杆"] == "推桿"
    assert lexicon()["据了解"] == "據了解"  # 了 the particle, where OpenCC writes 瞭
    assert "一只" in multiword()
    assert not any(w[0] in protected_surnames() and w[0] == t[0] for w, t in lexicon().items())


@settings(deadline=None)
@given(st.text(alphabet="干发系里台于余范的了在一是不只面才", max_size=30))
def test_units_cover_the_text(text: str) -> None:
    assert "".join(u.text for u in units(text)) == text


def test_names_in_context() -> None:
    assert names_in_text("范伟、王强、李明出席") == {"范伟"}
    assert names_in_text("记者于洋报道") == {"于洋"}
    assert names_in_text("镇红星村党总支书记") == set()
    assert names_in_text("对于王老师的意见") == set()


def test_the_lexicon_holds_choices_not_variant_forms() -> None:
    """Counted in the lexicon's own forms: no entry is a Taiwan form folded into a rare one
    (tw2t turns 才 into 纔 and 核 into 覈), and every entry is seen often enough."""
    assert not any(ch in "纔覈鍼蔘" for spelling in lexicon().values() for ch in spelling)
    assert "核安" not in lexicon() and "成才" not in lexicon()


def test_name_candidates_are_told_from_words_by_the_dictionary() -> None:
    assert surname_words()["于是"][0] > 1000  # a common word
    assert names_in_text("记者于是说") == set()
