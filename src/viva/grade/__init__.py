"""Grading: check a statement against the bank, grade an answer against key points."""
