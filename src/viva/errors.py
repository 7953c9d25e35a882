"""The one error tree of viva.

Everything viva raises on purpose descends from :class:`VivaError`. Front ends catch it and
show one friendly line; anything else is a bug and gets a traceback only with ``--debug``::

    VivaError
    +-- UserError            safe to show: bad input from a person (message + hint)
    |   +-- NotFoundError    an id, topic or level that does not exist
    |   +-- InputError       empty, binary, huge or malformed input
    |   +-- VoiceError       speech cannot be made or heard (no engine, no device, bad WAV)
    +-- ModelError           a bundled model file is missing or altered (names the package)
    +-- ContentError         the bank's files are broken (carries file:line problems)
    +-- StoreError           the learner's database cannot be read or written
"""

from __future__ import annotations

from dataclasses import dataclass


class VivaError(Exception):
    """Root of every error viva raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UserError(VivaError):
    """A problem with what the person asked for; the message is safe to show."""

    exit_code = 2


class NotFoundError(UserError):
    """An id, topic or level that does not exist (the hint suggests the closest)."""


class InputError(UserError):
    """Input that cannot be used: empty, binary, too large or malformed."""


class VoiceError(UserError):
    """Speech cannot be made or heard: no espeak-ng, no sound device, an unusable WAV file.

    The text coach never depends on it: the message says what is missing and how to go on.
    """


class ModelError(VivaError):
    """A bundled model file is missing or altered; the hint names the package to reinstall."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a content file, reported as ``path:line: CODE message``."""

    path: str
    line: int
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


class ContentError(VivaError):
    """The bank's content files are broken; ``problems`` lists each with file and line."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0] if problems else None
        msg = str(first) if first else "the question bank is empty"
        more = len(problems) - 1
        hint = f"{more} more problem(s); run `viva bank lint` to see all" if more > 0 else None
        super().__init__(msg, hint)
        self.problems = problems


class StoreError(VivaError):
    """The learner's database cannot be opened, read or written."""

    exit_code = 3
