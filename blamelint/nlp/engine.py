"""The spaCy engine: model resolution, lazy loading, batched analysis. Nothing else imports spaCy.

Kinds ask for abstract components ("ner", "tagger", "parser"); this module maps them onto each
model's pipes (French has a "morphologizer" where English has a "tagger"), loads each model once
per process with every other pipe excluded, and runs all prose of a run through one `nlp.pipe`
per language. Texts that need more than NER are analysed in two stages: NER over every text,
then the tagger and parser only over the texts that asked for them (the spaCy probe measured
7.4k words/s for that against 5.6k for one stage with everything).

A component can also be *gated*: `gates={"ner": test}` runs the NER last, and only on the Docs
(already analysed by every other pipe) that pass `test`. That is exact only when the gated pipes
come after every other selected pipe in the model's own order (NER reads the parser's sentence
starts), so a gate that would reorder the pipeline is ignored and the component runs everywhere.
A gate must also hold per sentence: on a Doc that passes, the NER of a model whose context reach
is known (`sentence_gate.ner_reach`: the sm models' window CNN) runs only on the sentences (Spans
of the Doc) that pass, padded by that reach, and the entities inside them are those a whole-Doc run
gives (`sentence_gate` says why; tokens outside get "O"). Every other pipe runs on whole Docs.

An `attribute_ruler` that comes last in a pass is applied by `fast_ruler` (the same matches in
the same order, without spaCy's general Matcher) when its patterns allow it.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.metadata
import importlib.util
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from blamelint.base.errors import ModelError
from blamelint.base.languages import languages

# Abstract component -> pipes that provide it, in pipeline order, per model family.
_PIPES: dict[str, tuple[str, ...]] = {
    "ner": ("ner",),
    # attribute_ruler maps the English tagger's fine tags to coarse POS (cheap; no lemmatizer).
    "tagger": ("tok2vec", "tagger", "morphologizer", "attribute_ruler"),
    "parser": ("tok2vec", "parser"),
}
# The sm models' NER carries its own tok2vec, so "ner" alone is a complete pipeline.
KNOWN_COMPONENTS = frozenset(_PIPES)
BATCH_SIZE = 128
# spaCy's working memory grows with the characters in a batch, not the number of texts
# (128 texts of 10,000 characters peaked at 3 GB): a batch also ends at this many characters.
BATCH_CHARS = 40_000
# A test on a Doc analysed by every other pipe, or on a sentence (Span) of one: False means the
# gated component is not needed there.
Gate = Callable[[Any], bool]

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def resolve_model(language: str, models: Mapping[str, str] | None = None) -> str:
    """The model name to load for `language`: config override, then the language registry's."""
    if models and models.get(language):
        return models[language]
    registered = languages().get(language)
    candidates = registered.models if registered else ()
    if not candidates:
        raise ModelError(f"no spaCy model is known for language {language!r}")
    for name in candidates:
        if _installed(name):
            return name
    return candidates[-1]


def _missing(name: str, language: str) -> ModelError:
    if "/" in name or name.startswith((".", "~")):  # a folder, not a package to install
        return ModelError(f"spaCy model folder '{name}' for {language} cannot be loaded")
    # The registry says which distribution provides each model (first installed wins).
    packages = {m: p for lang in languages().values() for m, p in lang.packages.items()}
    package = packages.get(name, name.replace("_", "-"))
    return ModelError(
        f"spaCy model '{name}' for {language} is not installed: pip install {package}"
    )


def model_identity(language: str, models: Mapping[str, str] | None = None) -> str:
    """`name==version` of the model a language would use, for cache keys; no spaCy import.

    Reads the installed distribution's metadata; a model given as a path (or not installed as a
    package) is identified by its name alone.
    """
    name = resolve_model(language, models)
    for dist in (name, name.replace("_", "-")):
        try:
            return f"{name}=={importlib.metadata.version(dist)}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return name


def pipes_for(components: frozenset[str], available: Sequence[str]) -> list[str]:
    """The model pipes that provide `components`, in the model's own order."""
    wanted = {pipe for component in components for pipe in _PIPES.get(component, (component,))}
    return [pipe for pipe in available if pipe in wanted]


