"""A PDF guide goes through pypdf's text and then the same text readers (a tiny PDF written here)."""

from __future__ import annotations

from coding.frames.load import load_frames


def write_pdf(lines: list[str], path) -> None:
    """A one-page PDF with one text line per entry (Helvetica), enough for pypdf to extract."""
    ops = ["BT /F1 11 Tf 72 760 Td 14 TL"]
    ops += ["(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for line in lines]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_pdf_guide_in_the_lettered_style(tmp_path):
    path = tmp_path / "garden.pdf"
    write_pdf(
        [
            "1. Garden volunteers topic guide",
            "A. GETTING INVOLVED",
            "How did you hear about the garden?",
            "Probe: friends, posters",
            " ",
            "B. RUNNING THE GARDEN [For coordinators only]",
            "Who decides what to plant?",
        ],
        path,
    )
    [frame] = load_frames(path)
    assert [(s.id, s.label, s.routing, [(q.id, q.label, q.probes) for q in s.children]) for s in frame.themes] == [
        (
            "garden_volunteers_a",
            "Getting involved",
            "",
            [("garden_volunteers_a_q1", "How did you hear about the garden?", ["Probe: friends, posters"])],
        ),
        (
            "garden_volunteers_b",
            "Running the garden",
            "For coordinators only",
            [("garden_volunteers_b_q1", "Who decides what to plant?", [])],
        ),
    ]
