"""Edges that keep data on disk: the compiled bank cache and (later) the learner's database."""