class NlpEngine:
    """Loads models lazily (once per process) and analyses prose in batches.

    `analyze({"en": [...], "fr": [...]}, frozenset({"ner", "parser"}))` returns spaCy Docs in
    the same order. `needs` (same shape as the texts) can give each text its own component set;
    an empty set means the text is not analysed and its Doc is None.
    """

    def __init__(self, models: Mapping[str, str] | None = None, batch_size: int = BATCH_SIZE):
        self.models = dict(models or {})
        self.batch_size = batch_size

    def model_name(self, language: str) -> str:
        return resolve_model(language, self.models)

    def identity(self, language: str) -> str:
        return model_identity(language, self.models)

    def load(self, language: str, components: frozenset[str] = KNOWN_COMPONENTS) -> Any:
        """The spaCy Language for `language`, loaded once with the pipes nobody needs excluded.

        The cache keeps one instance per model; a later call needing more components reloads it
        with the union (runs ask for the union of every enabled rule's needs up front).
        """
        name = self.model_name(language)
        with _lock:
            nlp = _loaded.get(name)
            if self.loaded(language, components):
                return nlp
            keep = set(components)
            if nlp is not None:
                keep |= {c for c in KNOWN_COMPONENTS if set(pipes_for({c}, nlp.pipe_names))}
            nlp = _load(name, language, frozenset(keep))
            _loaded[name] = nlp
            # The model stays for the life of the process, so the collector has no reason to
            # walk its ~97,000 objects again: frozen, the full collections of a --jobs 1 run
            # over 61 real postmortems cost 0.14-0.17 s CPU instead of 0.30-0.36 s (what else
            # is alive now is frozen too: a one-time, bounded amount).
            gc.freeze()
            return nlp

    def loaded(self, language: str, components: frozenset[str] = KNOWN_COMPONENTS) -> bool:
        """Whether this process holds the model already, with every pipe `components` need."""
        nlp = _loaded.get(self.model_name(language))
        return nlp is not None and set(pipes_for(components, nlp.component_names)) <= set(
            nlp.pipe_names
        )

    def analyze(
        self,
        texts_by_language: Mapping[str, Sequence[str]],
        components: frozenset[str],
        needs: Mapping[str, Sequence[frozenset[str]]] | None = None,
        gates: Mapping[str, Mapping[str, Gate]] | None = None,
    ) -> dict[str, list[Any]]:
        """Docs for every text, per language, in input order (None where nothing was needed).

        `gates[language][component]` runs that component only on the Docs that pass the test.
        """
        result: dict[str, list[Any]] = {}
        for language, texts in texts_by_language.items():
            wanted = list(needs[language]) if needs and language in needs else None
            if wanted is not None and len(wanted) != len(texts):
                raise ValueError("needs must give one component set per text")
            per_text = wanted or [components] * len(texts)
            union = frozenset().union(*per_text) if per_text else frozenset()
            if not texts or not union:
                result[language] = [None] * len(texts)
                continue
            nlp = self.load(language, union)
            late = _late_pipes(nlp.pipe_names, union, (gates or {}).get(language) or {})
            result[language] = self._run(nlp, texts, per_text, late)
        return result

    def _run(
        self,
        nlp: Any,
        texts: Sequence[str],
        per_text: Sequence[frozenset[str]],
        late: Mapping[str, Gate] | None = None,
    ) -> list:
        docs: list[Any] = [None] * len(texts)
        late = late or {}
        first = [i for i, c in enumerate(per_text) if c]
        # Stage 1: what every analysed text needs (usually NER), over all of them at once.
        common = frozenset.intersection(*(per_text[i] for i in first)) if first else frozenset()
        stage1 = [p for p in pipes_for(common, nlp.pipe_names) if p not in late]
        self._pipe(nlp, stage1, first, docs, texts)
        # Stage 2: the remaining pipes, only for the texts that asked for them.
        groups: dict[tuple[str, ...], list[int]] = {}
        for i in first:
            extra = tuple(
                p
                for p in pipes_for(per_text[i], nlp.pipe_names)
                if p not in stage1 and p not in late
            )
            if extra:
                groups.setdefault(extra, []).append(i)
        for pipes, indexes in groups.items():
            self._pipe(nlp, pipes, indexes, docs, texts)
        # Stage 3: the gated pipes (last in the model's order), only where their test passes.
        for pipe, test in late.items():
            wanted = [
                i for i in first if pipe in pipes_for(per_text[i], nlp.pipe_names) and test(docs[i])
            ]
            self._pipe_gated(nlp, pipe, test, wanted, docs, texts)
        from .docview import known_text

        for i in first:  # (lossless tokenizer: each Doc's text is its input)
            if docs[i] is not None:
                known_text(docs[i], texts[i])
        return docs

    def _pipe_gated(
        self,
        nlp: Any,
        pipe: str,
        test: Gate,
        indexes: Sequence[int],
        docs: list,
        texts: Sequence[str],
    ) -> None:
        """Run a gated pipe on the Docs at `indexes`; the NER of a model whose reach is known
        runs only on the sentences that pass `test`, padded (`sentence_gate`: same entities)."""
        from . import sentence_gate as sg

        reach = sg.ner_reach(nlp, pipe)
        if reach is None:
            self._pipe(nlp, [pipe], indexes, docs, texts)
            return
        whole: list[int] = []
        done: list[tuple[sg.Piece, Any]] = []
        for i in indexes:
            ranges = sg.cores(docs[i], test, reach)
            made = [] if ranges is None else sg.pieces(i, docs[i], ranges, reach)
            parts = [(piece, sg.piece_doc(docs[i], piece)) for piece in made]
            if ranges is None or any(part is None for _, part in parts):
                whole.append(i)
            else:
                done.extend(parts)
        self._pipe(nlp, [pipe], whole, docs, texts)
        if not done:
            return
        part_docs = [part for _, part in done]
        self._pipe(nlp, [pipe], range(len(part_docs)), part_docs, [d.text for d in part_docs])
        by_doc: dict[int, list[tuple[sg.Piece, Any]]] = {}
        for (piece, _), part in zip(done, part_docs, strict=True):
            by_doc.setdefault(piece.index, []).append((piece, part))
        for i, found in by_doc.items():
            sg.copy_entities(docs[i], found)

    def _pipe(
        self,
        nlp: Any,
        pipes: Sequence[str],
        indexes: Sequence[int],
        docs: list,
        texts: Sequence[str],
    ) -> None:
        """Run `pipes` over the Docs at `indexes` (their texts where no Doc exists yet).

        The English `attribute_ruler`, when last, is applied by `fast_ruler` (same result,
        a fraction of the CPU of spaCy's Matcher)."""
        if not indexes:
            return
        pipes, ruler = list(pipes), None
        if pipes and pipes[-1] == RULER:
            ruler = _fast_ruler(nlp)
            if ruler is not None:
                pipes.pop()
        with nlp.select_pipes(enable=pipes) if pipes else contextlib.nullcontext():
            for batch in self._batches(indexes, texts):
                inputs = (texts[i] if docs[i] is None else docs[i] for i in batch)
                if pipes:
                    stream = nlp.pipe(inputs, batch_size=len(batch))
                else:
                    stream = (d if not isinstance(d, str) else nlp.make_doc(d) for d in inputs)
                for i, doc in zip(batch, stream, strict=True):
                    docs[i] = ruler(doc) if ruler is not None else doc

    def _batches(self, indexes: Sequence[int], texts: Sequence[str]) -> Iterator[list[int]]:
        """Consecutive runs of `indexes` of at most batch_size texts and BATCH_CHARS characters."""
        batch: list[int] = []
        chars = 0
        for i in indexes:
            if batch and (len(batch) >= self.batch_size or chars + len(texts[i]) > BATCH_CHARS):
                yield batch
                batch, chars = [], 0
            batch.append(i)
            chars += len(texts[i])
        if batch:
            yield batch


