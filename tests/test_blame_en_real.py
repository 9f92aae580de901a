"""English blame mechanisms found on real postmortems (issue 13): each class has sentences
that fire and hard negatives that stay quiet. Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from blamelint.run.lint import lint_text

from .batch import blame_of

pytestmark = pytest.mark.nlp

FIRES = [
    # The team's own slips and skipped checks in the past stay self-judgement.
    ("We forgot to extend the domain before it lapsed.", "BL401"),
    ("We overrode the deploy lock and the migration ran twice.", "BL401"),
    ("We did not test the restore script before the upgrade.", "BL401"),
    ("Farid did not restart the replicas before the drain.", "BL401"),
    # Character words aimed at a person, at people's work, or at nothing the parse finds.
    ("Pushing that on a Friday was a stupid change.", "BL405"),
    ("The on-call was unprofessional with the customer.", "BL405"),
    ("What a stupid mistake.", "BL405"),
    ("It was stupid.", "BL405"),
    ("The botched cutover left half the tenants without mail.", "BL405"),
    ("The whole migration was a fiasco from the first hour.", "BL405"),
    # Organisations as the agent of a slip.
    ("Quorvant forgot to renew the wildcard certificate.", "BL401"),
    ("The vendor accidentally deleted our staging tenant.", "BL401"),
    ("Our hosting provider failed to patch the hypervisors for a month.", "BL401"),
    ("Velmora made a costly mistake with the routing table.", "BL401"),
    # Staff and managers by role.
    ("A staff member mistakenly revoked every API token.", "BL401"),
    ("A night-shift staffer inadvertently unplugged the storage array.", "BL401"),
    ("Senior managers ignored the capacity warnings for months.", "BL401"),
    # Hindsight: "would have" with a check; a passive check nobody made.
    ("The reviewer would have spotted the typo with a diff view.", "BL403"),
    ("The signing key should have been rotated after the audit.", "BL403"),
    # A person bringing in a defective thing; the writer's own slip.
    ("@kvarga added the faulty login webhook on Monday.", "BL401"),
    ("A contractor had put a misconfigured router live during the window.", "BL401"),
    ("We made a mistake in the failover order.", "BL401"),
    ("Last week I described an error I made during the cutover.", "BL401"),
    ("That was my mistake, and the runbook now says so.", "BL402"),
    ("This morning a mistake of mine reached the canary.", "BL402"),
    ("As the old line goes, to err is human.", "BL402"),
    # An unnamed passive condition about what people owed, with its "would have".
    ("If the change had been reviewed, the typo would have been caught.", "BL403"),
    # Manner words on people's work; phrasal dismissals; the board as people.
    ("The failover was badly planned and poorly communicated.", "BL405"),
    ("A poorly parameterized cleanup script erased three hundred workspaces.", "BL405"),
    ("Senior managers brushed off the warnings from the floor.", "BL401"),
    ("The board should have obtained an outside review of the programme.", "BL403"),
    # Blame reported as such, on a party.
    ("The customer report blames Ostrava Hosting for the lost weekend.", "BL401"),
    ("The auditors faulted Quorvant for failing to test the failover.", "BL401"),
    ("The partner held our vendor responsible for the missed deadline.", "BL401"),
    ("Mail outage pinned on Calderwick", "BL401"),
    ("Quorvant blamed for week-long mail outage", "BL401"),
    # Remedies that ask people to try harder (BL407).
    ("Admins should refamiliarize themselves with the release checklist.", "BL407"),
    ("Engineers need to be more careful when editing the zone file.", "BL407"),
    ("The release manager must pay more attention to the freeze calendar.", "BL407"),
    ("Be more careful next time.", "BL407"),
    # Parity with French (issue 13): checks nobody made, steps skipped in the passive,
    # hindsight self-judgement, haste, and how fast the responders acted.
    ("Nobody verified the restore script on the replica.", "BL403"),
    ("No one reviewed the firewall diff before Thursday.", "BL403"),
    ("No approver tested the new quota limits.", "BL403"),
    ("The schema change was merged without review on Friday.", "BL403"),
    ("The new limits were pushed without any testing.", "BL403"),
    ("In hindsight, disabling the canary stage was a poor decision.", "BL405"),
    ("In retrospect it was a mistake to skip the staging soak.", "BL405"),
    ("The resolver patch was rushed out before the holiday.", "BL405"),
    ("The failover should have been triggered sooner.", "BL403"),
    ("The rollback could have been finished much faster.", "BL403"),
]

QUIET = [
    # Parity hard negatives: nobody with a reason in the system or a modal, no + a thing,
    # the software's unchecked passive, a thing judged in hindsight, a consequence.
    ("Nobody saw the queue growing because the dashboard had no panel for it.", ""),
    ("Nobody should have to verify the checksums by hand.", ""),
    ("No probe checked the secondary endpoint.", ""),
    ("Uploaded files were accepted without validation of their size.", ""),
    ("The new build was deployed without downtime.", ""),
    ("In hindsight the cache was a poor fit for this access pattern.", ""),
    ("The query planner made a poor choice of index.", ""),
    ("Looking back at the logs, we found a mistake in the parser.", ""),
    ("Service would have been restored sooner with a warm standby.", ""),
    ("We rushed to restore the service for our customers.", ""),
    ("The prototype was shipped without tests, as planned for the demo.", ""),
    ("The failover could have finished faster with a warm standby in the region.", ""),
    ("Recovery could have been completed sooner if the snapshot had been local.", ""),
    # A habit or a coverage state of the team, not an event of this incident.
    ("Each mapper gets a default that we override only when needed.", ""),
    ("We skip the nightly compaction on weekends.", ""),
    ("The race reached production because we have not tested two runs in one process.", ""),
    # An elided action: what was not done is unsaid.
    ("Everyone on the street locked their doors, but old Bertram, did not!", ""),
    # Inside a modal's clause: what people would think, not what happened.
    ("Most readers would think they are doing something wrong rather than report it.", ""),
    # Character words aimed at a thing that is nobody's work.
    ("Would a stupid but handy safety measure help newcomers here?", ""),
    ("False pages are unprofessional and they wear the rotation down.", ""),
    # Organisations doing ordinary things, products with defects, plans.
    ("Quorvant restored the gateway at 10:40 and published a timeline.", ""),
    ("The vendor will patch the hypervisors next week.", ""),
    ("Kafka failed to renew the consumer lease after the pause.", ""),
    ("The ingest worker mistakenly dropped the oldest partition.", ""),
    ("The provider failed to connect to our bastion during the test.", ""),
    # Members of a cluster are not staff; a generic "when" clause is any time.
    ("The cluster member skipped two heartbeats and was evicted.", ""),
    ("When a developer makes a mistake, the pipeline should catch it.", ""),
    # A consequence, not a check; an open question about prevention.
    ("The old chief would have come to the hearing, she says.", ""),
    ("Below we walk through what failed and how it might have been avoided.", ""),
    # Removing a defective thing is the fix; our mistakes in general are a category.
    ("The on-call rolled back the faulty build at 10:40.", ""),
    ("We removed the broken webhook and replayed the queue.", ""),
    ("We want to learn from our mistakes across every project.", ""),
    ("Our error budget for the quarter was spent by June.", ""),
    ("If the cache had been warmed, latency would have been lower.", ""),
    ("If the alert had been routed to the pager, nothing would have changed.", ""),
    ("Poorly balanced shards made the hot node slower.", ""),
    ("The query performs badly on cold caches.", ""),
    ("The circuit board overheated and the node rebooted.", ""),
    # Blame put on things, denied, or talked about in general.
    ("The vendor blamed a firmware bug for the reboot loop.", ""),
    ("At first we blamed DNS, as everyone does.", ""),
    ("This review blames nobody; it looks at the design.", ""),
    ("We do not blame the on-call for the page storm.", ""),
    ("Blaming individuals never fixes the system.", ""),
    ("The team held the release until Monday.", ""),
    # Systems asked to act, the team's own notes, questions, hindsight is BL403's.
    ("The zone-file editor should double-check the serial before it applies.", ""),
    ("We should add a confirmation prompt to the zone-file editor.", ""),
    ("We need to be careful with the new storage quota.", ""),
    ("Be careful not to run the purge against both mirrors.", ""),
    ("Should engineers be more careful, or should the editor ask first?", ""),
]


@pytest.mark.parametrize(("text", "rule"), FIRES)
def test_fires(text, rule):
    assert rule in blame_of(text), text


@pytest.mark.parametrize(("text", "_"), QUIET)
def test_stays_quiet(text, _):
    assert blame_of(text) == set(), text


def test_hindsight_about_care_is_not_a_remedy():
    assert blame_of("The on-call should have been more careful with the failover.") == {"BL403"}


def test_a_remedy_finding_spans_subject_to_phrase_and_names_them():
    text = "Admins should refamiliarize themselves with the release checklist."
    (finding,) = [f for f in lint_text(text, language="en") if f.rule == "BL407"]
    assert (finding.line, finding.column) == (1, 1)
    assert finding.span.end_column - 1 == text.index(" with")
    assert "'Admins'" in finding.message


def test_a_skipped_step_spans_the_action_to_the_missing_check():
    text = "The quota migration was applied without being tested on staging."
    (finding,) = [f for f in lint_text(text, language="en") if f.rule == "BL403"]
    assert finding.column == text.index("applied") + 1
    assert finding.span.end_column - 1 == text.index(" on staging")


def test_nobody_in_french_with_a_reason_in_the_system_stays_quiet():
    fired = {f.rule for f in lint_text("Personne n'a vérifié les sauvegardes.", language="fr")}
    quiet = lint_text(
        "Personne n'a remarqué la saturation car le tableau de bord n'avait aucun panneau.",
        language="fr",
    )
    assert "BL403" in fired
    assert "BL403" not in {f.rule for f in quiet}


def test_word_lists_hold_no_yaml_booleans():
    """YAML 1.1 reads a bare on/off/yes/no as a boolean: French "on" or "brushed off" would be
    lost from a list without quotes."""
    import yaml

    from blamelint.base.resources import rules_dir

    def booleans(value, path):
        if isinstance(value, bool):
            yield path
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from booleans(item, f"{path}/{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from booleans(item, f"{path}[{i}]")

    found = []
    for path in sorted((rules_dir() / "wordlists").glob("*.yaml")):
        found += booleans(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert found == []
