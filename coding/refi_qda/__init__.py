"""REFI-QDA exchange with NVivo, ATLAS.ti, MAXQDA and QualCoder.

* ``codebook``: ``write_codebook(frames, target)`` / ``read_codebook(path)`` (.qdc)
* ``project``: ``write_qdpx(snapshot, target)`` / ``read_qdpx(path)`` (.qdpx);
  ``project_read.read_project(path)`` adds the warnings and every passage's place
* ``validate``: ``validate_codebook(path)`` / ``validate_project(path)`` against the
  REFI-QDA 1.0 schemas shipped in ``schemas/`` (MIT, notice kept in the files): strict,
  for what we write
* ``tolerate``: the known harmless deviations of real tools' files, read with a warning
  each (liberal in what we accept; anything else is refused with the schema's message)

How the workbench's own ids survive a trip through other tools: ``trailer``; GUIDs:
``ids`` (uuid5, stable across exports); frames as code trees: ``codes``.
"""

from coding.refi_qda.validate import validate_codebook, validate_project

__all__ = ["validate_codebook", "validate_project"]
