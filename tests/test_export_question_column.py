"""The long exports carry each segment's guide question: its id and the guide's wording."""

from dataclasses import replace

from coding.exports.longformat import long_rows, write_long_csv
from tests.snapshot_factory import make_snapshot


def test_each_row_names_the_guide_question_its_answer_responds_to(tmp_path):
    snapshot = make_snapshot()
    snapshot.codings = [replace(c, question_id="a1_role") if c.segment_id == 308 else c for c in snapshot.codings]
    rows = list(long_rows(snapshot))
    asked = {(r["segment_id"], r["question_id"], r["question"]) for r in rows if r["question_id"]}
    assert asked == {(308, "a1_role", "Can you describe your role?")}
    assert {(r["question_id"], r["question"]) for r in rows if r["segment_id"] != 308} == {(None, None)}
    write_long_csv(snapshot, tmp_path / "long.csv")
    lines = (tmp_path / "long.csv").read_text("utf-8-sig").splitlines()
    assert lines[0].split(",")[14:16] == ["question_id", "question"]
    assert sum(",a1_role,Can you describe your role?," in line for line in lines) == sum(
        r["segment_id"] == 308 for r in rows
    )
