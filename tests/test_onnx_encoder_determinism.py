"""An answer's int8 ONNX vector depends on the answer alone, not on what is encoded beside it."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.model

ANSWER = "The employment lead came in every Tuesday, but half the lads on the wing never heard about it."
OTHERS = [
    "Yeah.",
    "We had to chase the probation officer for weeks before anyone would make the referral to the provider.",
    "Co-commissioning sounded good on paper, but in practice the prison and the CRC never sat down together.",
    "I got sanctioned twice because the appointment letter went to my old address, the hostel I'd left.",
] * 8


def test_a_vector_is_the_same_alone_and_in_any_batch():
    from coding.suggest.onnx_encoder import OnnxEncoder

    encoder = OnnxEncoder()
    alone = encoder.encode([ANSWER])[0]
    first_of_many = encoder.encode([ANSWER, *OTHERS])[0]
    last_of_many = encoder.encode([*OTHERS[:5], ANSWER])[-1]
    assert np.array_equal(alone, first_of_many)
    assert np.array_equal(alone, last_of_many)