RULER = "attribute_ruler"


def _fast_ruler(nlp: Any) -> Any:
    """The compiled twin of the model's attribute_ruler (kept on the component), or None."""
    from .fast_ruler import compile_ruler

    component = nlp.get_pipe(RULER)
    if not hasattr(component, "_blamelint_fast"):
        component._blamelint_fast = compile_ruler(component)
    return component._blamelint_fast


def _late_pipes(
    order: Sequence[str], union: frozenset[str], gates: Mapping[str, Gate]
) -> dict[str, Gate]:
    """Pipe -> test for the gated components, in the model's order; {} when gating would run a
    pipe earlier than the model does (then every component runs everywhere, as declared)."""
    if not gates:
        return {}
    ungated = set(pipes_for(frozenset(c for c in union if c not in gates), order))
    late: dict[str, Gate] = {}
    for component, test in gates.items():
        if component not in union:
            continue
        for pipe in pipes_for(frozenset({component}), order):
            if pipe in ungated:
                return {}  # shared with an ungated component (e.g. tok2vec): cannot be gated
            late[pipe] = test
    if not late:
        return {}
    last_ungated = max((order.index(p) for p in ungated), default=-1)
    if min(order.index(p) for p in late) < last_ungated:
        return {}
    return {pipe: late[pipe] for pipe in order if pipe in late}


