"""The phrasings that shape teaching: repeat, examples, simple words, detail, why, the answer.

Part of the intent table (``viva.understand.table``), which also fixes the order rules are tried in.
"""

from __future__ import annotations

from viva.understand.intents import Kind
from viva.understand.rule import Rule

TEACHING: tuple[Rule, ...] = (
    Rule(
        Kind.REPEAT_WORD,
        whole="""
        [repeat|say] [the] (last|final) word [again]
        what was [the|that] last word
        i (didnt|couldnt) (catch|hear) the last word
    """,
        within="""
        [the] (last|final) word
        spell (it|that)
        that word
        repeat the word
        the word again
        which word
    """,
    ),
    Rule(
        Kind.REPEAT_SENTENCE,
        whole="""
        [repeat|say] [the] last (sentence|line) [again]
    """,
        within="""
        [the] last (sentence|line|part|bit)
        that sentence
        final sentence
    """,
    ),
    Rule(
        Kind.ANOTHER_EXAMPLE,
        within="""
        (another|one more|different|next|second|other|more|new) (example|examples|use case|scenario)
        example again
        another one example
    """,
    ),
    Rule(
        Kind.ALWAYS_EXAMPLE,
        whole="""
        always give [me] (an example|examples)
        (from now on|every time|always) give [me] (an example|examples) [every time|each time|always]
        every time you answer (add|give) an example
        (examples|example) (every time|each time|always)
        [always] give [me] (an example|examples) (from now on|every time|each time)
    """,
        within="""
        always give [me] (an example|examples)
        give [me] (an example|examples) (from now on|every time|each time|always)
    """,
    ),
    Rule(
        Kind.REPEAT,
        whole="""
        repeat [that|it|again|the answer|the question|please]
        say (that|it) again [please]
        say again
        again [please]
        once more [please]
        one more time
        pardon
        sorry
        [sorry] come again
        what
        huh
        sorry what
        what did you say
        i (didnt|couldnt) (catch|hear) (that|it|you) [properly]
        can you repeat [that|it]
        wait what
        [can you] say (that|it) once more
        repeat please
    """,
        within="""
        louder
        speak up
    """,
    ),
    Rule(
        Kind.EXAMPLE,
        whole="""
        [give [me]] [an|one|a small|some] example [please]
        examples
        for (example|instance)
        show me [the] code
        [show me] [a] use case
        example for this
    """,
        within="""
        example
        examples
        for instance
        use case
        show me how
        demo
        show me [the] code
        code snippet
    """,
    ),
    Rule(
        Kind.SIMPLER,
        whole="""
        simpler
        [in] simple (words|terms)
        (tell me|explain [it|that]) in simple (words|terms)
        [in] (plain|easy) (english|words)
        eli5
        confusing
        not clear
        [im] confused
        i (dont|didnt) (get it|understand)
        (make it|explain it) (simple|easy|simply)
    """,
        within="""
        simple (words|terms|english|language|way)
        simpler
        simply
        simple
        easy (words|way|language)
        plain (english|words)
        layman
        laymans
        eli5
        like im five
        (didnt|did not) (get|understand)
        (dont|do not) understand
        not clear
        confused
        confusing
        lost me
        what does (that|this|it) mean
        what that means
        i dont get it
        explain (it|that|this) again
        make it easy
        too complicated
    """,
    ),
    Rule(
        Kind.SHORTER,
        whole="""
        shorter
        short
        in short
        summary
        tldr
    """,
        within="""
        shorter
        short
        brief
        briefly
        in short
        summary
        summarize
        summarise
        tldr
        tl dr
        too long
        too much
        less detail
        fewer details
        too detailed
    """,
    ),
    Rule(
        Kind.MORE_DETAIL,
        whole="""
        detail
        more
        elaborate
        tell me more
    """,
        within="""
        more detail
        more details
        in detail
        detailed
        elaborate
        deeper
        in depth
        explain more
        full answer
        tell me more about
        go deeper
        explain it fully
    """,
    ),
    Rule(
        Kind.FOLLOW_UP,
        whole="""
        (follow up|followup) [question|questions]
    """,
        within="""
        follow up
        followup
        follow on
        what (would|will|might|can) (they|the interviewer) ask next
        follow up questions
        next question (they|the interviewer)
    """,
    ),
    Rule(
        Kind.WHY,
        whole="""
        [but|and] (why|how come)
        [but|and] (why|how come) (is that|is it)
        [but|and] why [would|do|did|is|does|should] [you|we|they|it|that|one] [do|use|need] [that|it|this|so]
        (whats|what is) the reason [behind it]
        reason
    """,
    ),
    Rule(
        Kind.ANSWER,
        whole="""
        [just] (answer|the answer|show [me] the answer|tell me the answer|give [me] the answer|reveal [the answer]|answer please)
        (whats|what is) the [correct|right] answer
        i dont know [this one]
        i dont know that
        no idea
        i give up
        i have no idea
    """,
        within="""
        model answer
        (correct|right|ideal|best) answer
    """,
    ),
)
