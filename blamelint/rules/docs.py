"""Rule documentation generated from the rule data: `blamelint rules`, `rule`, README table."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

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
            out.append(f"    {key}: {json.dumps(value, ensure_ascii=False, default=str)}")
        out.append("")
    return "\n".join(out)


def rules_markdown(rules: Sequence[Rule]) -> str:
    """The README's rule table (kept in sync by a test)."""
    lines = ["| code | name | tags | default | what it flags |", "|---|---|---|---|---|"]
    for r in rules:
        default = r.severity.label if r.enabled else f"off ({r.severity.label})"
        summary = first_sentence(r.description).rstrip(".")
        summary = summary.replace("|", "\\|")
        lines.append(f"| {r.code} | `{r.name}` | {', '.join(r.tags)} | {default} | {summary}. |")
    return "\n".join(lines) + "\n"
