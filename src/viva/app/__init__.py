"""The use cases: what viva does, as plain functions and small classes over the pure core
and a store protocol.

Every front end (the CLI, voice, the web) translates its input, calls these, and renders
what comes back; none of them runs a conversation, records a grade or builds a plan itself.
Nothing here prints, reads the clock or opens files of its own accord: time, the store and
the channel are passed in.

- ``library``: the bank and its queries (ask, check, grade, questions, topics).
- ``conversation``: a coaching conversation and its one effect runner.
- ``practice``: a grade or a self-rating becomes an FSRS card and a logged attempt.
- ``reviews``: what is due today, catch-up, and reviews as a conversation.
- ``plans``: one "make a plan" for the CLI, the conversation and the web.
- ``ports``: the protocols the use cases need from the edges (store, channel).
"""