def _load(name: str, language: str, components: frozenset[str]) -> Any:
    if not _installed(name) and "/" not in name and "\\" not in name:
        raise _missing(name, language)
    from .regex_cache import compiled_regexes

    # The French tokenizer compiles a 1.45 MB regex (~1.8 s); regex_cache keeps its program.
    with compiled_regexes():
        return _load_spacy(name, language, components)


def _load_spacy(name: str, language: str, components: frozenset[str]) -> Any:
    from .blas import import_numpy, numpy_blas
    from .spacy_import import import_spacy

    import_numpy()
    spacy = import_spacy()  # imported here: runs without prose to analyse never pay for it

    try:
        if spacy.util.is_package(name):
            path = spacy.util.get_package_path(name)
        else:
            from pathlib import Path

            path = Path(name)
        meta = spacy.util.get_model_meta(path)
        every = list(meta.get("components") or meta.get("pipeline") or [])
        keep = set(pipes_for(components, every))
        with numpy_blas():
            nlp = spacy.load(
                name,
                exclude=[pipe for pipe in every if pipe not in keep],
                config=_tokenizer_from_disk_only(spacy, path, meta),
            )
    except (OSError, ImportError) as exc:
        raise _missing(name, language) from exc
    from .model_ops import fuse_layer_norms, lean_chains

    fuse_layer_norms(nlp)
    lean_chains(nlp)
    return nlp


# spaCy's own tokenizer factory: what `_tokenizer_from_disk_only` may stand in for.
_SPACY_TOKENIZER = "spacy.Tokenizer.v1"
_DISK_TOKENIZER = "blamelint.tokenizer_from_disk.v1"


def _tokenizer_from_disk_only(spacy: Any, path: Any, meta: Mapping[str, Any]) -> dict[str, Any]:
    """A config override that builds the model's tokenizer empty, where loading fills it.

    `spacy.load` builds the tokenizer from the language's defaults (thousands of special cases
    for English) and then loads the model's tokenizer from disk, whose `from_bytes` first resets
    every rule, pattern and cache: the first build is thrown away (56 ms of an English load's
    ~290, 12 ms for French, measured here). Built empty, the tokenizer after loading is the
    same (same `to_bytes`, vocabulary and tokens: tests/test_nlp.py). Only done for spaCy's own
    tokenizer factory; any other tokenizer, or a model whose config cannot be read, loads as
    spaCy would."""
    # A model folder holds config.cfg; an installed package, in its data folder (as spaCy's
    # `load_model_from_init_py` names it).
    data = path / f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    try:
        found = next(f / "config.cfg" for f in (path, data) if (f / "config.cfg").is_file())
        config = spacy.util.load_config(found, interpolate=False)
        if config["nlp"]["tokenizer"] != {"@tokenizers": _SPACY_TOKENIZER}:
            return {}
    except Exception:  # (spaCy then reads the config itself and says what is wrong)
        return {}
    spacy.registry.tokenizers.register(_DISK_TOKENIZER, func=_empty_tokenizer_factory)
    return {"nlp": {"tokenizer": {"@tokenizers": _DISK_TOKENIZER}}}


def _empty_tokenizer_factory() -> Callable[[Any], Any]:
    from spacy.tokenizer import Tokenizer

    def make(nlp: Any) -> Any:
        return Tokenizer(nlp.vocab)

    return make


def preload(engine: NlpEngine, language: str, components: frozenset[str]) -> None:
    """Load a model and what its first analysis would build (the compiled attribute_ruler),
    so that processes forked afterwards share them instead of each loading its own."""
    nlp = engine.load(language, components)
    if RULER in nlp.pipe_names:
        _fast_ruler(nlp)


def analyze(
    texts: Sequence[str],
    *,
    language: str,
    model: str | None = None,
    components: frozenset[str],
    needs: Sequence[frozenset[str]] | None = None,
    gates: Mapping[str, Gate] | None = None,
) -> list[Any]:
    """The engine's entry point: Docs for one language's texts, in order, one batched pass.

    `needs` optionally gives each text its own component set (two-stage analysis: the parser
    runs only on texts that asked for it); without it every text gets `components`. `gates`
    runs a component (last) only on the Docs that pass its test.
    """
    engine = NlpEngine({language: model} if model else None)
    per_text = {language: list(needs)} if needs is not None else None
    gated = {language: dict(gates)} if gates else None
    return engine.analyze({language: texts}, components, per_text, gated)[language]


__all__ = ["NlpEngine", "analyze", "model_identity", "pipes_for", "preload", "resolve_model"]
