"""--jobs N: worker processes give byte-identical output to --jobs 1, errors included."""

from __future__ import annotations

import dataclasses
import gc
import subprocess
import sys
from pathlib import Path

import pytest

from blamelint.base.errors import InputError
from blamelint.rules import kinds
from blamelint.run import parallel
from blamelint.run.config import default_config
from blamelint.run.parallel import Source, lint_sources, worker_count
from blamelint.run.runner import RunOptions, run

from .conftest import CORPUS, ROOT
from .test_structure_rules import COMPLETE_EN

STRUCTURE = ("structure", "metadata", "meta", "actions")


def archive(tmp_path: Path) -> Path:
    """The corpus plus files that fail in different ways, in one folder."""
    folder = tmp_path / "archive"
    for source in sorted((CORPUS / "docs").glob("*/*.md")):
        target = folder / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    (folder / "broken-front-matter.md").write_text("---\ntitle: [unclosed\n---\n# T\n")
    (folder / "latin1.md").write_bytes("# Incident\n\nCaf\xe9\n".encode("latin-1"))
    (folder / "flawed.md").write_text(COMPLETE_EN.replace("45 min", "TBD"))
    (folder / "same.md").write_text(COMPLETE_EN.replace("45 min", "TBD"))
    return folder


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "blamelint.cli.main",
        "check",
        "--no-cache",
        *args,
        str(folder),
    ]
    return subprocess.run(command, capture_output=True, cwd=ROOT, timeout=600)


@pytest.mark.nlp
@pytest.mark.slow
def test_two_workers_print_exactly_what_one_prints(tmp_path):
    folder = archive(tmp_path)
    one = cli(folder, "--jobs", "1")
    two = cli(folder, "--jobs", "2")
    assert one.returncode == 2  # the broken files are input errors
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.stdout.count(b"BL") > 20


def test_workers_in_process_match_the_serial_run(tmp_path):
    folder = archive(tmp_path)
    serial = run([str(folder)], RunOptions(select=STRUCTURE, jobs=1))
    for jobs in (2, 3):
        forked = run([str(folder)], RunOptions(select=STRUCTURE, jobs=jobs))
        assert forked.findings == serial.findings
        assert forked.files == serial.files
        assert [str(e) for e in forked.errors] == [str(e) for e in serial.errors]
        assert [type(e) for e in forked.errors] == [type(e) for e in serial.errors]
    assert len(serial.errors) == 2 and serial.findings


def test_errors_keep_their_type_file_and_line_across_processes():
    config = default_config()
    sources = [
        Source("a.md", "---\nkey: [x\n---\n", config),
        Source("b.md", COMPLETE_EN, config),
    ]
    [bad, good] = lint_sources(sources, workers=2)
    assert isinstance(bad.error, InputError)
    assert (bad.error.path, bad.error.line) == ("a.md", 3)
    assert good.error is None and good.findings is not None


def test_auto_stays_serial_for_small_inputs_and_uses_the_cores_for_large_ones(monkeypatch):
    config = default_config()
    small = [Source(f"{i}.md", "word " * 1000, config) for i in range(10)]
    large = [Source(f"{i}.md", "word " * 100_000, config) for i in range(10)]
    monkeypatch.setattr(parallel, "available_cpus", lambda: 2)
    assert worker_count("auto", small) == 1
    assert worker_count("auto", large) == 2
    # A real archive: 60 postmortems of about 6,500 characters each.
    archive = [Source(f"{i}.md", "word " * 1300, config) for i in range(60)]
    assert worker_count("auto", archive) == 2
    assert worker_count(8, large[:3]) == 3  # never more workers than documents
    assert worker_count(4, large[:1]) == 1


def test_shares_are_balanced_by_size_and_cover_every_document():
    sizes = [100, 1, 1, 1, 50, 50, 2]
    shares = parallel._cut(range(len(sizes)), sizes, 2)
    assert sorted(i for share in shares for i in share) == list(range(len(sizes)))
    assert sorted(sum(sizes[i] for i in share) for share in shares) == [102, 103]


