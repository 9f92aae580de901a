"""Safe YAML reading: no aliases (so no alias bombs), line numbers kept for error messages."""

from __future__ import annotations

from typing import Any

import yaml


class LineDict(dict):
    """A mapping that remembers the 1-based line of each key, for messages naming the line."""

    key_lines: dict[Any, int]
    line: int

    def line_of(self, key: Any, default: int | None = None) -> int | None:
        return self.key_lines.get(key, default)


class _Constructing:
    """Mappings that remember their keys' lines and refuse duplicate keys."""

    line_offset = 0

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=True)  # type: ignore[misc]
        result = LineDict(mapping)
        result.key_lines = {}
        result.line = node.start_mark.line + 1 + self.line_offset
        written: dict[Any, Any] = {}  # each key as it was written, for messages
        for key_node, _value in node.value:
            try:
                key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
                if key in result.key_lines:
                    first = written[key]
                    # Last-one-wins would silently drop a setting the author believes in.
                    problem = f"duplicate key '{key_node.value}'"
                    if type(first[0]) is not type(key):  # 1 and true, 1 and 1.0
                        problem = (
                            f"keys '{first[1]}' (line {result.key_lines[key]}) and "
                            f"'{key_node.value}' are the same key once read (YAML reads "
                            f"{_kind(first[0])} and {_kind(key)} that are equal); quote them"
                        )
                    raise yaml.constructor.ConstructorError(
                        None, None, problem, key_node.start_mark
                    )
                written[key] = (key, getattr(key_node, "value", key))
                result.key_lines[key] = key_node.start_mark.line + 1 + self.line_offset
            except TypeError:
                continue
        return result


def _kind(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a decimal number"}.get(
        type(value), type(value).__name__
    )


class _NoAliasLoader(_Constructing, yaml.SafeLoader):
    """For input from users: aliases are refused, so no alias bomb is ever expanded."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "YAML aliases are not allowed (they can expand without bound)",
                event.start_mark,
            )
        return super().compose_node(parent, index)


# blamelint's own rule data is parsed on every run, cache hits included; libyaml reads it
# several times faster. It is trusted, so it needs no alias guard.
class _TrustedLoader(_Constructing, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`2026-02-30` looks like a date to YAML but is none: keep the text for the rules."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


# Python refuses to convert integers of more than 4,300 digits to or from text (ValueError far
# from the YAML); no postmortem or config needs one of more than this many characters.
MAX_INTEGER_CHARS = 1000


def _bounded_int(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    text = str(node.value)
    if len(text) > MAX_INTEGER_CHARS:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"integer of {len(text):,} characters (more than {MAX_INTEGER_CHARS:,})",
            node.start_mark,
        )
    return yaml.SafeLoader.construct_yaml_int(loader, node)


for _loader in (_NoAliasLoader, _TrustedLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
    _loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)
    _loader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Constructing.construct_mapping
    )


def line_of(document: Any, key_path: Any) -> int | None:
    """The YAML line of the deepest key on `key_path` that the loader recorded."""
    node, line = document, getattr(document, "line", None)
    for part in key_path:
        lines = getattr(node, "key_lines", None)
        if lines and part in lines:
            line = lines[part]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line


class YamlError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


def load_yaml(text: str, first_line: int = 1, *, trusted: bool = False) -> Any:
    """Parse YAML safely; raise YamlError with a 1-based line (offset by `first_line - 1`).

    `trusted` is for blamelint's own shipped data only (libyaml when installed, aliases allowed).
    """
    loader = None
    try:
        # The reader refuses control characters as it is built: inside the `try`.
        loader = (_TrustedLoader if trusted else _NoAliasLoader)(text)
        loader.line_offset = first_line - 1
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + first_line if exc.position >= 0 else None
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlError(
            f"invalid YAML: control character U+{character:04X} is not allowed", line
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", None) from None
    except RecursionError:
        raise YamlError("invalid YAML: nested too deeply", None) from None
    finally:
        if loader is not None:
            loader.dispose()
