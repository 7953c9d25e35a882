"""viva: an offline interview coach for backend developers."""

__version__ = "0.1.0"
