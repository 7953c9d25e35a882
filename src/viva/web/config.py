"""What a web server is started with: where the learners' data is, one learner or many, the
secret that signs cookies, and the size limits of a request.

Every worker of one deployment must sign cookies with the same secret, so it comes from
``VIVA_SECRET`` or from a file made once (private to the user) in the data directory;
a secret generated per process would log everyone out on every restart and make each
worker refuse the others' cookies.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from viva import settings
from viva.errors import UserError

SECRET_FILE = "web-secret"
MAX_BODY = 256 * 1024  # a JSON request: an answer, a job ad (100 KB) and room to spare
MAX_AUDIO = 4 * 1024 * 1024  # about two minutes of 16 kHz 16-bit mono WAV


@dataclass(frozen=True, slots=True)
class WebConfig:
    database: Path | str  # a SQLite file, or an SQLAlchemy URL (PostgreSQL for a cohort)
    secret: str
    multi_user: bool = False
    signup: bool = True  # multi-user: anyone who reaches the server may make an account
    secure_cookies: bool = False  # set when the server is reachable beyond loopback
    max_body: int = MAX_BODY
    max_audio: int = MAX_AUDIO
    content: Path | None = None  # the bank's folder (None: the default)
    data: Path | None = None  # caches and the secret (None: the data directory)

    @classmethod
    def from_env(
        cls,
        database: str | None = None,
        multi_user: bool = False,
        host: str = "127.0.0.1",
        signup: bool = True,
    ) -> WebConfig:
        """The configuration ``viva serve`` runs with; workers rebuild it from the same
        environment (``VIVA_DB``, ``VIVA_SECRET``, ``VIVA_HOME``)."""
        data = settings.data_dir()
        url = database or os.environ.get("VIVA_DB") or ""
        where: Path | str = url if url else data / "viva.db"
        return cls(
            database=where,
            secret=secret(data),
            multi_user=multi_user,
            signup=signup,
            secure_cookies=not is_loopback(host),
            data=data,
        )


def is_loopback(host: str) -> bool:
    """Is ``host`` reachable only from this machine? (cookies need not be Secure then)."""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def secret(data: Path) -> str:
    """The signing secret: ``VIVA_SECRET``, or one made once and kept in the data folder."""
    given = os.environ.get("VIVA_SECRET", "")
    if given:
        if len(given) < 32:
            raise UserError(
                "VIVA_SECRET is too short to sign cookies safely",
                "use at least 32 random characters, e.g. from: python3 -c "
                "'import secrets; print(secrets.token_urlsafe(32))'",
            )
        return given
    path = data / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    made = secrets.token_urlsafe(32)
    try:
        data.mkdir(parents=True, exist_ok=True)
        tmp = data / f".{SECRET_FILE}.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(made + "\n")
        try:  # workers starting together: the first link wins, the others read it
            os.link(tmp, path)
        except FileExistsError:
            made = path.read_text(encoding="ascii").strip()
        finally:
            tmp.unlink()
    except OSError as exc:
        raise UserError(f"cannot keep the web secret in {data}: {exc.strerror}") from None
    return made
