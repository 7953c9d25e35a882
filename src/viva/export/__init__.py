"""Exports of a selection of the bank: a Markdown study guide, an Anki deck, a printable page.

An edge: it runs snippets (for their real output), imports genanki/markdown/pygments lazily
and writes files, always atomically (``files.write_atomic``), so a failure never leaves a
partial file behind.
"""
