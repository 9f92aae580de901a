"""Source of the held-out sentences -> sentences.jsonl (same schema as the dev corpus).

Written blind (before reading the rule code or running the linter), in the style of
public postmortems, with product and service names chosen to be absent from any list.
Names are marked inline as [[Name]]; offsets are computed, never typed.
Kinds: None (no blame), "person_blame", "human_error", "counterfactual", "judgmental".
Blame questions ("Who approved ...?") are labelled person_blame (the corpus has no
separate kind for them).

Run: python3 tests/data/heldout/build_heldout.py
"""

import json
import random
import re
from pathlib import Path

P, H, C, J = "person_blame", "human_error", "counterfactual", "judgmental"

EN = [
    # --- person / role / team as cause ---------------------------------------------
    ("The outage began when the on-call engineer skipped the canary stage and promoted the build straight to all regions.", P),
    ("[[Dmitri]] ran the cleanup script against the production cluster instead of staging, which deleted 4,200 Velero backups.", P),
    ("Because the release manager overrode the failing health gate, the bad Envoy config reached every edge node.", P),
    ("The payments team disabled the circuit breaker during the load test and never re-enabled it, leaving checkout exposed when the PSP slowed down.", P),
    ("An engineer on the data platform team dropped the wrong ClickHouse partition while cleaning up old tables.", P),
    ("The incident was caused by [[@mkowalski]] merging the Argo CD application manifest without waiting for review.", P),
    ("The DBA sat on the replication lag warning for over an hour before doing anything about it.", P),
    ("The database team never tested the restore procedure, so when Aurora failed over there was no known-good snapshot.", P),
    ("Our SRE misconfigured the Istio retry policy, multiplying traffic to the inventory service by twelve.", P),
    ("The outage is entirely down to the contractor who rotated the Keycloak signing key without telling anyone.", P),
    ("The developer forgot to bump the schema version, and Temporal workers started rejecting every workflow.", P),
    ("A support agent mistyped the tenant ID in the admin console, which wiped the configuration of 37 customers.", P),
    ("The incident commander misjudged the blast radius and kept the rollout going for another 20 minutes.", P),
    ("It was [[Hannah Becker]]'s decision to bypass the change freeze that set off the chain of failures.", P),
    ("Due to the network engineer's typo in the BGP prefix list, our routes were withdrawn from two transit providers.", P),
    ("The on-call did not acknowledge the page, so the Pulsar bridge stayed down for 47 minutes.", P),
    ("Operations staff neglected to renew the wildcard certificate even though the reminder had fired three times.", P),
    ("The backend engineer who wrote the migration did not check whether the column was indexed.", P),
    ("The on-call engineers were told about the expiring certificate twice, but they ignored both reminders.", P),
    ("The reviewer rubber-stamped the pull request without opening the Terraform plan.", P),
    ("[[Owen]] deleted the Consul snapshot that the restore depended on.", P),
    ("We did not check the free disk space before starting the migration, and the volume filled up within minutes.", P),
    ("The mobile team shipped the release with debug logging enabled, which flooded Loki and hid the real errors.", P),
    ("Who approved the Spinnaker pipeline change that disabled the manual judgment stage?", P),
    ("Whose idea was it to run the ClickHouse mutation during peak hours?", P),
    ("Which engineer pushed the broken Istio VirtualService to production?", P),
    ("Why did nobody on the on-call rotation look at the Loki error rate before 15:00?", P),
    ("Who was responsible for checking the certificate expiry date?", P),
    # --- human error framing -------------------------------------------------------
    ("The primary cause of this incident was human error during a routine Traefik upgrade.", H),
    ("Contributing factor: a manual mistake by an operator while editing keys in the Consul KV store.", H),
    ("We classify this as user error, since the customer's administrator deleted their own SSO configuration.", H),
    ("Root cause: a fat-fingered command in the Nomad CLI.", H),
    ("The review board attributed the outage to an engineer's mistake.", H),
    ("A manual error in the Spinnaker pipeline parameters sent the build to the wrong AWS account.", H),
    ("Human factors were the main cause: the operator mis-keyed the node count in the Karpenter provisioner.", H),
    ("[[Lucas]] made a mistake when copying the Helm values, which is why the Linkerd proxies rejected mTLS.", H),
    ("Ultimately this comes down to operator error on the Harbor replication settings.", H),
    # --- counterfactual about people ------------------------------------------------
    ("The engineer on duty should have noticed that the Mimir ingesters were already at 90% memory before scaling down.", C),
    ("Had the reviewer read the diff more carefully, the Flux kustomization would never have pointed at the production cluster.", C),
    ("[[Priyanka]] could have avoided the outage by running the dry-run first.", C),
    ("If the on-call had simply checked the Grafana dashboard, the disk pressure would have been visible immediately.", C),
    ("The team ought to have load-tested the new Envoy filter before enabling it on the checkout path.", C),
    ("Someone should have caught the missing region in the Terraform plan.", C),
    ("The release engineer failed to spot that the Argo CD sync wave ordering had changed.", C),
    ("In hindsight, the SRE on shift needed to escalate to the vendor much earlier.", C),
    ("This would not have happened if the developer had followed the migration checklist.", C),
    ("The platform team could easily have prevented this by pinning the chart version.", C),
    ("We should have caught the expired certificate weeks before it took down the API.", C),
    ("The approver did not notice that the change also touched the shared Vector pipeline.", C),
    # --- judgmental ------------------------------------------------------------------
    ("The rollback plan in the change request was sloppy and left out the Hermes queue drain entirely.", J),
    ("Frankly, deploying a Keycloak realm change at 17:55 on a Friday was reckless.", J),
    ("The alert definitions were written carelessly, with thresholds copied from an unrelated service.", J),
    ("It was negligent to leave the break-glass credentials in the shared wiki.", J),
    ("Obviously nobody read the Velero release notes before upgrading.", J),
    ("The on-call's handling of the page was unprofessional.", J),
    ("The runbook for Atlas failover is an embarrassment and nobody has owned it for a year.", J),
    ('At 14:31 someone wrote in #incident-2231: "who was careless enough to push this on a Friday?"', J),
    ("A lazy copy-paste of the staging values file pointed Phoenix at the wrong database.", J),
    ("The decision to skip the canary was incompetent, plain and simple.", J),
    ("Obviously, the cache entries should have had a TTL.", J),
    ("The capacity estimate for the Black Friday peak was amateurish at best.", J),
    # --- systems as subjects of failure verbs -------------------------------------------
    ("The Karpenter provisioner ignored the new node pool's taints and scheduled GPU workloads onto general-purpose nodes.", None),
    ("Spinnaker skipped the manual judgment stage because the pipeline template had been migrated without it.", None),
    ("The Velero backup job forgot to include the persistent volume snapshots for the Harbor registry.", None),
    ("Argo CD failed to detect the drift because the resource was excluded by the application's ignoreDifferences block.", None),
    ("Traefik did not reload its dynamic configuration after the file provider's inotify watch limit was exhausted.", None),
    ("The Airflow scheduler missed 14 DAG runs while the metadata database was read-only.", None),
    ("Envoy broke long-lived gRPC streams whenever the control plane pushed a new cluster definition.", None),
    ("Loki dropped log lines for the Atlas namespace once the ingester hit its per-stream rate limit.", None),
    ("The Keycloak cluster lost its Infinispan cache state during the rolling restart, so every session was invalidated.", None),
    ("Vector's disk buffer filled up and the agent stopped shipping logs from 09:12 to 09:48 UTC.", None),
    ("The Temporal history service could not acquire shard ownership and retried in a tight loop.", None),
    ("Aurora failed over to the reader in us-east-1c at 03:14 UTC, and writes resumed 41 seconds later.", None),
    ("Luna, our internal feature flag service, returned stale values for 18 minutes after its cache warm-up failed.", None),
    ("Phoenix retried each failed payment up to five times, which tripled the load on the card processor.", None),
    ("The NATS JetStream consumer fell behind by 2.3 million messages after the stream was re-partitioned.", None),
    ("The health check did not verify that the TLS handshake succeeded, only that the port was open.", None),
    ("The Nomad client misread the allocation's restart policy and killed healthy tasks.", None),
    ("Mimir's compactor overlooked blocks uploaded during the object store outage.", None),
    ("The Linkerd proxy injector silently skipped pods created by the CronJob controller.", None),
    ("The migration tool neglected to take a lock on the target table.", None),
    ("Consul's anti-entropy process overwrote the manually registered service with a stale definition.", None),
    ("The ingest workers were pinned to an old image, so they skipped the schema migration and wrote rows in the old format.", None),
    ("The canary pods started at 14:00, but they failed their readiness probes because the config map was missing.", None),
    ("Both Consul servers in the minority partition ignored the new leader until the network recovered.", None),
    ("A race condition in the Temporal worker's shutdown hook acknowledged activities before they were persisted.", None),
    ("Sentry grouped the new exceptions under an existing issue, so no new alert was raised.", None),
    ("Apollo Router retried subgraph calls without a retry budget and amplified the outage.", None),
    # --- changes and versions as subjects --------------------------------------------------
    ("Commit 4f2a9c1 removed the retry budget from the Envoy cluster configuration, which turned a brief PSP slowdown into an outage.", None),
    ("The Flux upgrade to v2.3 changed the default reconciliation interval and broke our image automation.", None),
    ("The config change propagated to all Istio sidecars within 90 seconds.", None),
    ("The root cause was a missing index on `orders.customer_id`, introduced by a migration that dropped and recreated the table.", None),
    # --- counterfactuals about systems ---------------------------------------------------------
    ("The Argo CD sync should have been blocked by the policy controller, but the policy was in audit mode.", None),
    ("In hindsight, the admission webhook could have rejected pods without resource limits.", None),
    ("The load balancer ought to have drained connections before removing the backend.", None),
    ("Had the circuit breaker tripped at the configured 50% error rate, checkout would have degraded gracefully instead of timing out.", None),
    ("Ideally, the deploy pipeline would have caught the missing environment variable at build time.", None),
    ("The alert should have fired at 80% disk usage, but the Prometheus rule referenced a label that no longer existed.", None),
    # --- forward-looking -------------------------------------------------------------------------
    ("We should add a pre-sync hook that validates the Keycloak realm export before it is applied.", None),
    ("The data team will move the ClickHouse TTL jobs off the primary replica by the end of the quarter.", None),
    ("Going forward, every Terraform plan touching DNS must be reviewed by two people.", None),
    # --- "we" describing neutral actions ----------------------------------------------------------
    ("We rolled back the Traefik deployment at 14:20 UTC and error rates returned to baseline by 14:26.", None),
    ("We paged the database team at 02:47 and opened a bridge with the cloud provider's support.", None),
    ("At 11:05 we declared a SEV-2 and froze all deploys to the payments cluster.", None),
    ("We did not see any elevated error rates in the Tempo traces until 14:10, because sampling had been set to 0.1%.", None),
    ("We did not have an alert on JetStream consumer lag at the time of the incident.", None),
    ("We did not contact the vendor until 15:30, since their status page showed all systems operational.", None),
    ("We initially suspected the Envoy upgrade, but the timeline ruled it out.", None),
    ("We decided to fail over to the secondary region rather than wait for the Aurora cluster to recover.", None),
    ("We were unable to roll back because the Helm release history had been truncated to one revision.", None),
    ("We missed the first warning because it was routed to a Slack channel that had been archived in March.", None),
    ("We did not notify customers until 15:10, 40 minutes after impact began.", None),
    ("We didn't restart the pods during the investigation so that the heap dumps would be preserved.", None),
    # --- systemic context around people --------------------------------------------------------------
    ("The on-call engineer followed the runbook, but the runbook still referenced the decommissioned Rancher cluster.", None),
    ("The operator who approved the change could not see the full diff, because Spinnaker's UI truncates manifests over 1 MB.", None),
    ("Because the deploy tool accepted an empty region list as 'all regions', the engineer's command applied to every cluster.", None),
    ("The engineer had been on call for six consecutive nights, which the rotation policy allowed at the time.", None),
    ("The alert fired at 03:12 but went to a paging policy with no escalation, so nobody was woken up until 04:30.", None),
    ("The responder was looking at the wrong dashboard because both dashboards were titled 'Atlas – Production'.", None),
    ("Nobody was alerted because the PagerDuty integration key had been rotated and not updated in Alertmanager.", None),
    ("The release checklist did not mention the Pulsar schema registry, so that step was not performed.", None),
    ("An engineer ran the documented cleanup command, which the runbook did not flag as destructive in production.", None),
    ("The on-call was not paged because the alert had been silenced during an earlier maintenance window and the silence never expired.", None),
    ("The manual failover step took 18 minutes because it requires three separate approvals.", None),
    ("The failover requires human intervention, which added 12 minutes to the recovery.", None),
    # --- neutral roles ---------------------------------------------------------------------------------
    ("The incident commander handed over to the EU on-call at 17:00 UTC.", None),
    ("The on-call SRE acknowledged the page within two minutes and started the Consul runbook.", None),
    ("The DBA promoted the standby at 03:20 after confirming replication had caught up.", None),
    ("@payments-oncall was paged automatically at 14:03 UTC.", None),
    ("The support lead posted the first customer update at 14:25.", None),
    ("The security team rotated the Keycloak client secrets as a precaution.", None),
    ("The operator on shift restarted the Envoy pods as the runbook instructed.", None),
    ("The Hermes team owns the notification pipeline and was looped in at 14:30.", None),
    ("Team Phoenix rolled out the new Envoy filter at 13:55.", None),
    # --- technical homographs and meta statements ---------------------------------------------------------
    ("Use the break-glass role only when SSO is unavailable; it is audited and expires after one hour.", None),
    ("The SRE broke the glass procedure at 02:14 to obtain emergency access to the Harbor admin account.", None),
    ("Lazy loading of the translation bundles delayed first paint by 300 ms but was not related to the outage.", None),
    ("Hibernate's lazy initialization of the orders collection triggered an N+1 query storm.", None),
    ("The Postgres operator recreated the pod with the old PVC, which restored service.", None),
    ("The Strimzi operator error logs showed repeated reconciliation failures for the Kafka cluster.", None),
    ("The latency graphs show no obvious pattern before 13:00.", None),
    ("Error messages are now human-readable and include the failing tenant ID.", None),
    ("The performance cost of the extra hop is negligible (under 1 ms at p99).", None),
    ("`git blame` shows the threshold has been unchanged since 2021.", None),
    ("The SDK mapped every 4xx response to a generic user error, so clients retried requests that could never succeed.", None),
    ("This review deliberately does not name individuals or assign fault; the question is why the system allowed the change.", None),
    ('We avoid "operator error" as a root cause because it stops the analysis at the point where it becomes useful.', None),
    ("Human review of Argo CD diffs is not required for changes under the `infra/` path.", None),
    # --- questions about systems and process ------------------------------------------------------------------
    ("Why did the Spinnaker pipeline continue after the canary failed?", None),
    ("Who gets paged when the Pulsar backlog exceeds the threshold?", None),
    ("Which service owns the Hermes topic in the shared Pulsar tenant?", None),
    ("Will the new rate limit hold under Black Friday traffic?", None),
    # --- names without blame ------------------------------------------------------------------------------------
    ("[[Aisha Rahman]] opened the incident channel at 14:04 UTC and took the incident commander role.", None),
    ("[[Tomasz]] from the networking team confirmed at 14:40 that BGP sessions were stable.", None),
    ("Thanks to [[Mei Lin]] and [[Oskar Nyström]] for reviewing the draft of this report.", None),
    ("[[@jdoe]] shared a Tempo trace showing the 30-second gap in the Hermes consumer.", None),
    ("At 09:52 UTC [[Ravi]] noticed the Mimir ingester restarts and escalated to the observability team.", None),
    ("Questions about this review can be sent to [[k.oduya@example.com]] or to platform-team@example.com.", None),
    ("The vendor's account manager, Ms. [[Delgado]], confirmed the regional outage at 15:00.", None),
    ("[[Jean-Luc Fournier]] restored the Harbor database from the 02:00 snapshot.", None),
    ("[[Siobhan O'Neill]]'s analysis of the Envoy access logs identified the retry storm.", None),
    ("The fix was written by [[Kwame]] and reviewed by [[@l.santos]].", None),
    ("[[Ana]] and [[Bruno]] paired on the Karpenter consolidation fix.", None),
    ("[[Grace]] ran the Flux reconcile manually at 16:10 and the drift cleared.", None),
    ("The incident was reported by [[Fatima Zahra El Idrissi]] from customer support at 13:58.", None),
    ("[[@nkhan]] acknowledged the page from the @payments-oncall rotation.", None),
    ("[[Jörg]] rolled the Istio control plane back to 1.19 at 15:12.", None),
    ("Ping [[@rsingh]] or the #sre-help channel for access to the Grafana snapshot.", None),
    ("Mr. [[Whitfield]] from the bank's risk office asked for a written summary by Friday.", None),
    ("[[Chen Wei]] (database team) and [[Laura Pérez]] (SRE) led the recovery.", None),
    ("09:14 UTC - [[@tbrennan]] reports 502s from the Traefik ingress in the status channel.", None),
    ("The draft was circulated by [[Jordan]] on Monday and approved by the platform leads.", None),
    # --- product, place and capitalised common words --------------------------------------------------------------
    ("Mark the Consul node as unhealthy before draining it.", None),
    ("Harbor and Keycloak were both restored by 16:00 UTC.", None),
    ("Consul, Vault and Nomad run on the same three control-plane hosts.", None),
    ("Backstage lists the Mercury service as owned by the Fulfilment team.", None),
    ("Hermes publishes order events to Pulsar, and Atlas consumes them for search indexing.", None),
    ("Iris, our image resizing service, ran out of file descriptors at 12:40.", None),
    ("Sherlock, the anomaly detector, flagged the traffic drop six minutes before the first customer report.", None),
    ("The status page was set to Amber at 14:10 and back to Green at 15:02.", None),
    ("April's capacity review had already flagged the ClickHouse disks as 80% full.", None),
    ("Chase and Barclays customers saw failed card authorisations for 11 minutes.", None),
    ("Traffic from the Georgia and Virginia data centres was shifted to Ohio.", None),
    ("The Sydney region was unaffected.", None),
    ("Bill generation for 3,100 accounts was delayed by six hours.", None),
    ("Backstage showed the Phoenix service as deprecated, so its alerts were routed to a team that no longer existed.", None),
    # --- timeline and other neutral prose ----------------------------------------------------------------------
    ("14:02 UTC — Alertmanager fires `KubePodCrashLooping` for the Hermes consumers in eu-west-1.", None),
    ("14:09 UTC — On-call acknowledges and starts investigating the Envoy access logs.", None),
    ("14:17 UTC — Rollback of Argo CD application `checkout-api` to revision 412 initiated.", None),
    ("02:33 — @dba-oncall confirms the Aurora writer is healthy; replication lag back under 1 s.", None),
    ("16:45 UTC — Incident resolved; monitoring continues.", None),
    ("Approximately 12% of checkout requests in the EU failed between 14:02 and 14:41 UTC.", None),
    ("No customer data was lost, but 3,400 webhook deliveries were delayed by up to 55 minutes.", None),
    ("The Consul servers lost quorum when two of the three hosts were rebooted in the same patching window.", None),
    ("Replication lag on the ClickHouse replicas peaked at 14 minutes.", None),
    ("The Spinnaker pipeline was configured to auto-promote after 10 minutes with no canary analysis.", None),
    ("Customers saw HTTP 502 errors from the Traefik edge for 23 minutes.", None),
    ("The incident was detected by a synthetic check 4 minutes after the first failed request.", None),
    ("Detection took longer than expected because the Loki alert used a 15-minute evaluation window.", None),
    ("Contributing factors included an undersized connection pool, a retry policy without jitter, and a dashboard that averaged latency across regions.", None),
    ("The change was approved by two reviewers and passed all CI checks, which shows the tests did not cover the multi-region path.", None),
    ("Why were the pods evicted? Because the node ran out of memory after the JVM heap was sized for the old instance type.", None),
]