def test_shares_keep_each_language_together():
    config = default_config()
    english = "The deploy failed and the team rolled it back. " * 200
    french = "Le déploiement a échoué et l'équipe l'a annulé. " * 200
    sources = [Source(f"{i}.md", english if i % 2 else french, config) for i in range(8)]
    shares = parallel._shares(sources, 2)
    assert sorted(map(sorted, shares)) == [[0, 2, 4, 6], [1, 3, 5, 7]]


def test_batches_give_the_same_findings_as_one_pass(tmp_path, monkeypatch):
    folder = archive(tmp_path)
    whole = run([str(folder)], RunOptions(select=STRUCTURE, jobs=1))
    monkeypatch.setattr(parallel, "BATCH_CHARS", 1)  # one document per lint_jobs call
    batched = run([str(folder)], RunOptions(select=STRUCTURE, jobs=1))
    assert batched.findings == whole.findings and batched.files == whole.files


def _preloaded(monkeypatch, sources, shares, languages):
    import blamelint.nlp.engine as engine

    loaded = []
    monkeypatch.setattr(engine, "preload", lambda eng, lang, needs: loaded.append((lang, needs)))
    parallel._preload(sources, shares, languages)
    return loaded


BIG = "# T\n\n" + "The deploy failed and the team rolled it back. " * 500


def test_a_model_two_workers_need_is_loaded_before_forking(monkeypatch):
    config = default_config()
    sources = [Source(f"{n}.md", BIG, config) for n in range(4)]
    languages = ["en", "en", "en", "fr"]
    loaded = _preloaded(monkeypatch, sources, [[0, 1], [2, 3]], languages)
    # English is in both shares: loaded once in the parent. French only in one: the worker's.
    assert [lang for lang, _ in loaded] == ["en"]
    assert loaded[0][1] >= {"ner", "parser"}


def test_nothing_is_preloaded_without_an_nlp_rule_or_a_shared_language(monkeypatch):
    config = default_config()
    sources = [Source(f"{n}.md", BIG, config) for n in range(4)]
    assert _preloaded(monkeypatch, sources, [[0, 1], [2, 3]], ["en", "en", "fr", "fr"]) == []
    small = [Source(f"{n}.md", "# T\n\nText.\n", config) for n in range(4)]
    assert _preloaded(monkeypatch, small, [[0, 1], [2, 3]], ["en"] * 4) == []  # maybe no prose
    base = default_config()
    document_only = tuple(
        r if not kinds.kind_of(r).nlp else r.with_settings(enabled=False) for r in base.rules
    )
    structure = dataclasses.replace(base, rules=document_only)
    sources = [Source(f"{n}.md", BIG, structure) for n in range(2)]
    assert _preloaded(monkeypatch, sources, [[0], [1]], ["en", "en"]) == []


def test_workers_inherit_the_parents_objects_frozen_and_the_parent_thaws_them(monkeypatch):
    def frozen_count(sources, *args, **kwargs):  # runs in the worker: its findings say what it saw
        return [parallel.Outcome(findings=[gc.get_freeze_count()]) for _ in sources]

    monkeypatch.setattr(parallel, "_lint_share", frozen_count)
    config = default_config()
    sources = [Source(f"{i}.md", COMPLETE_EN, config) for i in range(2)]
    outcomes = lint_sources(sources, workers=2)
    assert all(outcome.findings[0] > 1000 for outcome in outcomes)
    assert gc.get_freeze_count() == 0


