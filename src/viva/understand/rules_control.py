"""The phrasings that steer the conversation: sets, navigation, pace, pauses, social turns.

Part of the intent table (``viva.understand.table``), which also fixes the order rules are tried in.
"""

from __future__ import annotations

from viva.understand.intents import Kind
from viva.understand.rule import Rule

# acknowledgements that may come before "next" ("ok, got it, next")
_ACK = "(ok|okay|got it|fine|good|great|done|understood|i understood|thanks|thank you|yes|alright|cool|nice|sorry|yeah|go ahead)"

CONTROL: tuple[Rule, ...] = (
    Rule(
        Kind.QUIT,
        whole="""
        (quit|exit|bye|bye bye|goodbye|good bye|stop|end|close|enough)
        (stop|end) [the] session
        (thats all|that is all|thats it|im done|i am done|see you) [for (now|today)]
        (lets|can we|we can) stop [here|now] [for (now|today)]
        (ok|okay) (thats it|thats all) [for (now|today)]
    """,
    ),
    Rule(
        Kind.HELP,
        whole="""
        help [me]
        who are you
        what can you do
        what can i say
        [what are the] commands
        options
        menu
        how does this work
        how do i use (this|you)
    """,
    ),
    Rule(
        Kind.PAUSE,
        whole="""
        give (me|us) [a|one|two|2|few|a few|5|five|some] (minute|minutes|min|mins|moment|second|sec|seconds)
        (hold on|pause|brb|be right back|one (minute|moment|sec|second)) [a (minute|moment|second|sec)]
        wait [wait]
        (let me|i will|ill) (take a break|be right back)
        (just|wait) a (minute|moment|second|sec)
        take a break
    """,
        within="""
        give (me|us) [a|one|two|2|few|a few|5|five|some] (minute|minutes|min|mins|moment)
        hold on
        take a break
        be right back
    """,
    ),
    Rule(
        Kind.RESUME,
        whole="""
        (resume|unpause|ready)
        (im|i am|i m) (back|ready) [now]
        back again
        [(ok|okay)] (im|i am) back [lets resume]
        lets resume
    """,
    ),
    Rule(
        Kind.REVIEW,
        whole="""
        [lets|let us|can we|i want to|i would like to|id like to] (do|start|begin) [my|the|todays|today s] (review|reviews|revision)
        [my|todays|today s] (review|reviews)
        review [time]
        (what is|whats|what s|anything) due [today|for review|now]
        [show me] what i (should|need to) (review|revise)
        what (should|do|can) i (review|revise) [today|now]
        (revise|review) what is due
        spaced repetition
    """,
        within="""
        (do|start|begin) my (review|reviews)
        todays reviews
        due for review
    """,
    ),
    Rule(
        Kind.CONTINUE,
        whole="""
        [lets|can we] continue [please]
        [lets|can we] continue (from|where) (we|i) (left|stopped) [off]
        [lets] continue (the last|the previous|last|previous) (session|time)
        [lets] continue from last time
        resume [the] last session
        pick up where (we|i) left off
        where were we
    """,
    ),
    Rule(
        Kind.VOICE,
        within="""
        [in] [an] (indian|british|american|australian|hindi|female|male|different|other) (accent|voice)
        (change|switch) [your] (voice|accent)
        speak in (american|british|indian) [english]
    """,
    ),
    Rule(
        Kind.FASTER,
        whole="""
        faster
        go fast
        speed up
        hurry [up]
    """,
        within="""
        faster
        speed up
        speed it up
        (too|so|very|really) slow
        quicker
        quickly
        hurry
        go fast
        pick up the pace
        bit quick
    """,
    ),
    Rule(
        Kind.SLOWER,
        whole="""
        (slow|slower|slowly)
        slow down
        one question at a time
        not so fast
    """,
        within="""
        slow
        slower
        slowly
        (too|so|very) fast
        slow down
        not so fast
        little slow
        one at a time
        one by one
        step by step
        rushing
        too quick
        going fast
    """,
    ),
    Rule(
        Kind.QUESTIONS_ONLY,
        whole="""
        [the] questions
        questions only
    """,
        within="""
        questions only
        only [the] questions
        without [the] answers
        no answers
        just [the] questions
        dont (tell|give) [me] the answers
    """,
    ),
    Rule(
        Kind.WITH_ANSWERS,
        whole="""
        [with] answers
        answers (too|also)
    """,
        within="""
        with [the] (answer|answers)
        and answers
        along with answers
        include [the] answers
        answers (too|also|as well|please)
        (show|give) [me] [the] answers
        give the answers also
    """,
    ),
    Rule(
        Kind.TRY_AGAIN,
        whole="""
        [ok|okay] [can i|let me|i want to|ill|i will] (try [it|that|this] again|retry|have another go)
        another (try|attempt)
        one more try
        answer (it|that|this) again
    """,
    ),
    Rule(
        Kind.HOW_MANY_LEFT,
        whole="""
        where are we
        how many more [questions] [are there|left]
    """,
        within="""
        how many [questions] [are|do we have|is] (left|remaining|more|to go)
        how much [is] left
        which question (are we|is this|am i)
        what number
    """,
    ),
    Rule(
        Kind.GOTO,
        whole="""
        [open|show|repeat] [the] question [number|no] {number}
        (go|jump|skip|move|come) [back] to [the] question [number|no] {number}
        (back to|take me to) [the] question [number|no] {number}
        (go|jump|skip) [back] to {number}
        (go|jump|skip|move|take me) [back] to the {ordinal} question
        (can we|lets) go back to question [number] {number}
    """,
    ),
    Rule(
        Kind.PREVIOUS,
        whole="""
        [the] previous [one|question]
        go back [to the previous question]
        back
        last question
        the one before [that]
        before that
        one before that
        can you go back to the last question
    """,
    ),
    Rule(
        Kind.SKIP,
        whole="""
        [ill|i will|let me|lets|i want to] skip [it|this|this one|that|question|this question]
        pass
    """,
    ),
    Rule(
        Kind.NEXT,
        whole=f"""
        [{_ACK}] [{_ACK}] (next|next one|next question|move on|go ahead|go next|lets go|lets move on) [please|sir|one|question]
        next next
        (understood|i got it|done|good) [go to] [the] next [one]
        (done|got it|understood|i understood|clear|makes sense|fine|good|great|nice|cool|perfect|im good|i am good|all good) [so much|a lot]
        [can we|can you|lets] (go|move) to [the] next [one|question]
        (alright|ok|okay) move on to the next
        move to next
    """,
        within="""
        move on to the next [one]
        go to the next [one|question]
        next question please
        move to the next
        lets go to next
    """,
    ),
    Rule(
        Kind.MORE,
        whole="""
        (go on|more|keep going|yes|yeah|yep|sure|carry on|and then|then|tell me|what else|ok|okay|alright|right|uh huh|cheers|hmm okay) [please|continue|go on|go ahead]
        (yes|yeah|ok|okay|cheers) (yes|yeah|ok|okay|cheers) [go on]
        ok go ahead
        yes please continue
        yes go on
    """,
    ),
    Rule(
        Kind.QUIZ,
        whole="""
        quiz
    """,
        within="""
        quiz me
        test me
        mock interview
        interview me
        grade me
        grade my answers
        practice interview
        take my [mock|system design] interview
    """,
    ),
    Rule(
        Kind.THANKS,
        whole="""
        [ok|okay|great|alright] (thanks|thank you|thank u|thanks a lot|thank you so much|thanks man|thanks yaar|thank you sir|many thanks|cheers thanks)
        thank you thank you [thank you]
        [ok] thanks that helped
    """,
    ),
    Rule(
        Kind.GREETING,
        whole="""
        (hello|hi|hey|hey there|hi there|hello hello|good (morning|afternoon|evening)|namaste|hi viva|hello viva)
        (hi|hello) there how are you
        how are you
    """,
    ),
)
