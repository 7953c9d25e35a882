"""``viva progress``: mastery by topic and level, due counts, streak, weakest subtopics.

The terminal gets bars; ``--html FILE`` writes one self-contained page (inline SVG, no
network, no plotting library); ``--png FILE`` draws with matplotlib, an optional extra
(``pip install 'viva[plot]'``) imported only when asked for.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from viva.cli.app_common import JsonOpt, emit, open_store
from viva.errors import UserError

if TYPE_CHECKING:  # loaded when `viva progress` runs, not at every start
    from viva.schedule.progress import Progress

BAR = 30


def register(app: typer.Typer) -> None:
    app.command()(progress)


def _load() -> Progress:
    from viva.app import practice
    from viva.cli.app_common import library
    from viva.clock import utc_now
    from viva.schedule.progress import compute

    store = open_store()
    try:
        now = utc_now()
        history = store.history()
        infos = practice.infos(store, now)
        return compute(library().bank, infos, [a.at.date() for a in history], len(history), now)
    finally:
        store.close()


def progress(
    json_out: JsonOpt = False,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Write a chart page here.")
    ] = None,
    png_out: Annotated[
        Path | None, typer.Option("--png", help="Write a PNG chart (needs matplotlib).")
    ] = None,
) -> None:
    """How far along you are: mastery by topic and level, due reviews, streak, weak spots."""
    p = _load()
    if html_out:
        _atomic(html_out, page(p).encode())
    if png_out:
        _atomic(png_out, png(p))
    if json_out:
        emit(p.as_dict())
        return
    typer.echo(text(p))
    for path in (html_out, png_out):
        if path:
            typer.echo(f"Wrote {path}")


def text(p: Progress) -> str:
    lines = [
        f"Streak: {p.streak} day{'s' if p.streak != 1 else ''}.  Due now: {p.due_now}, "
        f"this week: {p.due_week}.  Practised {p.practised} questions in {p.attempts} attempts.",
        "",
    ]
    width = max((len(t.name) for t in p.topics), default=10)
    for t in p.topics:
        filled = round(t.mastery * BAR)
        levels = "  ".join(f"{k[:3]} {v:.0%}" for k, v in t.by_level.items())
        lines.append(
            f"{t.name:<{width}} {'#' * filled}{'.' * (BAR - filled)} {t.mastery:4.0%}  "
            f"({t.practised}/{t.total}; {levels}; due {t.due})"
        )
    if p.weakest:
        lines += [
            "",
            "Weakest subtopics: " + ", ".join(f"{t}/{s} {m:.0%}" for t, s, m in p.weakest),
        ]
    if not p.practised:
        lines += ["", "Nothing practised yet: `viva interview --topic python` or `viva review`."]
    return "\n".join(lines)


def page(p: Progress) -> str:
    rows = []
    for i, t in enumerate(p.topics):
        y = 30 + i * 28
        w = round(t.mastery * 400)
        rows.append(
            f'<text x="0" y="{y + 14}">{html.escape(t.name)}</text>'
            f'<rect x="170" y="{y}" width="400" height="18" fill="#eee"/>'
            f'<rect x="170" y="{y}" width="{w}" height="18" fill="#2a7"/>'
            f'<text x="580" y="{y + 14}">{t.mastery:.0%} ({t.practised}/{t.total})</text>'
        )
    height = 40 + 28 * len(p.topics)
    weak = "".join(
        f"<li>{html.escape(t)} / {html.escape(s)}: {m:.0%}</li>" for t, s, m in p.weakest
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>viva progress</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em}} svg text{{font-size:13px}}</style></head>
<body><h1>Progress</h1><p>Streak {p.streak} days &middot; due now {p.due_now} &middot; due this week {p.due_week}
&middot; {p.practised} questions practised in {p.attempts} attempts</p>
<svg width="680" height="{height}" role="img" aria-label="mastery by topic">{"".join(rows)}</svg>
<h2>Weakest subtopics</h2><ul>{weak or "<li>none practised yet</li>"}</ul></body></html>
"""


def png(p: Progress) -> bytes:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise UserError(
            "--png needs matplotlib", "pip install 'viva[plot]', or use --html"
        ) from None
    import io

    fig, ax = plt.subplots(figsize=(7, 0.4 * len(p.topics) + 1))
    names = [t.name for t in p.topics]
    ax.barh(names, [t.mastery * 100 for t in p.topics], color="#2a7")
    ax.set_xlim(0, 100)
    ax.set_xlabel("mastery %")
    ax.invert_yaxis()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _atomic(path: Path, data: bytes) -> None:
    """All or nothing: a failed write leaves no half file behind."""
    from viva.files import write_atomic

    def fill(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomic(path, fill)
