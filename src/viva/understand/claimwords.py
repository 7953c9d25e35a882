"""The word tables behind claim extraction: fillers, lead-ins, tags, repair markers, verbs.

Kept apart from the logic in ``claims`` so a new filler or tag is one line here. All entries
are lower-case word runs as the tokenizer splits them ("isn't" stays one word).
"""

from __future__ import annotations

import re

from viva.text import STOPWORDS


def _runs(text: str) -> tuple[tuple[str, ...], ...]:
    """One run per line, longest first so "okay okay" wins over "okay"."""
    runs = {tuple(line.split()) for line in text.strip().splitlines() if line.strip()}
    return tuple(sorted(runs, key=len, reverse=True))


# Discourse words and fillers: dropped wherever they stand as fillers (see claims._filler_here).
FILLER_RUNS = _runs("""
oh
oh okay
okay okay
ok ok
okay
ok
yeah
yes
yep
yup
hmm
um
umm
uh
uhh
er
erm
ah
hey
well
see
basically
actually
literally
honestly
like
you know
you see
i mean
sort of
kind of
right
sorry
fine
alright
all right
cool
got it
understood
i understood
i understand
i see
so yeah
and everything
and all
and all that
and stuff
or something
or something like that
etcetera
etc
again
no no
no
first thing
one thing
so basically
so first thing
what happens is
the thing is
""")

# Openers that wrap a claim to be checked: "is it true that ...", "my understanding is ...".
LEAD_INS = _runs("""
is it true that
is it correct that
is it right that
is it true
am i right that
am i right in saying that
am i right in saying
am i correct that
am i correct in saying that
would it be right to say that
would it be correct to say that
can i say that
can we say that
so can i say that
does that mean that
does that mean
does it mean that
does it mean
that means
so that means
so it means
it means that
my understanding is that
my understanding is
what i understood is that
what i understood is
what i understand is
if i understood correctly
if i understand correctly
if i understood it correctly
if i understand it correctly
correct me if i'm wrong
correct me if i am wrong
i think that
i think
i believe that
i believe
i guess
i feel like
i feel
i suppose
in other words
you mean
you mean to say
you are saying
you're saying
so you are saying
so you're saying
""")

# Question tags that ask to confirm what came before.
TAGS = _runs("""
right
correct
true
isn't it
is it
is that right
is that correct
is that true
am i right
am i correct
isn't that right
isn't that so
aren't they
don't they
doesn't it
won't it
can't it
right right
or not
yes or no
no
yeah
yes
na
naa
ok
okay
sir
""")

REPAIR_MARKERS = _runs("""
sorry
sorry sorry
no actually
actually no
no sorry
i mean
i meant
no wait
wait
wait no
or rather
rather
my bad
scratch that
correction
no no
""")

# Requests and questions that carry no claim to check.
REQUESTS = _runs("""
can you
could you
would you
will you
tell me
explain
give me
show me
i want to know
i need to know
i have a question
one question
let me ask
please
""")

# Connectives that only join a sentence to the one before when they open it.
LEAD_OPENERS = _runs("""
so
and
but
also
plus
then
and then
so then
""")
WH_WORDS = frozenset("what why how which who whom whose where whether".split())

QUESTION_STARTS = frozenset(
    """what why how which who whom whose is are was were am do does did can
    could would should will shall may might has have had isn't aren't doesn't don't didn't
    won't can't""".split()
)

AUX = frozenset(
    """is are was were be been being am isn't aren't wasn't weren't will would can could should
    shall may might must won't wouldn't can't cannot couldn't shouldn't does do did doesn't
    don't didn't has have had hasn't haven't it's they're that's there's""".split()
)
# a pronoun and "is"/"are" in one word: a subject and its verb at once
SUBJECT_BE = frozenset("it's they're we're you're".split())

