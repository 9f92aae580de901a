"""Recorded regex programs: the same pattern behaviour, and nothing trusted that should not be."""

from __future__ import annotations

import re

import pytest

from blamelint.nlp import regex_cache

PATTERN = "(?iu)^(?:" + "|".join(f"mot{i}-[a-zé]+" for i in range(300)) + r")$|\d{2}h\d{2}"
SAMPLES = ["MOT7-été", "mot299-x", "mot300-x", "14h05", "x", "mot1-"]


def _compile_in_block(directory, pattern=PATTERN):
    re.purge()
    with regex_cache.compiled_regexes(directory):
        return re.compile(pattern)


def test_a_recorded_program_matches_exactly_like_a_fresh_compile(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "SLOW_SECONDS", 0.0)
    first = _compile_in_block(tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    re.purge()
    assert regex_cache.seed(tmp_path) == 1
    seeded = re.compile(PATTERN)  # served from re's cache, built from the file
    fresh = re._compiler.compile(PATTERN, 0)
    for sample in SAMPLES:
        expected = fresh.match(sample)
        for pattern in (first, seeded):
            got = pattern.match(sample)
            assert (got and got.span()) == (expected and expected.span()), sample
    assert seeded.pattern == PATTERN and seeded.flags == fresh.flags


def test_fast_compiles_are_not_recorded(tmp_path):
    _compile_in_block(tmp_path, "a+b")
    assert not list(tmp_path.glob("*.json"))


def test_damaged_renamed_or_foreign_entries_are_ignored(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "SLOW_SECONDS", 0.0)
    _compile_in_block(tmp_path)
    [entry] = tmp_path.glob("*.json")
    text = entry.read_text()
    entry.write_text(text[: len(text) // 2])
    re.purge()
    assert regex_cache.seed(tmp_path) == 0
    entry.write_text(text)
    entry.rename(tmp_path / ("0" * 64 + ".json"))
    assert regex_cache.seed(tmp_path) == 0
    monkeypatch.setattr(regex_cache, "_build_tag", lambda: "another python")
    (tmp_path / ("0" * 64 + ".json")).rename(entry)
    assert regex_cache.seed(tmp_path) == 0


def test_an_unwritable_folder_only_skips_recording(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "SLOW_SECONDS", 0.0)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert _compile_in_block(blocker).match("mot3-a")


def test_a_block_reads_only_the_entries_of_the_patterns_it_compiles(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "SLOW_SECONDS", 0.0)
    other = "(?i)^(?:" + "|".join(f"autre{i}" for i in range(50)) + ")$"
    _compile_in_block(tmp_path)
    _compile_in_block(tmp_path, other)
    assert len(list(tmp_path.glob("*.json"))) == 2
    decoded = []
    real_decode = regex_cache._decode
    monkeypatch.setattr(regex_cache, "_decode", lambda *a: decoded.append(1) or real_decode(*a))

    def no_compile(*args):
        raise AssertionError("compiled again although recorded")

    monkeypatch.setattr(regex_cache, "_program", no_compile)
    served = _compile_in_block(tmp_path)  # from its file: _program would raise
    assert len(decoded) == 1
    fresh = re._compiler.compile(PATTERN, 0)
    for sample in SAMPLES:
        expected = fresh.match(sample)
        got = served.match(sample)
        assert (got and got.span()) == (expected and expected.span()), sample


def test_a_damaged_entry_is_compiled_afresh_inside_a_block(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "SLOW_SECONDS", 0.0)
    _compile_in_block(tmp_path)
    [entry] = tmp_path.glob("*.json")
    entry.write_text(entry.read_text()[:100])
    assert _compile_in_block(tmp_path).match("mot3-a")
    assert regex_cache.seed(tmp_path) == 1  # and recorded again, whole


class _Clock:
    """A stand-in for `time` whose clocks advance by fixed steps on each reading."""

    def __init__(self, cpu_step: float, wall_step: float):
        self.cpu = self.wall = 0.0
        self.cpu_step, self.wall_step = cpu_step, wall_step

    def thread_time(self) -> float:
        self.cpu += self.cpu_step
        return self.cpu

    def perf_counter(self) -> float:
        self.wall += self.wall_step
        return self.wall


def test_a_compile_of_a_few_milliseconds_cpu_is_recorded(tmp_path, monkeypatch):
    # Like the English tokenizer's suffix pattern (~15-25 ms here): reading it back is ~20x less.
    monkeypatch.setattr(regex_cache, "time", _Clock(cpu_step=0.005, wall_step=0.005))
    _compile_in_block(tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_wall_time_spent_waiting_does_not_make_a_compile_slow(tmp_path, monkeypatch):
    # A compile preempted on a busy machine: long in wall time, a few microseconds of its CPU.
    monkeypatch.setattr(regex_cache, "time", _Clock(cpu_step=0.00001, wall_step=1.0))
    _compile_in_block(tmp_path)
    assert not list(tmp_path.glob("*.json"))


@pytest.mark.nlp
def test_the_english_tokenizers_patterns_are_recorded_and_served_exactly(tmp_path, monkeypatch):
    """The suffix, infix and URL patterns of an English load (15-50 ms of compiling between
    them) come back from their files, matching as freshly compiled ones do."""
    from spacy.lang.en import English
    from spacy.lang.tokenizer_exceptions import URL_MATCH
    from spacy.util import compile_infix_regex, compile_suffix_regex

    patterns = [
        compile_suffix_regex(English.Defaults.suffixes).pattern,
        compile_infix_regex(English.Defaults.infixes).pattern,
        URL_MATCH.__self__.pattern,
    ]
    re.purge()
    with regex_cache.compiled_regexes(tmp_path):
        for pattern in patterns:
            re.compile(pattern)
    assert len(list(tmp_path.glob("*.json"))) == len(patterns)

    def no_compile(*args):
        raise AssertionError("compiled again although recorded")

    monkeypatch.setattr(regex_cache, "_program", no_compile)
    re.purge()
    with regex_cache.compiled_regexes(tmp_path):
        served = [re.compile(pattern) for pattern in patterns]
    text = "The DB's fail-over (at 3:00)... e.g. https://status.example.com/x?y=1 , 5km, ok!"
    for pattern, got in zip(patterns, served, strict=True):
        fresh = re._compiler.compile(pattern, 0)
        assert got.flags == fresh.flags and got.groups == fresh.groups
        for i in range(len(text)):
            assert [m.span() for m in got.finditer(text, i)] == [
                m.span() for m in fresh.finditer(text, i)
            ]
