"""The archive report as one self-contained HTML page, rendered from `build_report`'s dict.

Jinja2 with autoescape on for every value: document text (titles, impacts, messages, action
descriptions) can only ever be text in the page. Styles, charts (SVG) and the small sort and
filter script are inline; a Content-Security-Policy allows that one script (by its hash) and
nothing from the network. Without JavaScript every table is complete and the drill-down uses
<details>. Same dict, same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .archive_report import FAMILIES

_TEMPLATE = "report.html.j2"
_SCRIPT = "report.js"
_TICKET_URL = re.compile(r"^https?://[^\s\"'<>]+$")


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("blamelint.workflow", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["hours"] = _hours
    env.filters["number"] = _number
    return env


def _script() -> str:
    from importlib.resources import files

    return files("blamelint.workflow").joinpath("templates", _SCRIPT).read_text(encoding="utf-8")


def render_html(report: dict[str, Any], output_dir: Path | None = None) -> str:
    """The page; links to postmortems are relative to `output_dir` (default: the cwd)."""
    base = (output_dir or Path.cwd()).resolve()
    script = _script()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    postmortems = [
        {**p, "anchor": f"pm-{index}", "href": _href(p["path"], base)}
        for index, p in enumerate(report["postmortems"], 1)
    ]
    anchors = {p["path"]: p["anchor"] for p in postmortems}
    actions = [
        {**a, "anchor": anchors.get(a["document"]), "ticket_url": _ticket_url(a["ticket"])}
        for a in report["actions"]["items"]
    ]
    pending = [a for a in actions if a["status"] != "done"]
    return (
        _environment()
        .get_template(_TEMPLATE)
        .render(
            report=report,
            postmortems=postmortems,
            families=FAMILIES,
            pending=pending,
            by_owner=_group(pending, "owner"),
            by_incident=_by_incident(actions),
            done=[a for a in actions if a["status"] == "done" and a["in_period"]],
            charts=_charts(report["trends"]),
            script=script,
            script_hash=f"sha256-{digest}",
        )
    )


def _href(path: str, base: Path) -> str:
    target = Path(path).resolve()
    return quote(Path(os.path.relpath(target, base)).as_posix(), safe="/._-~")


def _ticket_url(ticket: str) -> str | None:
    return ticket if _TICKET_URL.match(ticket or "") else None


def _group(actions: Sequence[dict[str, Any]], key: str) -> list[tuple[str, list[dict]]]:
    """Groups by owner (case-insensitive, as `actions --owner` matches), overdue first."""
    groups: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    for action in actions:
        name = str(action[key]) or "(no owner)"
        folded = name.lstrip("@").casefold()
        names.setdefault(folded, name)
        groups.setdefault(folded, []).append(action)
    ordered = []
    for folded in sorted(groups, key=lambda k: (-_overdue(groups[k]), k)):
        items = sorted(groups[folded], key=_urgency)
        ordered.append((names[folded], items))
    return ordered


def _overdue(actions: Sequence[dict[str, Any]]) -> int:
    return sum(a["status"] == "overdue" for a in actions)


def _urgency(action: dict[str, Any]) -> tuple:
    return (action["status"] != "overdue", action["deadline"] or "9999", action["id"])


def _by_incident(actions: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for action in actions:
        entry = rows.setdefault(
            action["document"],
            {
                "incident": action["incident"],
                "document": action["document"],
                "anchor": action["anchor"],
                "open": 0,
                "overdue": 0,
                "done": 0,
                "next": "",
            },
        )
        entry[action["status"]] += 1
        deadline = action["deadline"]
        pending = action["status"] != "done" and deadline
        if pending and (not entry["next"] or deadline < entry["next"]):
            entry["next"] = deadline
    return sorted(rows.values(), key=lambda r: (-r["overdue"], -r["open"], r["document"]))


# ---------------------------------------------------------------- charts (inline SVG)

_WIDTH, _HEIGHT, _LEFT, _BOTTOM, _TOP = 360, 170, 34, 26, 14


def _charts(trends: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    share = [
        (t["month"], round(100 * t["compliant"] / t["postmortems"]) if t["postmortems"] else None)
        for t in trends
    ]
    return [
        _bars("Postmortems per month", [(t["month"], t["postmortems"]) for t in trends], "", ""),
        _bars("Findings per month", [(t["month"], t["findings"]) for t in trends], "", "findings"),
        _bars("Share of postmortems compliant", share, "%", "share", top=100),
    ]


def _bars(
    title: str,
    points: Sequence[tuple[str, int | None]],
    unit: str,
    css: str,
    top: int | None = None,
) -> dict[str, Any]:
    values = [v for _, v in points if v is not None]
    ceiling = top or _nice(max(values, default=0))
    plot_w, plot_h = _WIDTH - _LEFT - 8, _HEIGHT - _BOTTOM - _TOP
    slot = plot_w / max(len(points), 1)
    width = max(min(slot * 0.7, 48), 2)
    every = max(1, round(len(points) / 8))  # at most about 8 month labels
    bars = []
    for index, (label, value) in enumerate(points):
        height = 0 if not value else plot_h * value / ceiling
        x = _LEFT + slot * index + (slot - width) / 2
        bars.append(
            {
                "x": _r(x),
                "y": _r(_TOP + plot_h - height),
                "w": _r(width),
                "h": _r(height),
                "cx": _r(x + width / 2),
                "label": label,
                "show_label": index % every == 0,
                "value": "n/a" if value is None else f"{value}{unit}",
                "missing": value is None,
            }
        )
    ticks = [
        {"y": _r(_TOP + plot_h - plot_h * step / 4), "text": f"{_number(ceiling * step / 4)}{unit}"}
        for step in range(5)
    ]
    return {
        "title": title,
        "css": css,
        "width": _WIDTH,
        "height": _HEIGHT,
        "left": _LEFT,
        "right": _WIDTH - 8,
        "base": _TOP + plot_h,
        "bars": bars,
        "ticks": ticks,
        "empty": not values,
        "show_values": len(points) <= 12,
    }


def _nice(value: float) -> int:
    """A round axis maximum at or above `value` (4, 8, 20, 40, 100...)."""
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 4, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _r(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _number(value: float | int | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _hours(value: float | None) -> str:
    """`37.5` -> `37 h 30 min`; `None` -> an en dash."""
    if value is None:
        return "–"
    minutes = round(value * 60)
    hours, minutes = divmod(abs(minutes), 60)
    sign = "-" if value < 0 else ""
    return f"{sign}{hours} h {minutes:02d} min" if minutes else f"{sign}{hours} h"
