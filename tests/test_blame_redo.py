"""Work judged in hindsight on the surface (nlp/blame_redo.py, BL403): a modal perfect passive
of a verb of work with a comparison. Review prompts, headings and things stay quiet. Every
sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from .batch import blame_of

pytestmark = pytest.mark.nlp

CASES = [
    (
        "The audit names three steps of the cutover that, it says, could have been done differently.",
        True,
    ),
    ("The customer notice should have been handled better.", True),
    ("It could have been communicated sooner, the review says.", True),
    ("What could have been done better", False),
    ("What could have been done differently?", False),
    ("Things that could have been handled better", False),
    ("The disk could have been faster.", False),
    ("The failover could have been done sooner with a second replica.", False),
    ("The restore could have been done faster with a warm standby.", False),
    ("The export could have been done in one pass if the API allowed it.", False),
]


@pytest.mark.parametrize(("text", "fires"), CASES)
def test_work_judged_in_hindsight(text, fires):
    assert ("BL403" in blame_of(text)) is fires
