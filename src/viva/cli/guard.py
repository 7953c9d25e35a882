"""The CLI's outer edge: text cleaned on the way in, every failure one line on the way out.

``VivaGroup`` is the root command class of ``viva``. On the way in it cleans every argument
once (bytes that are not UTF-8 become U+FFFD instead of surrogates that crash SQLite or
espeak) and makes stdin decode the same way. On the way out it maps what can go wrong to
one line on stderr and an exit code, whether the app runs as ``viva`` or in Typer's
``CliRunner``: a ``VivaError`` (its code), a usage error (2), Ctrl-C (130), a closed stdout
(0: the reader has what it wanted), anything else (1; the traceback only with ``--debug``).
Every line shown is cut and has control characters escaped, so echoed input can neither
flood nor recolour the terminal.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

import typer
from typer.core import TyperGroup

from viva.cleaning import clean_text, shown
from viva.errors import ContentError, VivaError

INTERRUPTED = "viva: interrupted - everything up to the last turn is saved"


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    STORE = 3
    INTERRUPTED = 130


def _line(text: str) -> None:
    sys.stderr.write(shown(text, 400) + "\n")
    sys.stderr.flush()


def _silence_stdout() -> None:
    """The reader of stdout went away: send the rest (and the final flush) to /dev/null."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (CliRunner): nothing will be flushed at exit anyway


def _show_viva_error(exc: VivaError) -> None:
    if isinstance(exc, ContentError):
        for p in exc.problems[:5]:
            _line(f"viva: {p}")
        _line("viva: the question bank has problems; run `viva bank lint`")
        return
    hint = f" ({shown(exc.hint, 160)})" if exc.hint else ""
    _line(f"viva: {shown(exc.message, 240)}{hint}")


class VivaGroup(TyperGroup):
    """The root ``viva`` command: clean input, one-line errors, honest exit codes."""

    def main(self, args: Sequence[str] | None = None, **extra: Any) -> Any:  # type: ignore[override]
        argv = [clean_text(a) for a in (sys.argv[1:] if args is None else args)]
        standalone = extra.pop("standalone_mode", True)
        if hasattr(sys.stdin, "reconfigure"):
            with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):
                sys.stdin.reconfigure(errors="replace")
        code = self._run(argv, extra)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        except (OSError, ValueError):
            pass
        if standalone:
            sys.exit(code)
        return code

    def _run(self, argv: list[str], extra: dict[str, Any]) -> int:
        try:
            rv = super().main(argv, standalone_mode=False, **extra)
        except typer.Abort:
            _line("viva: stopped")
            return 1
        except typer.TyperException as exc:  # usage errors: unknown option, bad value
            ctx = getattr(exc, "ctx", None)
            where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
            _line(f"viva: {shown(exc.format_message(), 300)}{where}")
            return int(getattr(exc, "exit_code", 2))
        return rv if isinstance(rv, int) else 0

    def invoke(self, ctx: Any) -> Any:
        debug = bool(ctx.params.get("debug")) or "--debug" in sys.argv
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except VivaError as exc:
            if debug and not isinstance(exc, ContentError):
                raise
            _show_viva_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write(f"\n{INTERRUPTED}\n")
            raise typer.Exit(130) from None
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                if debug:
                    raise
                _line(f"viva: {exc.strerror or exc}")
                raise typer.Exit(1) from None
            _silence_stdout()
            raise typer.Exit(0) from None
        except Exception as exc:
            if debug:
                raise
            _line(
                f"viva: unexpected error ({type(exc).__name__}: {exc}); "
                "run again with --debug to see where"
            )
            raise typer.Exit(1) from None
