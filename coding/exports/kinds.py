"""Every kind of export the workbench writes, in one registry that the CLI and the Export page read.

Each kind names its file suffix, how the Export page labels and describes it, its
MIME type for a download, whether it carries interview text (and so is pseudonymised
and checked before it leaves), and the writer that makes it from a ``ProjectSnapshot``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coding.model import ProjectSnapshot

if TYPE_CHECKING:
    from coding.exports.quotes import QuoteOptions
    from coding.suggest.encoder import Encoder


@dataclass(frozen=True)
class ExportOptions:
    include_suggested: bool = False
    quote_options: QuoteOptions | None = None  # for quote tables
    encoder: Encoder | None = None  # an Encoder: the matrix gets charting drafts and its findings sheets


@dataclass(frozen=True)
class ExportKind:
    name: str
    suffix: str
    label: str
    description: str
    mime: str
    carries_text: bool
    write: Callable[[ProjectSnapshot, Path, ExportOptions], None]


def _matrix(snapshot: ProjectSnapshot, path: Path, options: ExportOptions) -> None:
    from coding.exports.matrix import write_matrix

    write_matrix(snapshot, path, include_suggested=options.include_suggested, encoder=options.encoder)


def _quotes(snapshot: ProjectSnapshot, path: Path, options: ExportOptions) -> None:
    from coding.exports.quotes import QuoteOptions, write_quote_table

    write_quote_table(snapshot, path, options.quote_options or QuoteOptions(include_suggested=options.include_suggested))


def _csv(snapshot: ProjectSnapshot, path: Path, options: ExportOptions) -> None:
    from coding.exports.longformat import write_long_csv

    write_long_csv(snapshot, path)


def _xlsx(snapshot: ProjectSnapshot, path: Path, options: ExportOptions) -> None:
    from coding.exports.longformat import write_long_xlsx

    write_long_xlsx(snapshot, path)


def _qdpx(snapshot: ProjectSnapshot, path: Path, options: ExportOptions) -> None:
    from coding.refi_qda.project import write_qdpx

    write_qdpx(snapshot, path)


def _qdc(snapshot: ProjectSnapshot, path: Path, options: ExportOptions) -> None:
    from coding.refi_qda.codebook import write_codebook

    write_codebook(snapshot.frames, path)


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_KINDS: dict[str, ExportKind] = {
    kind.name: kind
    for kind in (
        ExportKind("matrix", ".xlsx", "Framework matrix",
                   "Excel: one sheet per theme, a row per interview, an overview sheet.", _XLSX, True, _matrix),
        ExportKind("quotes", ".docx", "Quote table",
                   "Word: quotes grouped by theme with attributions, ready for a report.",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True, _quotes),
        ExportKind("csv", ".csv", "Long CSV", "One row per coded segment, for pandas and R.", "text/csv", True, _csv),
        ExportKind("xlsx", ".xlsx", "Long XLSX", "The long table as an Excel sheet.", _XLSX, True, _xlsx),
        ExportKind("qdpx", ".qdpx", "REFI-QDA project",
                   ".qdpx for NVivo, ATLAS.ti and MAXQDA: sources, codes, codings, memos.", "application/zip", True,
                   _qdpx),
        ExportKind("qdc", ".qdc", "REFI-QDA codebook", ".qdc: the coding frames only, no interview text.",
                   "application/xml", False, _qdc),
    )
}
