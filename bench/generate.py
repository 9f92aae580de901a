"""Deterministic, realistic postmortems for the benchmark: English and French, 300-5,000 words.

Each document has metadata, the usual sections, a timeline table, fenced logs, five whys, a
checklist of action items and a few paragraphs built from sentence templates: mostly neutral
system prose, some names, some blame and hindsight phrasing (what the NLP rules look for).
The same seed always gives the same documents.

    python bench/generate.py OUT_DIR [--docs 500] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SERVICES = ["checkout-api", "payments", "search", "auth-gateway", "ledger", "notifications"]
TECH = ["Kafka", "PostgreSQL", "Redis", "Kubernetes", "Terraform", "Grafana", "Jenkins", "Vault"]
PEOPLE = ["Priya Natarajan", "John Smith", "Maria Gonzalez", "Kenji Sato", "Élodie Martin"]
ROLES = {"en": ["the on-call engineer", "the DBA", "the release manager"], "fr": ["l'astreinte"]}

SENTENCES = {
    "en": [
        "The {svc} deployment raised p99 latency from 120 ms to {n} ms within four minutes.",
        "{tech} consumers on {svc} fell behind by {n} thousand messages during the peak.",
        "Alerts for {svc} fired at 14:{m:02d} UTC and paged {role}.",
        "{person} opened the incident channel and shared the `{svc}` dashboard.",
        "The health check on `{svc}` kept passing because it only tested the TCP port.",
        "{role} rolled back the change at 15:{m:02d} UTC, and error rates recovered.",
        "Capacity planning for {tech} had assumed a linear growth of {n} requests per second.",
        "{person} forgot to check the replication lag before the failover.",
        "Root cause: human error during the {tech} upgrade.",
        "The engineer should have known that the {tech} quota was shared.",
        "A retry storm from {svc} amplified the load on {tech} by a factor of {m}.",
        "We should add a synthetic probe that exercises the {svc} write path.",
        "The runbook for {tech} did not mention the connection pool limits.",
        "The migration of {svc} to {tech} had been tested in staging with {n} rows only.",
    ],
    "fr": [
        "Le déploiement de {svc} a fait passer la latence p99 de 120 ms à {n} ms.",
        "Les consommateurs {tech} de {svc} ont pris {n} milliers de messages de retard.",
        "Les alertes de {svc} se sont déclenchées à 14:{m:02d} UTC et ont appelé {role}.",
        "{person} a ouvert le canal d'incident et partagé le tableau de bord `{svc}`.",
        "Le contrôle de santé de `{svc}` restait vert car il ne testait que le port TCP.",
        "{role} a annulé le changement à 15:{m:02d} UTC et le taux d'erreur est redescendu.",
        "Le dimensionnement de {tech} supposait une croissance de {n} requêtes par seconde.",
        "{person} a oublié de vérifier le retard de réplication avant la bascule.",
        "Cause racine : erreur humaine lors de la mise à jour de {tech}.",
        "L'ingénieur aurait dû savoir que le quota {tech} était partagé.",
        "Une tempête de nouvelles tentatives depuis {svc} a multiplié la charge par {m}.",
        "Nous devrions ajouter une sonde synthétique sur le chemin d'écriture de {svc}.",
    ],
}
HEADINGS = {
    "en": ["Summary", "Impact", "Timeline", "Root causes (5 Whys)", "Lessons learned"],
    "fr": ["Résumé", "Impact", "Chronologie", "Causes racines (5 pourquoi)", "Leçons apprises"],
}
ACTIONS = {"en": "Actions", "fr": "Actions correctives"}
META = {
    "en": ("Date", "Duration", "Impact", "Severity", "Status"),
    "fr": ("Date", "Durée", "Impact", "Sévérité", "Statut"),
}


def _sentence(rng: random.Random, language: str) -> str:
    template = rng.choice(SENTENCES[language])
    return template.format(
        svc=rng.choice(SERVICES),
        tech=rng.choice(TECH),
        person=rng.choice(PEOPLE),
        role=rng.choice(ROLES[language]),
        n=rng.randint(2, 900),
        m=rng.randint(2, 59),
    )


def _paragraph(rng: random.Random, language: str) -> str:
    return " ".join(_sentence(rng, language) for _ in range(rng.randint(2, 5)))


def postmortem(rng: random.Random, language: str, words: int) -> str:
    """One postmortem of about `words` words (the prose grows; the skeleton stays)."""
    number = rng.randint(1000, 9999)
    day = rng.randint(1, 28)
    keys = META[language]
    heads = HEADINGS[language]
    parts = [
        f"# Postmortem INC-{number}: {rng.choice(SERVICES)} / {rng.choice(TECH)}\n",
        f"**{keys[0]}**: 2026-02-{day:02d}\n**{keys[1]}**: {rng.randint(5, 180)} min\n"
        f"**{keys[2]}**: {rng.randint(1, 60)}% of requests failed\n**{keys[3]}**: SEV-2\n"
        f"**{keys[4]}**: Final\n",
        f"## {heads[0]}\n\n{_paragraph(rng, language)}\n",
        f"## {heads[1]}\n\n"
        + "".join(f"- {_sentence(rng, language)}\n" for _ in range(3))
        + f"\n## {heads[2]}\n\n| Time | Event |\n|------|-------|\n"
        + "".join(f"| 14:{m:02d} | {_sentence(rng, language)} |\n" for m in range(0, 50, 7))
        + "\n```\n"
        + "".join(
            f"2026-02-{day:02d} 14:{i:02d}:07 ERROR {rng.choice(SERVICES)} upstream timeout\n"
            for i in range(6)
        )
        + "```\n",
        f"## {heads[3]}\n\n" + "".join(f"{i}. {_sentence(rng, language)}\n" for i in range(1, 6)),
    ]
    text = "\n".join(parts)
    body: list[str] = []
    while len(text.split()) + sum(len(p.split()) for p in body) < words - 60:
        body.append(_paragraph(rng, language))
        if rng.random() < 0.15:
            body.append(f"> {_paragraph(rng, language)}")
        if rng.random() < 0.1:
            body.append("```yaml\nreplicas: 3\nmax_surge: 1\n```")
    actions = "".join(
        f"- [ ] ACT-{number}-{i}: {_sentence(rng, language)} "
        f"(owner: {rng.choice(SERVICES)} team, due: 2026-03-{i + 10:02d})\n"
        for i in range(1, 5)
    )
    return (
        text
        + f"\n## {heads[4]}\n\n"
        + "\n\n".join(body)
        + f"\n\n## {ACTIONS[language]}\n\n{actions}"
    )


def corpus(count: int, seed: int = 7, french: float = 0.3) -> list[tuple[str, str]]:
    """(file name, text) pairs; sizes log-uniform between 300 and 5,000 words."""
    rng = random.Random(seed)
    documents = []
    for index in range(count):
        language = "fr" if rng.random() < french else "en"
        words = int(300 * (5000 / 300) ** rng.random())
        documents.append((f"{language}/pm-{index:04d}.md", postmortem(rng, language, words)))
    return documents


def of_size(size: int, seed: int = 7, language: str = "en") -> str:
    """One document of about `size` characters (a postmortem whose prose keeps growing)."""
    rng = random.Random(seed)
    text = postmortem(rng, language, 300)
    body = [text]
    length = len(text)
    while length < size:
        paragraph = _paragraph(rng, language) + "\n\n"
        body.append(paragraph)
        length += len(paragraph)
    return "".join(body)[:size]


def write(folder: Path, documents: list[tuple[str, str]]) -> list[Path]:
    paths = []
    for name, text in documents:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    documents = corpus(args.docs, args.seed)
    write(args.out, documents)
    words = sum(len(text.split()) for _, text in documents)
    print(f"wrote {len(documents)} postmortems, {words:,} words, to {args.out}")


if __name__ == "__main__":
    main()