FR = [
    # --- personne / rôle / équipe comme cause ------------------------------------------------
    ("L'opérateur de garde a laissé passer trois alertes Loki avant de réagir.", P),
    ("C'est [[Mathieu]] qui a lancé la purge sur le cluster de production au lieu de la préproduction.", P),
    ("L'équipe réseau a supprimé la mauvaise route BGP, ce qui a coupé l'accès à deux datacenters.", P),
    ("Le développeur n'a pas relu la migration avant de la fusionner, d'où le verrou sur la table des commandes.", P),
    ("À cause du prestataire, qui a modifié la configuration Traefik sans prévenir, tout le trafic a été routé vers l'ancien cluster.", P),
    ("Le responsable de la mise en production a contourné la validation manuelle dans Spinnaker.", P),
    ("L'administrateur de la base a oublié de réactiver la réplication après la maintenance.", P),
    ("[[Chloé Bernard]] a poussé une configuration Istio erronée directement en production.", P),
    ("Nous n'avons pas vérifié l'espace disque avant la migration, ce qui a provoqué l'arrêt de la base.", P),
    ("L'incident vient de l'équipe mobile, qui a publié la version avec les journaux de débogage activés.", P),
    ("Qui a validé la modification du pipeline Argo CD ?", P),
    ("Pourquoi personne dans l'équipe n'a-t-il regardé les journaux Loki avant 15 h ?", P),
    ("Quel développeur a désactivé le disjoncteur dans la configuration Envoy ?", P),
    # --- erreur humaine ------------------------------------------------------------------------
    ("La cause racine identifiée est une erreur humaine lors de la rotation des certificats Keycloak.", H),
    ("Il s'agit d'une erreur de manipulation sur la console d'administration d'Aurora.", H),
    ("Une mauvaise manipulation d'un opérateur a supprimé le bucket Harbor.", H),
    ("L'incident relève d'une faute humaine, pas d'un défaut de la plateforme.", H),
    ("L'incident est dû à une erreur de l'administrateur, qui a redémarré le mauvais nœud Consul.", H),
    # --- contrefactuel sur des personnes -----------------------------------------------------------
    ("L'astreinte aurait dû remarquer que le retard NATS augmentait depuis 10 h.", C),
    ("Si l'équipe data avait lu les notes de version de ClickHouse, l'incident aurait pu être évité.", C),
    ("Le relecteur aurait pu détecter l'erreur dans le fichier de valeurs Helm.", C),
    ("Il aurait suffi que l'ingénieur vérifie le plan Terraform pour voir la suppression.", C),
    ("[[Julien]] n'a pas vu que le certificat expirait le lendemain.", C),
    ("Avec un peu plus d'attention, le développeur aurait repéré la variable manquante.", C),
    ("Nous aurions dû tester la restauration avant de supprimer les anciens instantanés.", C),
    # --- jugement --------------------------------------------------------------------------------
    ("Le runbook de bascule Atlas était bâclé et ne mentionnait pas la purge du cache.", J),
    ("Déployer un vendredi soir sans plan de retour arrière était totalement irresponsable.", J),
    ("Évidemment, personne n'avait lu la documentation de Karpenter.", J),
    ("La migration a été menée avec une désinvolture inquiétante.", J),
    ("La revue de code a été faite de manière superficielle et négligente.", J),
    ("Manifestement, la configuration Envoy n'avait pas été relue.", J),
    ("Par la négligence de l'équipe plateforme, les sauvegardes Velero n'étaient plus testées depuis six mois.", J),
    # --- systèmes sujets de verbes d'échec ----------------------------------------------------------
    ("Le planificateur Airflow a ignoré les tâches en attente pendant la bascule de la base de métadonnées.", None),
    ("Karpenter a oublié de libérer les nœuds vides, ce qui a doublé la facture de la nuit.", None),
    ("La sonde de disponibilité n'a pas détecté que Keycloak renvoyait des erreurs 500.", None),
    ("Argo CD n'a pas pu synchroniser l'application car le dépôt Git était inaccessible.", None),
    ("Le consommateur Pulsar a manqué plusieurs accusés de réception et les messages ont été relivrés.", None),
    ("Vector a perdu environ 2 % des journaux pendant le redémarrage du nœud.", None),
    ("Le script de sauvegarde a sauté les volumes montés en lecture seule.", None),
    ("Aurora a basculé sur le réplica de la zone b à 03 h 14 UTC.", None),
    ("Hermès, notre service de notifications, a renvoyé des erreurs 503 pendant 12 minutes.", None),
    ("Les workers d'ingestion utilisaient une ancienne image, si bien qu'ils ont ignoré la migration de schéma.", None),
    ("La modification de la configuration a cassé l'authentification pour les clients mobiles.", None),
    ("La version 2.3 du SDK a supprimé le délai d'expiration par défaut.", None),
    # --- contrefactuels sur des systèmes, avenir -------------------------------------------------------
    ("Le validateur de schéma aurait dû refuser le fichier YAML mal indenté.", None),
    ("Le répartiteur de charge aurait pu retirer le nœud défaillant plus tôt si le seuil avait été plus bas.", None),
    ("Avec le recul, l'alerte aurait dû se déclencher dès 80 % d'utilisation du disque.", None),
    ("Nous devrions ajouter un test de restauration mensuel pour les sauvegardes Velero.", None),
    # --- « nous » neutre, contexte systémique, rôles neutres ---------------------------------------------
    ("Nous avons annulé le déploiement à 14 h 20 et le taux d'erreur est revenu à la normale.", None),
    ("Nous avons appelé l'équipe base de données à 02 h 47.", None),
    ("Nous n'avons pas redémarré les pods, car les journaux montraient une corruption du volume.", None),
    ("Nous n'avions pas d'alerte sur le retard de réplication au moment de l'incident.", None),
    ("Nous n'avons prévenu les clients qu'à 15 h 10, soit 40 minutes après le début de l'impact.", None),
    ("Nous avons manqué la première alerte, car elle était envoyée sur un canal Slack archivé.", None),
    ("L'astreinte a suivi la procédure, mais celle-ci faisait encore référence à l'ancien cluster Rancher.", None),
    ("L'équipe d'astreinte a été alertée tardivement, car la règle de routage d'Alertmanager envoyait les alertes vers une file sans escalade.", None),
    ("Le prestataire n'avait pas accès aux tableaux de bord, ce qui a retardé le diagnostic de 25 minutes.", None),
    ("La bascule exige une intervention humaine, ce qui a ajouté 12 minutes au rétablissement.", None),
    ("L'ingénieur d'astreinte a été appelé à 03 h 12 et a accusé réception en deux minutes.", None),
    ("Le DBA a promu le secondaire après avoir confirmé que la réplication était à jour.", None),
    ("L'équipe sécurité a révoqué les jetons d'accès par précaution.", None),
    # --- homographes techniques, méta ------------------------------------------------------------------
    ("L'opérateur Strimzi a recréé le broker avec l'ancien volume.", None),
    ("L'opérateur télécom a confirmé une coupure de fibre entre Paris et Marseille.", None),
    ("Le chargement paresseux des modules n'a aucun lien avec l'incident.", None),
    ("Le surcoût de latence est négligeable (moins d'une milliseconde au p99).", None),
    ("Le tableau de bord ne montre aucune tendance évidente avant 13 h.", None),
    ("Ce rapport ne cherche pas de coupable : l'expression « erreur humaine » n'explique rien du fonctionnement du système.", None),
    ("La procédure bris de glace a été utilisée à 02 h 14 pour accéder à la console Harbor.", None),
    ("Qui est appelé lorsque le retard Pulsar dépasse le seuil ?", None),
    ("Pourquoi la synchronisation Argo CD ne s'est-elle pas arrêtée ?", None),
    # --- noms sans blâme, produits, lieux ----------------------------------------------------------------
    ("[[Amélie Rousseau]] a ouvert le canal d'incident à 14 h 04.", None),
    ("Merci à [[Karim]] et à [[Sophie]] pour la relecture de ce rapport.", None),
    ("[[@mlambert]] a partagé une trace Tempo montrant le délai de 30 secondes.", None),
    ("Mme [[Girard]], responsable du compte chez le fournisseur, a confirmé l'incident à 15 h.", None),
    ("L'analyse d'[[Hélène]] a permis d'identifier la tempête de nouvelles tentatives.", None),
    ("Le correctif a été écrit par [[Jean-Pierre Lemoine]] et relu par [[Nadia]].", None),
    ("Les questions peuvent être envoyées à [[t.marchand@exemple.fr]] ou à equipe-sre@exemple.fr.", None),
    ("Luna, notre service de drapeaux de fonctionnalité, a servi des valeurs obsolètes pendant 18 minutes.", None),
    ("Iris, le service de redimensionnement d'images, a épuisé ses descripteurs de fichiers.", None),
    ("En avril, nous avons migré le stockage de Loki vers S3.", None),
    ("Le datacenter de Saint-Denis a perdu une alimentation électrique à 04 h 10.", None),
    ("Les services Atlas et Mercure ont été redémarrés à 16 h.", None),
    # --- chronologie, impact -------------------------------------------------------------------------------
    ("14 h 02 — Alertmanager déclenche `KubePodCrashLooping` pour les consommateurs Hermès.", None),
    ("14:17 UTC — Début du retour arrière de l'application `checkout-api` dans Argo CD.", None),
    ("02:33 — @dba-astreinte confirme que l'instance Aurora est saine.", None),
    ("Environ 12 % des paiements ont échoué entre 14 h 02 et 14 h 41.", None),
    ("Le fournisseur a subi une panne de son API de paiement entre 9 h et 9 h 40.", None),
]

