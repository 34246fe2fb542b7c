"""The workbench's exceptions: one small tree, each carrying what a user needs to act.

    WorkbenchError                  anything the CLI and UI show as one readable message
    ├── InputError                  a file from outside could not be used
    │   ├── UnsupportedFormat       the extension/content is not a format we read
    │   ├── InvalidTopicGuide       a guide or frame file (carries file and line)
    │   ├── InvalidTranscript       a transcript file (carries file and line)
    │   ├── InvalidExamples         a suggestion examples file
    │   └── DuplicateImport         the same content is already in the project
    ├── FrameEditError              an edit the frame cannot take (e.g. delete a used theme)
    ├── NotFound                    a project, transcript, theme or segment id that is not there
    ├── ConflictError               someone else changed it first (undo of a changed code, a stale frame)
    ├── StoreError                  the database could not be opened or migrated
    │   └── StoreBusy               another writer held the store for too long: nothing was saved
    ├── PermissionDenied            the user's role does not allow this
    └── ModelUnavailable            an optional model or package is not installed

The CLI prints ``str(error)`` and exits 1 (3 for ``StoreBusy``: try again); the UI shows
it with ``st.error``. No traceback reaches a user.
"""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Base of every error the workbench raises on purpose."""


class InputError(WorkbenchError):
    """A file from outside could not be used. Names the file and, where known, the line."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.path:
            where = Path(self.path).name
            if self.line is not None:
                where += f", line {self.line}"
            where += ": "
        return f"{where}{self.message}"


class UnsupportedFormat(InputError):
    pass


class InvalidTopicGuide(InputError):
    pass


class InvalidTranscript(InputError):
    pass


class InvalidExamples(InputError):
    pass


class DuplicateImport(InputError):
    pass


class FrameEditError(WorkbenchError):
    pass


class NotFound(WorkbenchError):
    pass


class StoreError(WorkbenchError):
    pass


class ConflictError(WorkbenchError):
    """The thing changed since the user looked at it; nothing was changed by this request."""


class StoreBusy(StoreError):
    """The store stayed locked by another writer through every retry; the change was not saved."""


class PermissionDenied(WorkbenchError):
    pass


class ModelUnavailable(WorkbenchError):
    pass


class ExportBlocked(WorkbenchError):  # WorkbenchError > ExportBlocked: an export still holds identifiers (issue 12)
    """The finished export still holds identifiers: the file was withheld. ``hits`` lists them (GateHit)."""

    hits: tuple = ()
