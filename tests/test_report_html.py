"""`blamelint report`: the page read back with a real HTML parser, against check and actions."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from blamelint.cli.main import main

from .report_archive import TODAY, write_archive

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "source", "wbr"}
SVG_LEAVES = {"line", "rect", "circle", "path"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find(self, tag: str, **attrs: str) -> Node:
        return next(self.find_all(tag, **attrs))

    def find_all(self, tag: str, **attrs: str):
        for node in self.iter(tag):
            if all(node.attrs.get(k.rstrip("_")) == v for k, v in attrs.items()):
                yield node

    def cells(self) -> list[str]:
        return [" ".join(c.text().split()) for c in self.children if isinstance(c, Node)]


class TreeBuilder(HTMLParser):
    """A DOM from html.parser; fails on a closing tag that does not match (bad nesting)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> never closed"
    return builder.root


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    archive = write_archive(root)
    runner = CliRunner()

    def _run(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(main, [args[0], str(archive), *args[1:]])
        return result.exit_code, result.stdout, result.stderr

    _run.archive = archive
    _run.root = root
    return _run


@pytest.fixture(scope="module")
def page(run) -> tuple[str, Node]:
    out = run.root / "site" / "report.html"
    out.parent.mkdir()
    code, _, err = run("report", "--today", TODAY, "-o", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    return html, parse(html)


@pytest.fixture(scope="module")
def check_json(run) -> dict:
    code, out, _ = run("check", "--format", "json")
    assert code == 1
    return json.loads(out)


@pytest.fixture(scope="module")
def actions_json(run) -> list[dict]:
    code, out, _ = run("actions", "--format", "json", "--today", TODAY)
    assert code == 0
    return json.loads(out)


def rows(table: Node) -> list[Node]:
    return [tr for body in table.find_all("tbody") for tr in body.find_all("tr")]


def overview(tree: Node) -> dict[str, Node]:
    table = tree.find("table", id="overview-table")
    return {tr.find("a", class_="mono path").text().strip(): tr for tr in rows(table)}


def test_page_structure(page):
    html, tree = page
    assert html.startswith("<!DOCTYPE html>")
    ids = {node.attrs.get("id") for node in tree.iter()}
    assert {"overview", "actions", "timeliness", "drilldown", "overview-table"} <= ids
    assert tree.find("title").text().startswith("Postmortem archive")
    assert len(overview(tree)) == 4
    assert len(list(tree.find_all("details", class_="pm"))) == 4
    assert len(list(tree.iter("svg"))) == 3


def test_document_text_cannot_run_in_the_page(page, run):
    html, tree = page
    scripts = list(tree.iter("script"))
    assert len(scripts) == 1  # ours: the sort/filter script, allowed by hash in the CSP
    shipped = (
        Path(__file__).resolve().parents[1] / "blamelint" / "workflow" / "templates" / "report.js"
    )
    assert scripts[0].text() == shipped.read_text(encoding="utf-8")
    assert not list(tree.iter("img"))
    assert not [n for n in tree.iter() if any(k.startswith("on") for k in n.attrs)]
    # The markup is there as text, where a reader sees it.
    text = tree.text()
    assert 'document.title="pwned"' in text  # the parsed heading: inline HTML dropped
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>alert('x')</script>" in text
    assert "&lt;script&gt;" in html and "<script>alert" not in html


def test_no_external_requests(page):
    html, tree = page
    csp = tree.find("meta", **{"http-equiv": "Content-Security-Policy"}).attrs["content"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert not list(tree.iter("link")) and "@import" not in html and "url(" not in html
    for node in tree.iter():
        assert not node.attrs.get("src"), node.tag
        href = node.attrs.get("href") or ""
        if href.startswith(("http:", "https:")):
            assert node.tag == "a" and href == "https://tracker.example/browse/SRCH-11"


def test_readable_without_script(page):
    _, tree = page
    for form in tree.find_all("form"):
        assert "hidden" in form.attrs  # the script shows the filters it drives
    assert not list(tree.iter("button"))  # sort buttons are added by the script


def test_family_counts_and_drill_down_match_check(page, check_json):
    _, tree = page
    expected: dict[str, Counter] = {}
    for f in check_json["findings"]:
        family = next(t for t in f["tags"] if t != "nlp")
        expected.setdefault(f["path"], Counter())[family] += 1
    heads = tree.find("table", id="overview-table").find("thead").find("tr").cells()
    first = heads.index("S")
    for path, tr in overview(tree).items():
        counts = tr.cells()[first : first + 6]
        families = ("structure", "metadata", "names", "blame", "actions", "timeliness")
        wanted = [str(expected.get(path, Counter())[f] or "·") for f in families]
        assert counts == wanted, path
    shown = []
    for details in tree.find_all("details", class_="pm"):
        path = details.find("dd", class_="mono").text().strip()
        table = next(details.find_all("table", class_="findings"), None)
        for tr in rows(table) if table else []:
            cells = tr.cells()
            shown.append((path, cells[0], cells[1].split()[0], cells[3]))
    assert sorted(shown) == sorted(
        (f["path"], f"{f['line']}:{f['column']}", f["rule"], f["message"])
        for f in check_json["findings"]
    )


def test_action_review_matches_actions_item_for_item(page, actions_json):
    _, tree = page
    pending = []
    for tr in rows(tree.find("table", id="owner-table")):
        if "data-status" in tr.attrs:
            cells = tr.cells()
            where = tr.find("span", class_="mono muted").text()
            pending.append((cells[1], tr.attrs["data-status"], cells[3], where))
    assert sorted(pending) == sorted(
        (a["id"], a["status"], a["deadline"], f"{a['file']}:{a['line']}")
        for a in actions_json
        if a["status"] != "done"
    )
    done = [tr.cells()[1] for tr in rows(tree.find("table", id="done-table"))]
    assert sorted(done) == sorted(a["id"] for a in actions_json if a["status"] == "done")
    note = tree.find("section", id="actions").find("p").text()
    assert "6 action(s): 2 open, 2 overdue, 2 done (as of 2026-03-20)" in note
    # Owners group case-insensitively, as `actions --owner` matches them.
    groups = [
        tr.cells()[0]
        for tr in rows(tree.find("table", id="owner-table"))
        if "group" in tr.attrs.get("class", "")
    ]
    assert groups == [
        "identity-team 1 action, 1 overdue",
        "@Search-Team 2 actions, 1 overdue",
        "billing-team 1 action",
    ]


def test_json_actions_are_the_actions_command_rows(run, actions_json):
    code, out, _ = run("report", "--today", TODAY, "--format", "json")
    assert code == 0
    data = json.loads(out)
    schema = Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json"
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))
    extra = {"age_days", "days_overdue", "ticket", "in_period"}
    assert [
        {k: v for k, v in a.items() if k not in extra} for a in data["actions"]["items"]
    ] == actions_json


def test_team_config_decides_lateness(run):
    _, out, _ = run("report", "--today", TODAY, "--format", "json")
    rows_ = {p["incident"]: p for p in json.loads(out)["postmortems"]}
    # 96 hours to the review in both: late for the default 48 h, on time for billing's 120 h.
    assert rows_["INC-102"]["timeliness"]["review_hours"] == 96.0
    assert rows_["INC-102"]["timeliness"]["review_late"]
    assert rows_["INC-103"]["timeliness"]["review_hours"] == 96.0
    assert not rows_["INC-103"]["timeliness"]["review_late"]
    assert rows_["INC-101"]["compliant"] and rows_["INC-101"]["status"] == "clean"


def test_since_and_title(run):
    code, out, _ = run(
        "report", "--today", TODAY, "--since", "2026-02-01", "--title", "Billing & <co>"
    )
    assert code == 0
    tree = parse(out)
    assert tree.find("h1").text() == "Billing & <co>"
    paths = [Path(p).name for p in overview(tree)]
    assert paths == ["inc-102.md", "inc-103.md", "draft.md"]  # INC-101 is older; draft undated
    done = [tr.cells()[1] for tr in rows(tree.find("table", id="done-table"))]
    assert done == ["ACT-22"]  # ACT-11 was done for an incident before the period
    pending = [
        tr.cells()[1]
        for tr in rows(tree.find("table", id="owner-table"))
        if "data-status" in tr.attrs
    ]
    assert "ACT-12" in pending  # still open: the review still has to follow it


def test_same_input_same_bytes(run, page):
    out = run.root / "site" / "again.html"
    assert run("report", "--today", TODAY, "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8") == page[0]


def test_links_to_postmortems_are_relative_to_the_page(page, run):
    _, tree = page
    hrefs = [
        a.attrs["href"]
        for a in tree.find("table", id="overview-table").iter("a")
        if not a.attrs["href"].startswith("#")
    ]
    assert "../postmortems/2026/inc-102.md" in hrefs
    for href in hrefs:
        assert (run.root / "site" / href).resolve().is_file()


def test_unreadable_input_is_named_and_exits_2(run, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Postmortem\n\xff\xfe\n")
    result = CliRunner().invoke(
        main,
        ["report", str(bad), str(tmp_path / "missing.md"), "--today", TODAY, "--format", "json"],
    )
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert sorted(Path(e.split(":")[0]).name for e in data["errors"]) == ["bad.md", "missing.md"]
    assert [line for line in result.stderr.splitlines() if line.startswith("blamelint:")] == [
        f"blamelint: {message}" for message in data["errors"]
    ]
    assert "Traceback" not in result.stderr


def test_standard_input_is_refused():
    result = CliRunner().invoke(main, ["report", "-"], input="# Postmortem\n")
    assert result.exit_code == 2
    assert result.stderr == "blamelint: report reads files and folders, not standard input ('-')\n"


_PROBE = """
import sys
from blamelint.cli.main import main
try:
    main(["report", sys.argv[1], "--cache-dir", sys.argv[2], "-o", sys.argv[3]])
except SystemExit as exit:
    assert exit.code == 0, exit.code
print("spacy" in sys.modules)
"""


@pytest.mark.nlp
@pytest.mark.slow
def test_a_warm_report_never_imports_spacy(run, tmp_path):
    def probe() -> str:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                _PROBE,
                str(run.archive),
                str(tmp_path / "c"),
                str(tmp_path / "r.html"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert probe() == "True"  # the first report lints: the NLP rules load spaCy
    assert probe() == "False"  # from the cache: documents are parsed for actions, no NLP


def test_the_report_is_never_written_over_a_postmortem(run):
    target = run.archive / "2026" / "inc-101.md"
    before = target.read_bytes()
    code, _, err = run("report", "--today", TODAY, "-o", str(target))
    assert code == 2
    assert "refusing to write the report over it" in err
    assert target.read_bytes() == before
