"""The ASCII fast paths of `straighten` and `norm` give what the character maps give."""

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


def test_the_maps_still_change_what_they_should():
    assert straighten("it’s") == "it's"
    assert _Normed()["Jean\u2011Luc’s"] == "jean-luc's"
    assert _Normed()["Deploy-Bot's"] == "deploy-bot's"