def test_units_cover_every_document_once_shares_first_then_smaller_units():
    config = default_config()
    sizes = [9_000, 500, 4_000, 30_000, 2_000, 12_000, 700, 20_000, 6_000, 3_000]
    sources = [Source(f"{i}.md", "x" * size, config) for i, size in enumerate(sizes)]
    shares = [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    units = parallel._units(sources, shares, [True] * len(sizes))
    assert sorted(i for unit in units for i in unit) == list(range(len(sizes)))
    heads, tail = units[:2], units[2:]
    # Each share keeps its large documents and gives up at most TAIL_FRACTION of its text.
    for share, head in zip(shares, heads, strict=True):
        assert set(head) <= set(share)
        given = sum(sizes[i] for i in share if i not in head)
        assert 0 < given <= parallel.TAIL_FRACTION * sum(sizes[i] for i in share)
    assert 3 in heads[0] and 7 in heads[1]
    assert tail and all(unit == sorted(unit) for unit in units)


def test_only_documents_every_worker_can_lint_without_a_model_load_go_to_the_tail():
    config = default_config()
    sources = [Source(f"{i}.md", "x" * 5_000, config) for i in range(8)]
    shares = [[0, 1, 2, 3], [4, 5, 6, 7]]
    ready = [True, True, True, True, False, False, False, False]  # e.g. French, in one share
    units = parallel._units(sources, shares, ready)
    assert units[1] == [4, 5, 6, 7]  # the share whose model only its worker loads stays whole
    assert all(i < 4 for unit in units[2:] for i in unit)
    assert parallel._units(sources, shares, [False] * 8) == shares


def test_a_document_is_ready_when_its_model_was_preloaded_with_what_it_needs():
    base = default_config()
    source = Source("a.md", BIG, base)
    needs = parallel._needs(base)
    key = parallel._key(source, "en")
    assert parallel._ready(source, "en", {(key, needs)})
    assert not parallel._ready(source, "fr", {(key, needs)})  # another language
    assert not parallel._ready(source, "en", {(key, frozenset({"ner"}))})  # fewer components
    assert not parallel._ready(source, "en", set())
    document_only = tuple(
        r if not kinds.kind_of(r).nlp else r.with_settings(enabled=False) for r in base.rules
    )
    structure = Source("b.md", BIG, dataclasses.replace(base, rules=document_only))
    assert parallel._ready(structure, "en", set())  # no NLP rule: never loads a model


def _loads(monkeypatch, tmp_path, sources, workers):
    """The run's outcomes and the models it loaded ("en parent", "fr worker"...), from a
    fresh start: engine._load wrapped to append to a file (the forked workers inherit the
    wrapper, and the file outlives them)."""
    import os

    import blamelint.nlp.engine as engine

    record = tmp_path / f"loads-{workers}.txt"
    real, parent = engine._load, os.getpid()

    def load(name, language, components):
        with record.open("a") as out:
            out.write(f"{language} {'parent' if os.getpid() == parent else 'worker'}\n")
        return real(name, language, components)

    monkeypatch.setattr(engine, "_loaded", {})  # nothing loaded yet in this process
    monkeypatch.setattr(engine, "_load", load)
    outcomes = lint_sources(sources, workers=workers)
    return outcomes, sorted(record.read_text().splitlines()) if record.exists() else []


ENGLISH = "# Outage\n\n" + "The deploy failed and the team rolled it back within the hour. " * 400
FRENCH = "# Panne\n\n" + "Le déploiement a échoué et l'équipe l'a annulé dans l'heure. " * 400


@pytest.mark.nlp
@pytest.mark.slow
def test_a_run_without_french_never_loads_the_french_model(monkeypatch, tmp_path):
    config = default_config()
    sources = [Source(f"{i}.md", ENGLISH, config) for i in range(4)]
    serial, loaded = _loads(monkeypatch, tmp_path, sources, 1)
    assert loaded == ["en parent"]
    forked, loaded = _loads(monkeypatch, tmp_path, sources, 2)
    assert loaded == ["en parent"]  # once, before forking: the workers inherit it
    assert [o.findings for o in forked] == [o.findings for o in serial]


@pytest.mark.nlp
@pytest.mark.slow
def test_only_the_worker_with_the_french_documents_loads_the_french_model(monkeypatch, tmp_path):
    config = default_config()
    sources = [Source(f"{i}.md", ENGLISH, config) for i in range(4)]
    sources.append(Source("fr.md", FRENCH, config))
    serial, loaded = _loads(monkeypatch, tmp_path, sources, 1)
    assert loaded == ["en parent", "fr parent"]
    forked, loaded = _loads(monkeypatch, tmp_path, sources, 2)
    assert loaded == ["en parent", "fr worker"]
    assert [o.findings for o in forked] == [o.findings for o in serial]