# Verbs a backend learner uses in claims, in the forms they take after a subject.
_VERB_STEMS = """run build push pull deploy keep manage scale restart create make provide store
handle use need take give send return call block hold share copy execute start stop read write
check validate test monitor schedule route cache lock release work contain replace roll update
install listen serve spawn fork wait pick place mean help depend own require support allow let
load save commit merge fetch trigger cost change modify mutate hash sort open close connect
encrypt decode encode sign verify expire retry fail crash crashes balance forward reach talk
mount expose publish subscribe consume produce emit raise catch throw wrap bind inject resolve
track log print compile interpret process reuse limit split join index query scan lose
decide distribute sit sync persist promote stay mean happen occur behave refer point belong
copy duplicate wipe delete remove add insert drop grow shrink prevent avoid guarantee ensure
reduce increase improve slow speed isolate separate package ship host operate apply
""".split()


def _forms(stem: str) -> set[str]:
    out = {stem, stem + "s", stem + "ed", stem + "ing"}
    if stem.endswith("e"):
        out |= {stem + "d", stem[:-1] + "ing"}
    if stem.endswith(("sh", "ch", "s", "x")):
        out.add(stem + "es")
    if stem.endswith("y") and stem[-2] not in "aeiou":
        out |= {stem[:-1] + "ies", stem[:-1] + "ied"}
    return out


VERBS = frozenset(
    {f for s in _VERB_STEMS for f in _forms(s)}
    | {
        "ran",
        "built",
        "kept",
        "made",
        "took",
        "gave",
        "sent",
        "held",
        "wrote",
        "read",
        "lost",
        "does",
        "goes",
        "went",
        "sits",
        "sat",
        "comes",
        "came",
        "gets",
        "got",
        "lets",
        "runs",
        "puts",
        "set",
        "sets",
        "knows",
        "becomes",
        "stays",
        "looks",
        "acts",
        "differ",
        "differs",
        "works",
    }
)

DETERMINERS = frozenset("the a an this that these those our my your its their".split())
PRONOUNS = frozenset("it they this that he she it's they're".split())
# A part that starts with one of these is only a condition or time: it needs a main clause.
SUBORDINATORS = frozenset(
    "when whenever if once after before while until unless as whether since".split()
)
CLAUSE_STARTERS = frozenset("and but so then or because".split())
RELATIONAL = frozenset(
    "different separate same similar distinct independent unrelated related equal".split()
)
# "in case of Jenkins, it ..." names what the pronoun that follows is about
TOPIC_PREPS = _runs("""
in case of
in the case of
as for
when it comes to
coming to
talking about
about
for
with
in
""")

NO_CLAIM = frozenset(
    _runs("""
that is it
that's it
that's all
i know
i understood
i got it
makes sense
it makes sense
that makes sense
thank you
thanks
like that
that way
and everything
i am not sure
i'm not sure
""")
)

# Content words: not stopwords, not fillers, not pronouns.
_NOT_CONTENT = STOPWORDS | {w for r in FILLER_RUNS for w in r} | PRONOUNS | {","}


def content_words(words: list[str]) -> list[str]:
    return [w for w in (x.lower() for x in words) if w not in _NOT_CONTENT and w not in AUX]


def is_verb(word: str) -> bool:
    return word in AUX or word in VERBS


# words that judge what was said rather than say something of it: "it is fine"
VERDICT_WORDS = frozenset(
    "right true correct wrong fine ok okay good bad great nice possible important easy hard "
    "simple clear better worse same different done it so".split()
)
# words that point back instead of saying something: "it's nothing like that"
DEICTIC = frozenset("nothing everything something thing things like that this same way".split())
CONTRAST_KEEP = frozenset("not never only also still just no".split())
ADVERBS = frozenset("also still just only always never really actually automatically then".split())
CONTRACTED = frozenset({"it's", "they're", "that's"})


def lowered(words: list[str]) -> list[str]:
    """The words in lower case, a typographic apostrophe made plain."""
    return [w.lower().replace("\u2019", "'") for w in words]


def spelled_out(word: str) -> list[str]:
    """ "they're" as "they are", "it's" as "it is" (its case kept); any other word alone."""
    low = word.lower().replace("\u2019", "'")
    if low not in CONTRACTED:
        return [word]
    return [re.split("['\u2019]", word)[0], "are" if low.endswith("'re") else "is"]


TOPIC_WORDS = 4  # the most words a topic set before a comma takes ("in case of Jenkins,")
