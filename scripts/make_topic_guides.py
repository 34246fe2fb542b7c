"""Make the shipped topic guides (topic_guides/*.md and *.docx) from the seed texts.

    .venv/bin/python scripts/make_topic_guides.py [SEEDS_DIR]

Reads the five Employment and Reoffending Pilot guides (seed 000, Appendix D) and
the Peterborough SIB interview protocol (seed 004, Appendix A), sets the key flags
the workbench team chose for the demo (KEY_QUESTIONS: the published text lost the
original bold), and writes each guide as markdown and Word. Deterministic: running
it twice gives the same markdown.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coding.frames.guide_writer import frame_to_markdown, write_guide_docx  # noqa: E402
from coding.frames.load import load_frames  # noqa: E402

SEEDS = {"000_e5dcb100339b64d6.txt", "004_a16d85203baf458e.txt"}
OUT = ROOT / "topic_guides"

# Core questions per guide, marked key for the demo by the workbench team.
KEY_QUESTIONS = {
    "stakeholder": [
        "stakeholder_a_q3",
        "stakeholder_c_q1",
        "stakeholder_c_q4",
        "stakeholder_c_q5",
        "stakeholder_g_q3",
        "stakeholder_h_q1",
    ],
    "resettlement_eba": [
        "resettlement_eba_a_q4",
        "resettlement_eba_b_q6",
        "resettlement_eba_b1_q3",
        "resettlement_eba_d_q2",
        "resettlement_eba_e_q2",
    ],
    "prisoner": ["prisoner_d_q4", "prisoner_d_q7", "prisoner_e_q5", "prisoner_e_q9", "prisoner_f_q3"],
    "provider_strategic": [
        "provider_strategic_b_q1",
        "provider_strategic_c_q3",
        "provider_strategic_d_q5",
        "provider_strategic_e_q1",
        "provider_strategic_e_q4",
    ],
    "provider_operational": [
        "provider_operational_c_q1",
        "provider_operational_d_q1",
        "provider_operational_e_q3",
        "provider_operational_g_q1",
        "provider_operational_h_q3",
        "provider_operational_i_q1",
    ],
    "peterborough_sib": [
        "peterborough_sib_1_q1",
        "peterborough_sib_3_q1",
        "peterborough_sib_4_q2",
        "peterborough_sib_4_q9",
        "peterborough_sib_5_q1",
        "peterborough_sib_10_q4",
    ],
}


def seed_frames(seeds_dir: Path):
    """The six guides parsed from the seed texts, key flags applied."""
    frames = []
    for name in sorted(SEEDS):
        frames.extend(load_frames(seeds_dir / name))
    for frame in frames:
        for theme_id in KEY_QUESTIONS[frame.id]:
            theme = frame.find(theme_id)
            if theme is None or theme.kind != "question":
                raise SystemExit(f"{theme_id} is not a question of {frame.id}")
            theme.key = True
    return frames


def main(argv: list[str]) -> int:
    seeds_dir = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "seeds"
    OUT.mkdir(exist_ok=True)
    for frame in seed_frames(seeds_dir):
        (OUT / f"{frame.id}.md").write_text(frame_to_markdown(frame), encoding="utf-8")
        write_guide_docx(frame, OUT / f"{frame.id}.docx")
        print(f"{frame.id}: {len(frame.themes)} sections, {len(frame.questions())} questions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
