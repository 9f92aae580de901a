"""The run's policy, typed: what the effective config says to the kinds besides rule options.

Built once when the config loads (`run.config.resolve`), from data the config schema and each
rule's `option_schemas` have already checked; the kinds read attributes, never keys. The
defaults are a run without any config file (the shipped catalogs, every rule's own options).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from blamelint.document.catalog import Catalog


@dataclass(frozen=True)
class Settings:
    # The section and metadata catalogs with the team's aliases (None: the shipped ones).
    section_catalog: Catalog | None = None
    metadata_catalog: Catalog | None = None
    # `postmortem.required_sections` / `required_metadata` as canonical ids. None: the rule's
    # option or the catalog's default; an empty tuple is a choice (nothing required).
    required_sections: tuple[str, ...] | None = None
    required_metadata: tuple[str, ...] | None = None
    min_whys: int | None = None  # `postmortem.min_whys` (BL106), over the rule's min_depth
    max_duration: int | None = None  # `postmortem.max_duration`, minutes (timeliness)
    integrations: Mapping[str, Any] = field(default_factory=dict)  # postmortem.integrations
    blockquotes: bool = True  # `prose.blockquotes`: are quoted paragraphs prose to check?
    flag_owners: bool = False  # names in action owners are findings too
    actions: Mapping[str, Any] = field(default_factory=dict)  # the `actions:` section
    # `wordlists.vague_actions`: (compiled pattern, suggestion) pairs added to the shipped list.
    vague_actions: tuple[tuple[re.Pattern[str], str], ...] = ()
    # `wordlists.judgmental` / `human_error`: detector key -> language -> lowercase words.
    team_words: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    timeliness: Mapping[str, Any] = field(default_factory=dict)  # the `timeliness:` section
