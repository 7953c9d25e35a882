"""Schemathesis over /openapi.json: whatever a client sends that the schema can describe (and
much it cannot), the server never answers 500, and every error is the one shape. A bounded
number of examples per operation keeps it to seconds; the writes carry a real CSRF token,
so they reach the use cases instead of stopping at the token check."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.web_fixtures import SECRET, config, library
from viva.web.app import create_app

EXAMPLES = 12


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    lib = library(tmp_path_factory)
    app = create_app(config(tmp_path_factory.mktemp("schema") / "viva.db"), lib)
    yield app
    app.state.viva.store.close()


@pytest.fixture(scope="module")
def session(web: Any) -> tuple[dict[str, str], dict[str, str]]:
    """A cookie and its CSRF token, as a page has them."""
    from viva.web.security import COOKIE, Cookies, WebSession

    s = WebSession.new()
    return {COOKIE: Cookies(SECRET).write(s)}, {"X-CSRF-Token": s.csrf}


def test_no_input_makes_a_server_error(
    web: Any, session: tuple[dict[str, str], dict[str, str]]
) -> None:
    # the operations are walked here rather than with schemathesis' pytest plugin, which
    # does not run under this pytest; each still gets its own bounded Hypothesis run
    async def loopback(scope: Any, receive: Any, send: Any) -> None:
        # the test transport names its own host; a one-learner server answers loopback only
        if scope["type"] == "http":
            kept = [(k, v) for k, v in scope["headers"] if k != b"host"]
            scope = {**scope, "headers": [*kept, (b"host", b"127.0.0.1")]}
        await web(scope, receive, send)

    schema = schemathesis.openapi.from_asgi("/openapi.json", loopback)
    cookies, headers = session
    walked = []
    for result in schema.get_all_operations():
        op = result.ok()
        if op.path.endswith("/voice"):
            continue  # audio uploads are tested with real recordings in test_web_errors
        walked.append(f"{op.method.upper()} {op.path}")

        @given(case=op.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any) -> None:
            if case.path == "/api/speech":  # speech is slow; its limits are tested apart
                case.body = {"sentences": ["A short sentence."]}
            response = case.call(headers=headers, cookies=cookies, timeout=120)
            case.validate_response(response, checks=[not_a_server_error])
            kind = (response.headers.get("content-type") or [""])[0]  # header -> list of values
            if response.status_code >= 400 and kind.startswith("application/json"):
                doc = response.json()
                assert set(doc) == {"error"}, doc
                assert set(doc["error"]) == {"code", "message", "hint"}, doc

        run()
    assert "POST /api/conversations/{conversation}/lines" in walked and len(walked) >= 15
