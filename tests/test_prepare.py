"""The preparer (run/prepare): documents parsed in a second process while the models load."""

from __future__ import annotations

import dataclasses
import os
import time

import pytest

from blamelint.base.errors import BlamelintError, InputError
from blamelint.rules import kinds
from blamelint.run import parallel, prepare
from blamelint.run.config import default_config
from blamelint.run.lint import Job, document_findings, document_for, lint_jobs, prose_plan
from blamelint.run.parallel import Source, lint_sources
from blamelint.run.prepare import Preparer, unpack

from .conftest import CORPUS
from .test_structure_rules import COMPLETE_EN


def document_rules_only():
    base = default_config()
    rules = tuple(
        r if not kinds.kind_of(r).nlp else r.with_settings(enabled=False) for r in base.rules
    )
    return dataclasses.replace(base, rules=rules)


def corpus_sources(config) -> list[Source]:
    sources = [
        Source(str(path), path.read_text(encoding="utf-8"), config)
        for path in sorted((CORPUS / "docs").glob("*/*.md"))
    ]
    sources.insert(1, Source("broken.md", "---\ntitle: [unclosed\n---\n# T\n", config))
    sources.append(Source("flawed.md", COMPLETE_EN.replace("45 min", "TBD"), config))
    return sources


def fresh(source: Source) -> tuple[Job | None, BlamelintError | None]:
    try:
        document = document_for(source.display, source.text, source.config, sidecars=())
    except BlamelintError as exc:
        return None, exc
    return Job(document, source.config), None


def test_prepared_documents_lint_exactly_as_documents_parsed_here():
    config = document_rules_only()
    sources = [dataclasses.replace(s, sidecars=()) for s in corpus_sources(config)]
    prepared = Preparer.start(sources, range(len(sources))).results(stop=False)
    assert sorted(prepared) == list(range(len(sources)))
    errors = 0
    for index, source in enumerate(sources):
        job, error = unpack(prepared[index], source)
        here, here_error = fresh(source)
        if here_error is not None:
            errors += 1
            assert job is None and type(error) is type(here_error)
            assert (error.message, error.path, error.line) == (
                here_error.message,
                here_error.path,
                here_error.line,
            )
            continue
        assert job.found == tuple(document_findings(here))
        assert lint_jobs([job]) == lint_jobs([here])
        assert job.document == here.document
    assert errors == 1 and any(job_found(prepared[i], s) for i, s in enumerate(sources))


def job_found(blob: bytes, source: Source) -> bool:
    job, _ = unpack(blob, source)
    return job is not None and bool(job.found)


def test_the_prose_plan_is_made_ahead_as_it_would_be_here():
    sources = [dataclasses.replace(s, sidecars=()) for s in corpus_sources(default_config())]
    prepared = Preparer.start(sources, range(len(sources))).results(stop=False)
    plans, languages = 0, set()
    for index, source in enumerate(sources):
        job, _ = unpack(prepared[index], source)
        here, _ = fresh(source)
        if job is not None:
            assert job.plan == prose_plan(here)
            plans += bool(job.plan[1])
            languages.update(job.plan[0])
    assert plans > 10 and languages >= {"en", "fr"}


def test_the_nlp_pass_reads_only_the_segments_the_plan_names():
    config = default_config()
    source = Source("flawed.md", COMPLETE_EN + "\nJohn Smith broke the deploy.\n", config)
    job, _ = fresh(source)
    languages, wanted = prose_plan(job)
    assert wanted  # the sentence above needs the model
    nothing = dataclasses.replace(job, plan=(languages, ()))
    assert lint_jobs([nothing]) == sorted(document_findings(job), key=lambda f: f.sort_key())


def test_the_document_rules_run_once_where_the_preparer_found_them(monkeypatch):
    config = document_rules_only()
    source = Source("flawed.md", COMPLETE_EN.replace("45 min", "TBD"), config, sidecars=())
    job, _ = unpack(Preparer.start([source], [0]).results(stop=False)[0], source)
    monkeypatch.setattr(kinds, "kind_of", lambda rule: pytest.fail("a rule ran again"))
    assert document_findings(job) == list(job.found) and job.found


def test_a_stopped_preparer_ends_at_once_with_whole_results_only_and_leaves_no_process():
    config = document_rules_only()
    sources = corpus_sources(config) * 20
    preparer = Preparer.start(sources, range(len(sources)))
    prepared = preparer.results()  # told to stop straight away
    assert len(prepared) < len(sources)
    assert sorted(prepared) == list(range(len(prepared)))  # in order, none half-written
    for index, blob in prepared.items():
        job, error = unpack(blob, sources[index])
        assert (job is None) != (error is None)
    with pytest.raises(ChildProcessError):
        os.waitpid(preparer._pid, os.WNOHANG)  # reaped: no zombie


def test_documents_are_prepared_in_the_order_given():
    config = document_rules_only()
    sources = corpus_sources(config)
    prepared = Preparer.start(sources, [3, 0]).results(stop=False)
    assert sorted(prepared) == [0, 3]


def test_a_result_too_large_for_the_buffer_ends_the_preparation(monkeypatch):
    config = document_rules_only()
    sources = [Source(f"{i}.md", COMPLETE_EN, config, sidecars=()) for i in range(3)]
    one = len(Preparer.start(sources, [0]).results(stop=False)[0])
    monkeypatch.setattr(prepare, "BUFFER_MAX_BYTES", 2 * one + 60)
    assert sorted(Preparer.start(sources, [0, 1, 2]).results(stop=False)) == [0, 1]


