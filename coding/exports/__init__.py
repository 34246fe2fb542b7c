"""What researchers put straight into reports, from a ProjectSnapshot and a path or file.

| module         | writes                                                               |
|----------------|----------------------------------------------------------------------|
| ``matrix``     | the Framework Method thematic matrix (.xlsx, openpyxl)               |
| ``quotes``     | quote tables by theme with attributions (.docx, python-docx)         |
| ``longformat`` | one row per coded segment (.csv UTF-8 with BOM, .xlsx)               |

Shared rules: ``attribution`` (how a quote is attributed, never by name),
``pseudonyms`` (speakers are "Interviewer"/"Respondent 2", cases their label),
``references`` ("[Case 3, Respondent, 00:12:31]"), ``placement`` (which sheet/heading
and column a coded theme lands in), ``safety`` (formula injection, XML-illegal
characters, Excel limits). Every exporter reads ``snapshot.codings`` once, so the
store may hand them over as a lazy iterable. REFI-QDA lives in ``coding.refi_qda``.
"""
