"""A small postmortem archive for the report tests (sentences written for these tests)."""

from __future__ import annotations

from pathlib import Path

TODAY = "2026-03-20"

BODY = """
## Summary

At 09:00 UTC an index rebuild on `search-api` published an empty shard. The load balancer kept
routing queries to it because its health check only tested the TCP port.

## Impact

- {impact_line}

## Timeline

All times UTC.

- **09:00** The rebuild job publishes shard 7 with zero documents.
- **09:04** `SearchEmptyResults` pages the on-call engineer.
- **09:21** The previous shard is restored from the snapshot.
- **09:30** Error rate back to baseline.

## Root causes (5 Whys)

1. Why were results empty? Shard 7 held no documents.
2. Why was it published? The rebuild job does not compare document counts.
3. Why no comparison? The job was written before shards existed.
4. Why was it never updated? The job has no owner in the service catalogue.
5. Why did tests not catch it? Staging holds a single shard.

## Missed signals

- The rebuild log showed a document count of zero at 08:58.

## Corrective actions

{actions}

## Lessons learned

- A publish step must check what it publishes, not only that it finished.
"""

DOC_A = (
    "---\nincident: INC-101\ndate: 2026-01-12\nduration: 30 min\n"
    "impact: Search results were empty for 4% of queries\nseverity: SEV-3\n"
    "resolved: 2026-01-12 09:30 UTC\nreview meeting: 2026-01-13 10:00 UTC\n"
    "meeting duration: 45 min\npublished: 2026-01-15\n---\n\n"
    "# Postmortem INC-101: empty search results after an index rebuild\n"
    + BODY.format(
        impact_line="4% of search queries returned no result for 30 minutes.",
        actions="```yaml\nactions:\n"
        "  - id: ACT-11\n    description: Compare document counts before publishing a shard\n"
        "    owner: search-team\n    deadline: 2026-02-01\n"
        "    validation: a rebuild with an empty shard is refused in staging\n"
        "    status: done\n    ticket: https://tracker.example/browse/SRCH-11\n"
        "  - id: ACT-12\n    description: Give the rebuild job an owner in the catalogue\n"
        "    owner: '@Search-Team'\n    deadline: 2026-03-01\n"
        "    validation: the catalogue lists an owner for the rebuild job\n"
        "    ticket: SRCH-12\n"
        "  - id: ACT-13\n    description: Run a three-shard index in staging\n"
        "    owner: search-team\n    deadline: 2026-04-10\n"
        "    validation: staging reports three shards in its health endpoint\n"
        "```",
    )
)

# Document text that must stay text in the page: a script in the title, the impact and an
# action, an event handler in the impact.
DOC_B = (
    "**Incident**: INC-102\n**Date**: 2026-03-02\n**Duration**: 50 min\n"
    "**Impact**: <img src=x onerror=alert(1)> 12% of logins failed\n**Severity**: SEV-2\n"
    "**Resolved**: 2026-03-02 10:00 UTC\n**Review meeting**: 2026-03-06 10:00 UTC\n"
    "**Meeting duration**: 60 min\n**Published**: 2026-03-10\n\n"
    '# Postmortem INC-102: <script>document.title="pwned"</script> login cache stampede\n'
    + BODY.format(
        impact_line="Root cause: human error during the deploy.",
        actions="- [ ] ACT-21 Stop the <script>alert('x')</script> cache stampede with request "
        "coalescing (owner: identity-team, deadline: 2026-03-12, validation: a load test with "
        "10,000 cold keys keeps p99 under 300 ms)\n"
        "- [x] ACT-22 Add a dashboard panel for cache misses (owner: identity-team, deadline: "
        "2026-03-09, validation: the panel shows misses per second in production)",
    )
)

# Its team allows 120 hours to the review: the 96 hours here are on time for it.
DOC_C = (
    "**Incident**: INC-103\n**Date**: 2026-02-20\n**Duration**: 15 min\n"
    "**Impact**: Billing exports were delayed by 15 minutes\n**Severity**: SEV-4\n"
    "**Resolved**: 2026-02-20 10:00 UTC\n**Review meeting**: 2026-02-24 10:00 UTC\n"
    "**Meeting duration**: 30 min\n**Published**: 2026-02-23\n\n"
    "# Postmortem INC-103: delayed billing exports\n"
    + BODY.format(
        impact_line="Billing exports reached the data warehouse 15 minutes late.",
        actions="- [ ] ACT-31 Alert when the export queue is older than 5 minutes (owner: "
        "billing-team, deadline: 2026-04-01, validation: the alert fires in staging when the "
        "queue is paused for 6 minutes)",
    )
)
TEAM_CONFIG = "timeliness:\n  review_within_hours: 120\n"

# No date, missing sections: errors, kept by --since as undated.
DOC_D = "# Postmortem draft\n\n## Summary\n\nThe queue stalled.\n"


def write_archive(root: Path) -> Path:
    archive = root / "postmortems"
    for name, text in (
        ("2026/inc-101.md", DOC_A),
        ("2026/inc-102.md", DOC_B),
        ("billing/inc-103.md", DOC_C),
        ("billing/.blamelint.yaml", TEAM_CONFIG),
        ("drafts/draft.md", DOC_D),
    ):
        path = archive / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return archive
