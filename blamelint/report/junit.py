"""JUnit XML, for CI systems that show test reports (GitLab `reports: junit`, Jenkins, ...).

One <testsuite> per linted file (name = the path); each finding is a <testcase> with a
<failure> (type = the rule code, message = the message, text = position and suggestion); a
file without findings has one passing testcase, so that the report lists every file. Input
errors are failures of a testcase named "input error". Only the elements and attributes of
the common JUnit schema (junit-10.xsd, as Jenkins and pytest use it) are written, and no
times or timestamps, so that two runs give the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from . import Report


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: drop them."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def render(report: Report) -> str:
    by_file = defaultdict(list)
    for finding in report.findings:
        by_file[finding.path].append(finding)
    errors_by_file = defaultdict(list)
    for error in report.errors:
        errors_by_file[getattr(error, "path", None) or "blamelint"].append(error)
    paths = sorted(set(report.files) | set(by_file) | set(errors_by_file))
    root = ET.Element("testsuites", name="blamelint")
    total_tests = total_failures = 0
    for path in paths:
        findings, errors = by_file.get(path, []), errors_by_file.get(path, [])
        cases = []
        for f in findings:
            case = ET.Element("testcase", name=_clean(f"{f.rule} {f.name} {f.line}:{f.column}"))
            case.set("classname", _clean(path))
            failure = ET.SubElement(case, "failure", type=f.rule, message=_clean(f.message))
            text = f"{path}:{f.line}:{f.column}: {f.rule} [{f.name}] {f.message}"
            if f.suggestion:
                text += f"\nsuggestion: {f.suggestion}"
            failure.text = _clean(text)
            cases.append(case)
        for error in errors:
            case = ET.Element("testcase", name="input error", classname=_clean(path))
            failure = ET.SubElement(case, "failure", type="input-error", message=_clean(str(error)))
            failure.text = _clean(str(error))
            cases.append(case)
        if not cases:
            cases.append(ET.Element("testcase", name="blamelint", classname=_clean(path)))
        failures = len(findings) + len(errors)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(path),
            tests=str(len(cases)),
            failures=str(failures),
            errors="0",
            skipped="0",
        )
        suite.extend(cases)
        total_tests += len(cases)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
