"""`straighten` and `norm` give what `str.translate` with their character maps gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from blamelint.base.text import APOSTROPHES, straighten
from blamelint.nlp.lexicon import _HYPHENS, _Normed

SAMPLES = st.text(alphabet=st.sampled_from("aZ9 -'’‘ʼ\u2010\u2011éİ_.\n"), max_size=30) | st.text()


@given(SAMPLES)
def test_straighten_is_the_apostrophe_map(text):
    assert straighten(text) == text.translate(APOSTROPHES)


@given(SAMPLES)
def test_norm_is_lowercase_with_apostrophes_and_hyphens_mapped(text):
    assert _Normed()[text] == text.translate(APOSTROPHES).lower().translate(_HYPHENS)


def test_the_maps_hold_only_non_ascii_characters():  # (what replace_each relies on)
    assert all(code > 127 for code in (*APOSTROPHES, *_HYPHENS))


def test_the_maps_still_change_what_they_should():
    assert straighten("it’s") == "it's"
    assert _Normed()["Jean\u2011Luc’s"] == "jean-luc's"
    assert _Normed()["Deploy-Bot's"] == "deploy-bot's"
