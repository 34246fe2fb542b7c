"""Qualitative interview analysis workbench: topic guides → coding frames, transcripts → segments → codes → exports."""

__version__ = "0.1.0"
