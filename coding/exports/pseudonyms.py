"""Speaker and case names for exporters; the rule lives with the anonymiser (``coding.anonymise.roles``)."""

from coding.anonymise.roles import UNKNOWN_SPEAKER, case_label, speaker_pseudonym  # noqa: F401

__all__ = ["UNKNOWN_SPEAKER", "case_label", "speaker_pseudonym"]
