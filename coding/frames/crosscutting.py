"""The shipped cross-cutting themes: what this family of evaluations keeps returning to.

Nine themes (co_commissioning, referrals, sanctions, supply_chains,
payment_incentives, employer_engagement, participant_needs, delivery_support,
partnership_data) described in the guides' own words; a project combines them
with any guide's frame, and ``coding.frames.mapping`` links guide questions to them.
"""

from __future__ import annotations

from pathlib import Path

from coding.frames.yaml_io import read_frame_yaml
from coding.model import Frame

CROSSCUTTING_PATH = Path(__file__).resolve().parents[2] / "topic_guides" / "crosscutting_themes.yaml"
CROSSCUTTING_IDS = (
    "co_commissioning",
    "referrals",
    "sanctions",
    "supply_chains",
    "payment_incentives",
    "employer_engagement",
    "participant_needs",
    "delivery_support",
    "partnership_data",
)


def crosscutting_frame(path: str | Path = CROSSCUTTING_PATH) -> Frame:
    """The cross-cutting frame (kind "crosscutting"), read fresh from its YAML file."""
    frame = read_frame_yaml(path)
    frame.kind = "crosscutting"
    return frame