MARK = re.compile(r"\[\[(.+?)\]\]")


def render(src):
    """Strip [[...]] markup and return (text, names with str offsets)."""
    out, names, pos = [], [], 0
    for m in MARK.finditer(src):
        out.append(src[pos : m.start()])
        start = sum(len(s) for s in out)
        names.append({"text": m.group(1), "start": start, "end": start + len(m.group(1))})
        out.append(m.group(1))
        pos = m.end()
    out.append(src[pos:])
    return "".join(out), names


def build():
    rows = []
    for lang, items in (("en", EN), ("fr", FR)):
        items = list(items)
        random.Random(20240611).shuffle(items)  # ids do not follow categories
        for i, (src, kind) in enumerate(items, 1):
            text, names = render(src)
            for n in names:
                assert text[n["start"] : n["end"]] == n["text"]
            rows.append(
                {
                    "id": f"h{lang}-{i:04d}",
                    "text": text,
                    "lang": lang,
                    "blame": kind is not None,
                    "blame_kind": kind,
                    "names": names,
                }
            )
    return rows


if __name__ == "__main__":
    rows = build()
    path = Path(__file__).with_name("sentences.jsonl")
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    en = [r for r in rows if r["lang"] == "en"]
    fr = [r for r in rows if r["lang"] == "fr"]
    for lang, rs in (("en", en), ("fr", fr)):
        print(lang, len(rs), "blame", sum(r["blame"] for r in rs), "with names",
              sum(bool(r["names"]) for r in rs), "spans", sum(len(r["names"]) for r in rs))
