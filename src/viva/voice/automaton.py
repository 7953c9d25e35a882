"""Command phrases as the smallest word automaton that says them all. Pure.

The recogniser's cost per frame grows with the grammar's states: each state carries its
own tree of next words, and pocketsphinx compiles a JSGF grammar without sharing (every
reference to ``<topic>`` is a fresh copy, every optional part a null arc). Our 1,151-state
JSGF grammar decoded in twice the time of the same language as a minimal automaton (215
states; bench/bench_voice.py), with the same commands understood. So the grammar's
templates become a word NFA (Thompson's construction over ``viva.understand.template``'s
tree), then a minimal DFA by Brzozowski's method (reverse and determinise, twice), which
suits a finite language of a few hundred words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from viva.understand.template import Alt, Seq, Slot, Word, parse_template

Arcs = dict[int, list[tuple[str, int]]]


@dataclass(frozen=True, slots=True)
class Automaton:
    """A deterministic word automaton: ``arcs[state]`` lists ``(word, next state)``."""

    start: int
    finals: frozenset[int]
    arcs: Arcs

    @property
    def states(self) -> int:
        return len(self.arcs)

    def words(self) -> set[str]:
        return {w for out in self.arcs.values() for w, _ in out}

    def accepts(self, words: Sequence[str]) -> bool:
        state = self.start
        for w in words:
            nxt = next((d for word, d in self.arcs.get(state, ()) if word == w), None)
            if nxt is None:
                return False
            state = nxt
        return state in self.finals

    def transitions(
        self,
    ) -> tuple[int, int, list[tuple[int, int, float] | tuple[int, int, float, str]]]:
        """``(start, final, transitions)`` for pocketsphinx's ``Decoder.create_fsg``: one
        final state reached by a null arc from each accepting state, and every state's ways
        on equally likely (as JSGF weighs a rule's alternatives)."""
        final = max(self.arcs, default=0) + 1
        out: list[tuple[int, int, float] | tuple[int, int, float, str]] = []
        for state, arcs in sorted(self.arcs.items()):
            ways = len(arcs) + (state in self.finals)
            out += [(state, dst, 1.0 / ways, word) for word, dst in arcs]
            if state in self.finals:
                out.append((state, final, 1.0 / ways))
        return self.start, final, out


class _Nfa:
    def __init__(self) -> None:
        self.arcs: dict[int, list[tuple[str, int]]] = {}
        self.eps: dict[int, set[int]] = {}
        self.n = 0

    def state(self) -> int:
        self.n += 1
        return self.n - 1

    def arc(self, src: int, word: str | None, dst: int) -> None:
        if word is None:
            self.eps.setdefault(src, set()).add(dst)
        else:
            self.arcs.setdefault(src, []).append((word, dst))


def compile_templates(templates: Iterable[str], lists: Mapping[str, Sequence[str]]) -> Automaton:
    """The minimal automaton of every sentence the ``templates`` say; a ``{slot}`` is any of
    ``lists[slot]``, whose values are templates themselves (``"for {level}"``)."""
    nfa = _Nfa()
    start, final = nfa.state(), nfa.state()
    trees = {name: [parse_template(v) for v in values] for name, values in lists.items()}

    def build(node: Seq | Word | Slot | Alt, src: int, depth: int = 0) -> int:
        if depth > 20:
            raise ValueError("grammar slots refer to each other in a loop")
        if isinstance(node, Word):
            dst = nfa.state()
            nfa.arc(src, node.text, dst)
            return dst
        if isinstance(node, Seq):
            for item in node.items:
                src = build(item, src, depth)
            return src
        if isinstance(node, Alt):
            options: Sequence[Seq] = node.options
        elif node.name in trees:
            options = trees[node.name]
        else:
            raise ValueError(f"the grammar has no list for {{{node.name}}}")
        end = nfa.state()
        for option in options:
            nfa.arc(build(option, src, depth + 1), None, end)
        if isinstance(node, Alt) and node.optional:
            nfa.arc(src, None, end)
        return end

    for text in templates:
        nfa.arc(build(parse_template(text), start), None, final)
    dfa = _determinise({start}, {final}, nfa.arcs, nfa.eps)
    for _ in range(2):
        dfa = _determinise(*_reverse(dfa))
    return dfa


def _closure(states: Iterable[int], eps: Mapping[int, set[int]]) -> frozenset[int]:
    seen, todo = set(states), list(states)
    while todo:
        for nxt in eps.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return frozenset(seen)


def _determinise(
    starts: set[int],
    finals: set[int],
    arcs: Mapping[int, list[tuple[str, int]]],
    eps: Mapping[int, set[int]],
) -> Automaton:
    first = _closure(starts, eps)
    ids, todo = {first: 0}, [first]
    out: Arcs = {}
    accepting: set[int] = set()
    while todo:
        group = todo.pop()
        here = ids[group]
        if group & finals:
            accepting.add(here)
        by_word: dict[str, set[int]] = {}
        for s in group:
            for w, d in arcs.get(s, ()):
                by_word.setdefault(w, set()).add(d)
        out[here] = []
        for w, dsts in sorted(by_word.items()):
            nxt = _closure(dsts, eps)
            if nxt not in ids:
                ids[nxt] = len(ids)
                todo.append(nxt)
            out[here].append((w, ids[nxt]))
    return Automaton(0, frozenset(accepting), out)


def _reverse(a: Automaton) -> tuple[set[int], set[int], Arcs, dict[int, set[int]]]:
    back: Arcs = {}
    for src, arcs in a.arcs.items():
        for w, dst in arcs:
            back.setdefault(dst, []).append((w, src))
    return set(a.finals), {a.start}, back, {}
