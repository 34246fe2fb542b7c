"""The findings sheets of the matrix workbook as plain tables: what each cell and row says.

* a charted cell: the researcher's summary, or the charting draft marked as a draft;
* themes x respondent groups: "2 of 3 (67%)" per theme and group, group sizes in the header;
* saturation per group: each interview's new themes, the running total, and where it stopped.

``coding.exports.matrix`` writes these tables with its sheet style; keeping them here keeps
the wording in one place and testable without a workbook.
"""

from __future__ import annotations

from coding.synthesis.charting import Draft
from coding.synthesis.groups import GroupShare
from coding.synthesis.saturation import WINDOW, GroupSaturation

DRAFT_MARK = "DRAFT (not reviewed):"


def charted_text(summary: str | None, draft: Draft | None) -> tuple[str, bool]:
    """(text, is_draft) for one case x theme cell: the summary wins; else the marked draft; else ''.

    >>> from coding.synthesis.charting import DraftSentence
    >>> charted_text(None, Draft([DraftSentence("Housing is the big one.", "[Case 2, para 9]")]))
    ('DRAFT (not reviewed): Housing is the big one. [Case 2, para 9]', True)
    >>> charted_text("Housing first; CV work waits.", None)
    ('Housing first; CV work waits.', False)
    """
    if summary and summary.strip():
        return summary.strip(), False
    if draft is not None and draft.sentences:
        return f"{DRAFT_MARK} {draft.text()}", True
    return "", False


def groups_table(shares: list[GroupShare], labels: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """(headers, rows): a row per theme, a column per group headed with its number of cases.

    >>> shares = [GroupShare("referrals", "prisoner", 2, 3), GroupShare("referrals", "provider", 1, 1)]
    >>> groups_table(shares, {"referrals": "Referral, attachment and handover"})
    (['Theme', 'prisoner (3 cases)', 'provider (1 case)'], [['Referral, attachment and handover', '2 of 3 (67%)', '1 of 1 (100%)']])
    """
    groups: dict[str, int] = {}
    cells: dict[str, dict[str, str]] = {}
    for share in shares:
        groups.setdefault(share.group, share.cases)
        cells.setdefault(share.theme_id, {})[share.group] = share.label()
    headers = ["Theme"] + [f"{g} ({n} case{'s' if n != 1 else ''})" for g, n in groups.items()]
    rows = [[labels.get(theme, theme)] + [by_group.get(g, "") for g in groups] for theme, by_group in cells.items()]
    return headers, rows


SATURATION_HEADERS = ["Group", "Interview order", "Interview", "New themes", "New themes (count)", "Themes so far",
                      "Saturated after"]


def saturation_verdict(group: GroupSaturation) -> str:
    """Where a group's saturation stands, in words.

    >>> saturation_verdict(GroupSaturation("stakeholder", [], None))
    'too few interviews to tell (0)'
    """
    if group.saturated_after is None and len(group.steps) <= WINDOW:
        return f"too few interviews to tell ({len(group.steps)})"
    if group.saturated_after is None:
        return "not yet (the last interviews still added themes)"
    after = len(group.steps) - group.saturated_after
    return f"interview {group.saturated_after} (the last {after} added nothing)"


def saturation_table(groups: list[GroupSaturation], labels: dict[str, str]) -> list[list]:
    """A row per interview per group; "Saturated after" is filled on the group's first row.

    >>> from coding.synthesis.saturation import InterviewStep
    >>> g = GroupSaturation("prisoner", [InterviewStep(1, 3, "p_01", ("referrals",), 1),
    ...                                  InterviewStep(2, 5, "p_02", (), 1), InterviewStep(3, 7, "p_03", (), 1)], 1)
    >>> saturation_table([g], {"referrals": "Referrals"})[0]
    ['prisoner', 1, 'p_01', 'Referrals', 1, 1, 'interview 1 (the last 2 added nothing)']
    """
    rows = []
    for group in groups:
        verdict = saturation_verdict(group)
        for n, step in enumerate(group.steps):
            rows.append([
                group.group, step.position, step.case_name, "; ".join(labels.get(t, t) for t in step.new_themes),
                len(step.new_themes), step.cumulative, verdict if n == 0 else "",
            ])
    return rows
