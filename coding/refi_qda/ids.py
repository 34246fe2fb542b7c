"""Stable REFI-QDA GUIDs: uuid5 of what an element stands for, so exports diff cleanly.

The same frame, theme, case or coding gets the same GUID in every export, which
lets a team re-export a project and another tool recognise what it already has.

>>> guid("theme", "crosscutting", "referrals") == guid("theme", "crosscutting", "referrals")
True
>>> guid("theme", "crosscutting", "referrals") == guid("theme", "provider_guide", "referrals")
False
"""

from __future__ import annotations

import uuid

# Fixed forever: changing it would change every GUID the workbench has ever written.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:qualitative-coding-workbench:refi-qda")


def guid(*parts: object) -> str:
    """An upper-case GUID (the form REFI-QDA examples use) derived from ``parts``."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts))).upper()


def theme_guid(frame_id: str, theme_id: str) -> str:
    return guid("theme", frame_id, theme_id)


def frame_guid(frame_id: str) -> str:
    return guid("frame", frame_id)


def normalise(value: str | None) -> str:
    """GUIDs compare without braces and case: "{ab-…}" and "AB-…" are the same."""
    return (value or "").strip().strip("{}").upper()
