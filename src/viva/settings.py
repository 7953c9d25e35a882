"""Where viva keeps things: the content folder and the learner's data directory.

``VIVA_HOME`` overrides the data directory (tests point it at a temporary folder);
otherwise it follows the XDG convention (``$XDG_DATA_HOME/viva`` or ``~/.local/share/viva``).
``VIVA_CONTENT`` overrides the content folder; otherwise the ``content/`` folder of the
source checkout is used.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The learner's data directory (created on demand by the writers, not here)."""
    home = os.environ.get("VIVA_HOME")
    if home:
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "viva"


def content_dir() -> Path:
    """The folder holding ``<topic>/_topic.yaml`` and the entries."""
    override = os.environ.get("VIVA_CONTENT")
    if override:
        return Path(override).expanduser()
    return Path(__file__).resolve().parents[2] / "content"
