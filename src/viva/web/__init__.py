"""viva in the browser: a FastAPI app over ``viva.app`` (``viva serve``).

A front end like the CLI: it translates requests into calls to the use cases and renders what
comes back, as JSON under ``/api`` or as server-rendered pages. It never imports the store:
``deps`` opens it through ``viva.app.stores`` once per process and hands each request the
learner's view of it. Every process is stateless: a conversation is resumed from the state
saved after each turn, so any number of workers can serve one learner.

- ``app``: the application factory; ``config``: what a server is started with.
- ``deps``: the request -> learner store seam, the library, the signed session.
- ``security``: signed cookies, CSRF tokens, login rate limits.
- ``errors``: the one error shape and the body-size limit.
- ``turns`` and ``talk``: a conversation turn over HTTP; ``speech``: voice in the page.
- ``api``, ``api_more``: the JSON API; ``pages``, ``accounts_pages``: the HTML pages.
"""
