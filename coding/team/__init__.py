"""Working as a team: pure rules and figures, no store, no Streamlit.

| module          | what it holds                                                                 |
|-----------------|-------------------------------------------------------------------------------|
| ``statistics``  | percent agreement, Cohen's kappa, Krippendorff's alpha (nominal) on values    |
| ``agreement``   | agreement per theme and overall from codes, with the n behind each figure     |
| ``report_docx`` | the one-page agreement report for a method annex                             |
| ``permissions`` | roles (lead, coder), actions, ``may(role, action)`` and the refusal message   |
| ``accounts``    | usernames and argon2id password hashes                                        |
| ``assignments`` | assignments, the stratified reliability sample, ``visible_codes`` (blinding)  |
| ``adjudication``| disagreements, settled codes, and the codes exports use                       |
| ``history``     | history entries, their filters and CSV rows                                   |

``coding.service.team`` is their door to the store; ``coding.store.team`` and
``coding.store.history`` persist them.
"""
