"""One self-contained, printable HTML page: the Markdown guide rendered, styles inlined.

No CDN, fonts or scripts: the page opens offline and prints cleanly (questions do not split
from their heading, code wraps instead of being cut at the margin). Code is highlighted by
Pygments at export time, with its stylesheet embedded.
"""

from __future__ import annotations

import html

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
       max-width: 52em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.8em; } h2 { font-size: 1.35em; margin-top: 2em; border-top: 1px solid #ddd;
     padding-top: .8em; } h3 { font-size: 1.05em; margin-bottom: .3em; }
pre { background: #f6f8fa; padding: .7em; border-radius: 4px; overflow-x: auto;
      white-space: pre-wrap; word-break: break-word; font-size: 13px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
li.task { list-style: none; margin-left: -1.3em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  pre, li { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


def page(markdown_text: str, title: str) -> str:
    """The guide's Markdown as a complete HTML document."""
    from pygments.formatters import HtmlFormatter

    from viva.export.safe_md import render

    body = render(
        markdown_text,
        extensions=["fenced_code", "codehilite", "sane_lists"],
        extension_configs={"codehilite": {"guess_lang": False, "css_class": "highlight"}},
        output_format="html",
    )
    # task-list boxes: Python-Markdown leaves "[ ]" as text
    body = body.replace("<li>[ ] ", '<li class="task">&#9744; ')
    pygments_css = HtmlFormatter(style="default").get_style_defs(".highlight")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{CSS}\n{pygments_css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
