"""Word guides built here with python-docx (our own fictional content): structure and bold key questions."""

from __future__ import annotations

import docx
import pytest

from coding.frames.load import load_frames


def question(document, text, bold=False, style="List Number"):
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(text).bold = bold
    return paragraph


def tree(frame):
    return [
        (s.id, s.label, s.routing, [(q.id, q.label, q.key, q.probes) for q in s.children if q.kind == "question"])
        for s, _ in frame.walk()
        if s.kind == "section"
    ]


@pytest.fixture
def heading_guide(tmp_path):
    document = docx.Document()
    document.add_heading("Food bank volunteers topic guide", 0)
    document.add_heading("Introduction", 1)
    document.add_paragraph("Thank them for agreeing to talk to us.")
    document.add_heading("A. Volunteering", 1)
    question(document, "How long have you volunteered at the food bank?", bold=True)
    document.add_paragraph("Probe: which sites, which days", style="List Bullet 2")
    question(document, "What does a typical shift involve?")
    document.add_paragraph("Prompt: sorting, packing, greeting", style="List Bullet 2")
    document.add_paragraph("Probe: busiest times")
    document.add_heading("A1. Training [For new volunteers only]", 2)
    question(document, "What training did you receive when you started?", bold=True)
    document.add_heading("Close", 1)
    document.add_paragraph("Thank them for their time.")
    path = tmp_path / "food_bank.docx"
    document.save(str(path))
    return path


def test_headings_numbered_questions_and_bold_key_questions(heading_guide):
    [frame] = load_frames(heading_guide)
    assert (frame.id, frame.name, frame.warnings) == ("food_bank_volunteers", "Food bank volunteers topic guide", [])
    assert tree(frame) == [
        (
            "food_bank_volunteers_a",
            "Volunteering",
            "",
            [
                (
                    "food_bank_volunteers_a_q1",
                    "How long have you volunteered at the food bank?",
                    True,
                    ["Probe: which sites, which days"],
                ),
                (
                    "food_bank_volunteers_a_q2",
                    "What does a typical shift involve?",
                    False,
                    ["Prompt: sorting, packing, greeting", "Probe: busiest times"],
                ),
            ],
        ),
        (
            "food_bank_volunteers_a1",
            "Training",
            "For new volunteers only",
            [
                ("food_bank_volunteers_a1_q1", "What training did you receive when you started?", True, []),
            ],
        ),
    ]
    assert frame.metadata == {
        "introduction": "Thank them for agreeing to talk to us.",
        "close": "Thank them for their time.",
    }


def test_bold_section_titles_and_bulleted_questions(tmp_path):
    document = docx.Document()
    document.add_paragraph().add_run("Getting there").bold = True
    question(document, "How do you travel to the clinic?", style="List Bullet")
    document.add_paragraph("bus, car, walking", style="List Bullet 2")
    question(document, "How long does the journey take?", bold=True, style="List Bullet")
    document.add_paragraph().add_run("The appointment").bold = True
    paragraph = document.add_paragraph()
    paragraph.add_run("1. Were you seen on time?").bold = True
    document.add_paragraph("2. Did staff explain what would happen?")
    path = tmp_path / "clinic_access.docx"
    document.save(str(path))
    [frame] = load_frames(path)
    assert (frame.id, frame.name) == ("clinic_access", "Clinic access")
    assert tree(frame) == [
        (
            "clinic_access_1",
            "Getting there",
            "",
            [
                ("clinic_access_1_q1", "How do you travel to the clinic?", False, ["bus, car, walking"]),
                ("clinic_access_1_q2", "How long does the journey take?", True, []),
            ],
        ),
        (
            "clinic_access_2",
            "The appointment",
            "",
            [
                ("clinic_access_2_q1", "Were you seen on time?", True, []),
                ("clinic_access_2_q2", "Did staff explain what would happen?", False, []),
            ],
        ),
    ]


def test_a_question_only_partly_bold_is_not_key(tmp_path):
    document = docx.Document()
    document.add_heading("Section one", 1)
    paragraph = document.add_paragraph(style="List Number")
    paragraph.add_run("Which services ")
    paragraph.add_run("did you use").bold = True
    paragraph.add_run("?")
    path = tmp_path / "partly_bold.docx"
    document.save(str(path))
    [frame] = load_frames(path)
    assert [(q.label, q.key) for q in frame.questions()] == [("Which services did you use?", False)]