def test_a_preparer_that_fails_keeps_what_it_finished(monkeypatch):
    config = document_rules_only()
    sources = [Source(f"{i}.md", COMPLETE_EN, config, sidecars=()) for i in range(3)]
    real = prepare.document_for

    def fails_on_the_second(path, *args, **kwargs):
        if path == "1.md":
            raise RuntimeError("a bug")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(prepare, "document_for", fails_on_the_second)  # (the fork inherits it)
    assert sorted(Preparer.start(sources, [0, 1, 2]).results(stop=False)) == [0]


def test_without_a_fork_nothing_is_prepared(monkeypatch):
    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork)
    assert Preparer.start([Source("a.md", COMPLETE_EN, default_config())], [0]) is None


def test_the_preparer_takes_each_share_in_turn():
    assert parallel._interleaved([[0, 1, 2], [5], [7, 8]]) == [0, 5, 7, 1, 8, 2]
    assert parallel._interleaved([]) == []


real_loaded_already = parallel._loaded_already


def with_a_model_load(monkeypatch, prepared_counts):
    """lint_sources as when a model is loaded before forking (none is: no NLP rule here)."""
    monkeypatch.setattr(parallel, "_preloads", lambda *a: [(("en", ()), frozenset({"ner"}))])
    monkeypatch.setattr(parallel, "_load", lambda preloads: set())
    monkeypatch.setattr(parallel, "_loaded_already", lambda preloads: False)
    real = Preparer.results

    def results(self, stop=True):
        found = real(self, stop=False)  # (every document, so that the test is deterministic)
        prepared_counts.append(len(found))
        return found

    monkeypatch.setattr(Preparer, "results", results)


def outcomes_as_values(outcomes):
    return [
        (o.findings, None if o.error is None else (type(o.error), str(o.error))) for o in outcomes
    ]


def test_workers_starting_from_prepared_documents_give_the_serial_run(monkeypatch):
    config = document_rules_only()
    sources = corpus_sources(config)
    serial = lint_sources(sources, workers=1)
    counts: list[int] = []
    with_a_model_load(monkeypatch, counts)
    forked = lint_sources(sources, workers=2)
    assert counts == [len(sources)]
    assert outcomes_as_values(forked) == outcomes_as_values(serial)
    assert isinstance(forked[1].error, InputError) and forked[1].error.line == 3
    assert sum(len(o.findings or ()) for o in serial) > 10


def test_workers_parse_what_the_preparer_did_not_reach(monkeypatch):
    config = document_rules_only()
    sources = corpus_sources(config)
    serial = lint_sources(sources, workers=1)
    counts: list[int] = []
    with_a_model_load(monkeypatch, counts)
    monkeypatch.setattr(prepare, "BUFFER_MAX_BYTES", prepare.BUFFER_MIN_BYTES // 8)
    forked = lint_sources(sources, workers=2)
    assert 0 < counts[0] < len(sources)
    assert outcomes_as_values(forked) == outcomes_as_values(serial)


def test_no_preparer_when_no_model_is_loaded_before_forking(monkeypatch):
    started = []
    monkeypatch.setattr(Preparer, "start", lambda *a: started.append(a))
    config = document_rules_only()
    lint_sources(corpus_sources(config), workers=2)
    assert started == []


def test_no_preparer_when_this_process_holds_the_models_already(monkeypatch):
    import blamelint.nlp.engine as engine

    with_a_model_load(monkeypatch, [])
    monkeypatch.setattr(parallel, "_loaded_already", real_loaded_already)
    monkeypatch.setattr(engine.NlpEngine, "loaded", lambda self, lang, needs: lang == "en")
    started = []
    real = Preparer.start
    monkeypatch.setattr(Preparer, "start", lambda *a: started.append(a) or real(*a))
    config = document_rules_only()
    lint_sources(corpus_sources(config), workers=2)
    assert started == []
    monkeypatch.setattr(engine.NlpEngine, "loaded", lambda self, lang, needs: False)
    lint_sources(corpus_sources(config), workers=2)
    assert len(started) == 1


@pytest.mark.nlp
@pytest.mark.slow
def test_while_the_english_model_loads_the_preparer_parses_and_findings_stay_the_same(monkeypatch):
    import blamelint.nlp.engine as engine

    monkeypatch.setattr(engine, "_loaded", {})  # as in a new process: the model is loaded
    sources = [s for s in corpus_sources(default_config()) if "/fr/" not in s.display]
    counts: list[int] = []
    real = Preparer.results

    def results(self, stop=True):
        found = real(self, stop)
        counts.append(len(found))
        return found

    monkeypatch.setattr(Preparer, "results", results)
    real_load = parallel._load

    def load(preloads):  # as long as a first load takes, should this process hold the model
        loaded = real_load(preloads)
        time.sleep(0.5)
        return loaded

    monkeypatch.setattr(parallel, "_load", load)
    forked = lint_sources(sources, workers=2)
    serial = lint_sources(sources, workers=1)
    assert len(counts) == 1 and counts[0] > 0
    assert outcomes_as_values(forked) == outcomes_as_values(serial)
    assert any(f.rule.startswith("BL3") for o in serial for f in o.findings or ())
