"""What REFI-QDA has no field for, kept in the last line of a Description.

REFI-QDA codes carry a name and a description, not our theme id, kind, keywords or
probes; selections carry offsets, not our segment id, speaker or times. So the
workbench appends one line to an element's ``<Description>``::

    How prison leavers reach the provider and are handed over at release.

    workbench: {"id": "referrals", "keywords": ["warm handover", "referral"]}

Other tools show and keep it as part of the description; the workbench reads it back
and strips it, so a round trip restores the exact values. A description without the
line (any other tool's) is taken as plain text.

>>> text = with_trailer("Handover at the gate.", {"id": "warm_handover"})
>>> split_trailer(text)
('Handover at the gate.', {'id': 'warm_handover'})
>>> split_trailer("Written by NVivo.")
('Written by NVivo.', None)
"""

from __future__ import annotations

import json

PREFIX = "workbench: "


def with_trailer(text: str, data: dict) -> str:
    line = PREFIX + json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    text = (text or "").rstrip()
    return f"{text}\n\n{line}" if text else line


def split_trailer(description: str | None) -> tuple[str, dict | None]:
    description = description or ""
    head, _, last = description.rstrip().rpartition("\n")
    if not last.startswith(PREFIX):
        return description, None
    try:
        data = json.loads(last[len(PREFIX) :])
    except ValueError:
        return description, None
    if not isinstance(data, dict):
        return description, None
    return head.rstrip(), data
