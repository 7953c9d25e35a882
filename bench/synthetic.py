"""A synthetic bank of N entries for benchmarks: the real topic files, generated entries."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

WORDS = (
    "cache queue worker thread process request response latency index replica shard "
    "container image pipeline deploy rollback probe service gateway token session schema "
    "migration transaction lock event stream retry timeout circuit pool socket buffer "
    "decorator generator iterator closure context coroutine loop scheduler metric trace"
).split()


def generate(content: Path, out: Path, n: int, seed: int = 7) -> Path:
    """Copy the real topic files into ``out`` and write ``n`` valid generated entries."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    topics = sorted(p.parent.name for p in content.glob("*/_topic.yaml"))
    for topic in topics:
        (out / topic).mkdir(parents=True)
        shutil.copy(content / topic / "_topic.yaml", out / topic / "_topic.yaml")
    for i in range(n):
        topic = topics[i % len(topics)]
        subs = yaml.safe_load((out / topic / "_topic.yaml").read_text())["subtopics"]
        words = rng.sample(WORDS, 6)
        slug = f"q{i:04d}-{words[0]}-{words[1]}"
        entry = {
            "id": f"{topic}.{slug}",
            "topic": topic,
            "subtopic": rng.choice(subs)["id"],
            "level": rng.choice(["beginner", "intermediate", "senior"]),
            "type": "concept",
            "frequency": rng.choice(["high", "medium", "low"]),
            "question": f"How does the {words[0]} {words[1]} interact with the {words[2]}?",
            "variants": [f"{words[0]} and {words[1]}", f"what is {words[3]} {words[4]}"],
            "tags": words[:3],
            "short_answer": " ".join(rng.choice(WORDS) for _ in range(40)),
            "answer": " ".join(rng.choice(WORDS) for _ in range(250)),
            "simple": " ".join(rng.choice(WORDS) for _ in range(50)),
            "examples": [{"title": w, "body": " ".join(rng.sample(WORDS, 12))} for w in words[:2]],
            "key_points": [
                {
                    "id": f"k{j}",
                    "point": " ".join(rng.sample(WORDS, 6)),
                    "weight": w,
                    "required": j == 0,
                    "phrases": rng.sample(WORDS, 3),
                }
                for j, w in enumerate((40, 30, 30))
            ],
            "misconceptions": [{"claim": " ".join(rng.sample(WORDS, 8)), "correction": "no"}],
            "sources": [{"title": "docs", "url": "https://example.org/docs"}],
        }
        (out / topic / f"{slug}.yaml").write_text(yaml.safe_dump(entry, sort_keys=False))
    return out
