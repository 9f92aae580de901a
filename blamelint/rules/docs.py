"""Rule documentation generated from the rule data: `blamelint rules`, `rule`, README table."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from blamelint.base.text import first_sentence

from .model import Rule


def rules_table(rules: Sequence[Rule]) -> str:
    lines = [f"{'code':6}  {'name':28}  {'severity':8}  {'default':7}  tags"]
    for r in rules:
        default = "on" if r.enabled else "off"
        lines.append(
            f"{r.code:6}  {r.name:28}  {r.severity.label:8}  {default:7}  {','.join(r.tags)}"
        )
    return "\n".join(lines) + "\n"


def rules_json(rules: Sequence[Rule]) -> str:
    data = [
        {
            "code": r.code,
            "name": r.name,
            "tags": list(r.tags),
            "severity": r.severity.label,
            "enabled": r.enabled,
            "family": r.family,
            "message": r.message,
            "description": r.description,
            "options": dict(r.options),
            "option_schemas": dict(r.option_schemas),
        }
        for r in rules
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _suggestions(rule: Rule) -> list[str]:
    if isinstance(rule.suggestion, str):
        return [rule.suggestion] if rule.suggestion else []
    return [f"({lang}) {text}" for lang, text in sorted(rule.suggestion.items())]


def explain(rule: Rule) -> str:
    """Like `ruff rule`: what it checks, why, examples that fail and pass, options."""
    out = [f"{rule.code} {rule.name}", ""]
    meta = f"Tags: {', '.join(rule.tags)}. Default severity: {rule.severity.label}"
    meta += "." if rule.enabled else " (off by default)."
    if rule.family:
        meta += f" Family: {rule.family}."
    out += [textwrap.fill(meta, 88), ""]
    for paragraph in rule.description.split("\n\n"):
        out += [textwrap.fill(" ".join(paragraph.split()), 88), ""]
    for suggestion in _suggestions(rule):
        out += [textwrap.fill("Suggestion: " + suggestion, 88), ""]
    for label, key in (("Fails", "fail"), ("Passes", "pass")):
        examples = rule.examples.get(key, ())
        if examples:
            out.append(f"{label}:")
            for example in examples:
                out.append(textwrap.indent(example.rstrip("\n"), "    "))
                out.append("")
    if rule.options:
        out.append("Options (rules.<name>.<option> in the config):")
        for key, value in sorted(rule.options.items()):
            line = f"    {key}: {json.dumps(value, ensure_ascii=False, default=str)}"
            kind = _option_kind(rule.option_schemas.get(key) or {})
            out.append(f"{line}  ({kind})" if kind else line)
        out.append("")
    return "\n".join(out)


def _option_kind(schema: Mapping[str, Any]) -> str:
    """An option's schema fragment in words: `integer >= 1`, `list of section-id`..."""
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    kind = str(schema.get("format") or schema.get("type") or "")
    if kind == "array":
        return "list of " + (_option_kind(schema.get("items") or {}) or "values")
    bounds = [
        f"{sign} {schema[word]}"
        for word, sign in (("minimum", ">="), ("exclusiveMinimum", ">"), ("maximum", "<="))
        if word in schema
    ]
    return " ".join([kind, *bounds]).strip()


def rules_markdown(rules: Sequence[Rule]) -> str:
    """The README's rule table (kept in sync by a test)."""
    lines = ["| code | name | tags | default | what it flags |", "|---|---|---|---|---|"]
    for r in rules:
        default = r.severity.label if r.enabled else f"off ({r.severity.label})"
        summary = first_sentence(r.description).rstrip(".")
        summary = summary.replace("|", "\\|")
        lines.append(f"| {r.code} | `{r.name}` | {', '.join(r.tags)} | {default} | {summary}. |")
    return "\n".join(lines) + "\n"


# Where each rule's documentation lives: docs/rules.md, generated from the rule data by
# scripts/update_readme.py (a test keeps it in sync), one heading per rule.
DOCS_URL = "https://example.invalid/blamelint/blob/main/docs/rules.md"


def rule_anchor(code: str, name: str) -> str:
    """The anchor GitHub gives the heading `## BL101 missing-section`."""
    return re.sub(r"[^a-z0-9 _-]", "", f"{code} {name}".lower()).replace(" ", "-")


def rule_url(code: str, name: str) -> str:
    return f"{DOCS_URL}#{rule_anchor(code, name)}"


def rules_document(rules: Sequence[Rule]) -> str:
    """docs/rules.md: one `## CODE name` heading per rule (the anchors `rule_url` links to),
    then what `blamelint rule CODE` prints, as preformatted text."""
    out = [
        "# Rules",
        "",
        "<!-- Generated from rules/*.yaml by scripts/update_readme.py; do not edit. -->",
        "",
    ]
    for rule in rules:
        body = explain(rule).split("\n", 2)[2].rstrip("\n")
        out += [f"## {rule.code} {rule.name}", "", "```text", body, "```", ""]
    return "\n".join(out)


def rule_link(rule: Rule) -> str:
    """Where a rule is documented: docs/rules.md for blamelint's, the team's `link` (or
    nothing) for a team-defined rule."""
    if rule.kind.startswith("custom."):
        return str(rule.options.get("link") or "")
    return rule_url(rule.code, rule.name)
