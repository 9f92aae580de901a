"""Blame mechanisms found on web-register text (issue 13: news, forums, blogs): frames that
take the blame out of a clause (nlp/blame_generic.py), questions that are hindsight
(nlp/blame_questions.py), forum-register judgements. Each class has sentences that fire and
hard negatives that stay quiet. Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from .batch import blame_of

pytestmark = pytest.mark.nlp

FIRES = [
    # The frames leave real blame alone: past events, asserted claims, hindsight adverbs.
    ("en", "A contractor who accidentally deleted the tables caused the outage.", "BL401"),
    ("en", "It was not the vendor's fault: the engineer skipped the review.", "BL401"),
    ("en", "Obviously, the failover was going to stall.", "BL405"),
    ("en", "Obviously the on-call should have checked the quota first.", "BL405"),
    ("en", "The auditors' findings of negligence against the operators were upheld.", "BL405"),
    ("en", "If you ask me, that was sloppy work.", "BL405"),
    ("fr", "L'employé qui a provoqué l'incident avait ignoré les consignes.", "BL401"),
    # Questions that are hindsight: a negated check with nobody named, the person addressed,
    # a missing check judged by an adequacy word.
    ("en", "How was this not spotted sooner?", "BL403"),
    ("en", "How was the expired token not noticed for a week?", "BL403"),
    ("en", "Would proper testing have caught the typo?", "BL403"),
    ("en", "Wouldn't a basic review have prevented this?", "BL403"),
    ("fr", "Comment cela n'a-t-il pas été repéré plus tôt ?", "BL403"),
    ("fr", "Pourquoi tu n'as rien vérifié ?", "BL403"),
    ("fr", "De vrais tests auraient-ils évité la coupure ?", "BL403"),
    # Forum register: a slip told as a judgement, work judged by a work-only adjective.
    ("en", "Honestly, the release team screwed this up.", "BL405"),
    ("en", "Management dropped the ball on the capacity warnings.", "BL405"),
    ("en", "The support staff dragged their feet for two days.", "BL405"),
    ("en", "The review was cursory at best.", "BL405"),
    ("en", "Flimsy testing let the regression through.", "BL405"),
    ("en", "The apology read as spineless.", "BL405"),
    ("fr", "Les développeurs ont fait n'importe quoi avec la configuration.", "BL405"),
    ("fr", "Les tests de la version étaient sommaires.", "BL405"),
    ("fr", "Le correctif a été mal optimisé et livré trop vite.", "BL405"),
    # Agents outside the older role list: ages, contract workers, forum-register people.
    ("en", "The 22-year-old accidentally pushed an unreviewed build.", "BL401"),
    ("en", "An agency worker mistakenly unplugged the storage shelf.", "BL401"),
    ("en", "Some guy deleted the wrong bucket on Friday night.", "BL401"),
    ("en", "A rookie accidentally dropped the billing table.", "BL401"),
    ("fr", "Le petit nouveau a supprimé la mauvaise base.", "BL401"),
    ("fr", "Un informaticien a effacé le mauvais disque.", "BL401"),
    ("fr", "L'intéressée admet s'être trompée de serveur.", "BL401"),
    # The response judged: a delay before telling anyone, regret for what was not done; a
    # destructive phrasal verb in the passive with a person as agent.
    ("en", "The director waited three hours before notifying the ministry.", "BL401"),
    ("en", "She regretted not warning the regulator sooner.", "BL403"),
    ("en", "The gateway was knocked offline by a contractor cleaning up test data.", "BL401"),
    ("fr", "La directrice a attendu deux jours avant d'informer les abonnés.", "BL401"),
    ("fr", "Elle regrette de ne pas avoir averti les clients plus tôt.", "BL403"),
    # Title Case headlines: a role word, then a failure verb, read on the surface.
    ("en", "Report: Managers Ignored Repeated Capacity Warnings", "BL401"),
    ("en", "Why The Outage Happened: Engineers Skipped The Canary Stage", "BL401"),
    # A slip noun the parser reads as an adverbial phrase before its verb.
    ("en", "A misstep set off the outage.", "BL402"),
    # Slips on a misconfiguration; a quoted framing that a word before it makes the cause.
    ("en", "An accidental misconfiguration of the proxy dropped half the traffic.", "BL402"),
    ("en", 'The carrier blamed the whole outage on "human error".', "BL402"),
    ("fr", "La direction a invoqué une « erreur humaine » pour expliquer la coupure.", "BL402"),
    # "The one who" stands for the subject of the copula; a slip its owner admits; an error
    # committed, with a modal in between.
    ("en", "Honestly, I was the one who pushed the faulty migration.", "BL401"),
    ("en", "Karim was the person who skipped the canary.", "BL401"),
    ("en", "The release manager admitted his mistake at the review.", "BL402"),
    ("fr", "Le chef de projet a reconnu sa faute devant le comité.", "BL402"),
    ("fr", "Personne ne comprend qu'une erreur telle ait pu être commise.", "BL402"),
    # Criticism reported on people for a failure; work a person made, judged.
    ("en", "The managers face sharp criticism for failing to test the cutover.", "BL401"),
    ("en", "Two supervisors were reprimanded for ignoring the alarms.", "BL401"),
    ("fr", "Les dirigeants ont été critiqués pour ne pas avoir prévenu les abonnés.", "BL401"),
    ("en", "The briefing she gave afterwards was flimsy.", "BL405"),
    ("en", "The responders were too slow to escalate.", "BL405"),
    ("fr", "Trop lents, les techniciens se font doubler par un voisin.", "BL405"),
    # How well people acted, in hindsight; an adverb between "aurait" and "pu".
    ("en", "The cutover could have been handled better.", "BL403"),
    ("en", "In the end the rollout could have been done differently.", "BL403"),
    ("fr", "La remise en service aurait tout de même pu être terminée plus vite.", "BL403"),
    # A destructive action on live data by a person, with no failure word.
    ("en", "An engineer deleted the production bucket.", "BL401"),
    ("en", "A contractor wiped the customer database on Friday.", "BL401"),
    ("fr", "Un ingénieur a supprimé le bucket de production.", "BL401"),
    # A person said to be behind the incident.
    ("en", "A summer intern was behind the outage.", "BL401"),
    ("en", "Reports say a contractor was behind the meltdown.", "BL401"),
    ("fr", "Un stagiaire est derrière la panne.", "BL401"),
    # Work that fell short, negated.
    ("en", "The escalation was not run as well as it could have been.", "BL403"),
    ("en", "The on-call did not respond as well as they could have.", "BL403"),
    ("fr", "La crise n'a pas été gérée aussi bien qu'elle aurait pu l'être.", "BL403"),
]

QUIET = [
    # An explanation denied.
    ("en", "And no, it wasn't that they skipped the checklist."),
    ("en", "It was not simply that the reviewer missed the typo."),
    # Generic statements: indefinite people in the present, a possibility, a "when" clause,
    # an activity named by a gerund.
    ("en", "Sooner or later someone new joins the rota and makes the same mistake."),
    ("en", "An operator typing the wrong hostname can wipe a whole cluster."),
    ("en", "When one engineer is to blame for an outage, the process has already failed."),
    ("en", "Holding single engineers accountable for outages only teaches them to hide."),
    ("fr", "Quand c'est le salarié qui a provoqué la panne, la direction peut le sanctionner."),
    # Claims mentioned, not made: denied, generic, supposed.
    ("en", "The accusations of gross negligence are baseless."),
    ("en", "A charge of negligence means the operator acted recklessly."),
    ("en", "If the review turns up negligence, the committee handles it separately."),
    ("en", "Obviously, if the audit finds a gap, we have to close it."),
    ("fr", "Les accusations de négligence sont infondées."),
    # Questions: a system's miss, the writer's own, a user's FAQ, fair questions, plans.
    ("en", "How was this not caught by the integration tests?"),
    ("en", "Why didn't the linter catch the typo?"),
    ("en", "Why didn't we notice the replica lag sooner?"),
    ("en", "Why was my invoice not checked before the charge?"),
    ("en", "Would more testing have helped here?"),
    ("en", "Would a canary have caught this?"),
    ("en", "How do we make sure this is spotted sooner next time?"),
    ("en", "How was the outage detected?"),
    ("en", "Why were these changes not reviewed before the release?"),
    ("fr", "Pourquoi l'alerte n'a-t-elle pas été détectée par la supervision ?"),
    ("fr", "Pourquoi n'avons-nous pas vérifié les sauvegardes ?"),
    ("fr", "Comment la panne a-t-elle été repérée ?"),
    # Forum register: a habit, the situation, a thing described, "any value".
    ("en", "I constantly mess up in small ways, which is why we have review."),
    ("en", "A flimsy plastic bracket held the drive in place."),
    ("en", "A cursory glance at the graphs showed nothing unusual."),
    ("en", "Spare a thought for the engineers stuck in this dumpster fire tonight."),
    ("fr", "On peut saisir n'importe quoi dans ce champ."),
    ("fr", "Un résumé sommaire de la panne suit."),
    # Things that only look like those agents: an old server, a worker process.
    ("en", "The 3-year-old server crashed twice during the drain."),
    ("en", "The worker accidentally deleted the queue after the timeout."),
    ("fr", "Le nouveau serveur a redémarré deux fois."),
    # Waits the procedure asks for, the writer's own, a program's; apologies for a limit.
    ("en", "The on-call waited five minutes before paging the secondary, as the runbook says."),
    ("en", "We waited ten minutes before escalating to the vendor."),
    ("en", "The scheduler waits two minutes before alerting anyone."),
    ("en", "We regret not being able to restore snapshots older than a week."),
    ("en", "The site was knocked offline by a storm over the data centre."),
    ("fr", "Nous regrettons de ne pas pouvoir restaurer les anciennes sauvegardes."),
    ("fr", "L'astreinte a attendu cinq minutes avant d'appeler, comme le prévoit la procédure."),
    # Headlines: neutral verbs, victims, software, sentence case is the parser's.
    ("en", "Engineers Restored Service Within An Hour"),
    ("en", "Users Missed Notifications During The Outage"),
    ("en", "Kafka Consumers Missed Heartbeats After The Upgrade"),
    ("en", "How Our Team Fixed The Broken Build Pipeline"),
    ("en", "The report mentions one misstep in the timeline."),
    # A quoted framing only mentioned; a misconfiguration with no slip word.
    ("en", 'Calling it "human error" ends the inquiry too early.'),
    ("en", "A misconfiguration of the proxy dropped half the traffic."),
    ("fr", "Le mot « erreur humaine » est à bannir de nos comptes rendus."),
    # "The one" that is a thing; owners that are things, plurals, plans, messages.
    ("en", "This is the one that broke the build last spring."),
    ("en", "The gateway logged its error and retried."),
    ("en", "Engineers learn from their mistakes."),
    ("en", "She explained her error message to support."),
    ("en", "He will own his mistake at the review."),
    ("fr", "Le serveur a renvoyé son erreur au client."),
    ("fr", "Aucune erreur n'a pu être commise par le script."),
    # Criticism of things, as a habit, or of a vendor (organisations are another rule's).
    ("en", "The plan was criticised for its cost."),
    ("en", "Engineers are often criticised for failing to document their work."),
    ("fr", "Le projet a été critiqué pour son coût."),
    ("en", "The bracket it shipped with was flimsy."),
    ("en", "The disk was too slow for the workload."),
    ("fr", "Le disque était trop lent pour la charge."),
    # A thing that would have made it better; a system's own doing.
    ("en", "The restore could have been done faster with a warm standby."),
    ("en", "The cache could have been sized better by the autoscaler."),
    ("fr", "La panne aurait pu être évitée avec un meilleur cache."),
    # Cleanups, purposes, the writer's own work, a job, things that are not data.
    ("en", "The on-call deleted the stale replicas as planned."),
    ("en", "The DBA dropped the production index to rebuild it."),
    ("en", "We deleted the production bucket after the move."),
    ("en", "The cleanup job deleted the production bucket."),
    ("en", "The engineer removed the live flag from the test tenant."),
    ("fr", "Le DBA a supprimé l'index de production pour le reconstruire."),
    ("fr", "Le technicien a supprimé les anciens journaux."),
    # Things behind the incident, the team behind the response. (A question whether a person
    # was behind it looks for a culprit: BL406, tests/test_blame_conduct.py.)
    ("en", "A bad cable was behind the outage."),
    ("en", "The team behind the outage response worked all night."),
    ("fr", "Un câble défectueux est derrière la panne."),
    # Praise, a component's performance.
    ("en", "The failover was handled as well as it could have been."),
    ("en", "The CPU did not perform as well as it could have under load."),
    ("fr", "La crise a été gérée aussi bien que possible."),
]


@pytest.mark.parametrize(("language", "text", "rule"), FIRES)
def test_fires(language, text, rule):
    assert rule in blame_of(text, language), text


@pytest.mark.parametrize(("language", "text"), QUIET)
def test_stays_quiet(language, text):
    assert blame_of(text, language) == set(), text
