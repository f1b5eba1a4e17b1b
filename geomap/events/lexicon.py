"""Load the analyst-editable event vocabulary from ``data/lexicon/`` (compiled once).

Tables: ``event_classes.csv`` (taxonomy + ACLED/CAMEO/PLOVER crosswalk),
``event_triggers.csv`` (regex cues per class), ``modality_cues.csv``, ``actors.csv``,
``quantity_units.csv``.  A regex that does not compile is reported with file and line
and skipped, so one bad edit does not disable the rest of the table.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geomap.config import DEFAULT_SETTINGS, Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EventClass:
    """One class of geomap's taxonomy with its crosswalk codes (strings, as published)."""

    name: str
    label: str
    priority: int
    color: str
    icon: str
    acled_disorder_type: str
    acled_event_type: str
    acled_sub_event_type: str
    cameo_code: str
    cameo_label: str
    plover_event: str
    plover_mode: str
    plover_context: str


@dataclass(frozen=True, slots=True)
class Trigger:
    event_class: str
    pattern: re.Pattern[str]
    weight: float
    requires: re.Pattern[str] | None
    excludes: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class ModalityCue:
    modality: str
    pattern: re.Pattern[str]
    weight: float


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    pattern: re.Pattern[str]
    country_iso3: str
    actor_type: str
    acled_inter: str
    cameo_code: str
    side: str


@dataclass(frozen=True, slots=True)
class QuantityUnit:
    category: str
    pattern: re.Pattern[str]


@dataclass
class Lexicon:
    """Every vocabulary table, compiled."""

    classes: dict[str, EventClass]
    triggers: list[Trigger]
    modality_cues: list[ModalityCue]
    actors: list[Actor]
    units: list[QuantityUnit]
    iso2_by_iso3: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8-sig") as stream:
        reader = csv.DictReader(stream)
        return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader]


def _compile(text: str, where: str, problems: list[str]) -> re.Pattern[str] | None:
    if not text:
        return None
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        problems.append(f"{where}: invalid regular expression ({exc}); entry skipped")
        return None


def _alias_pattern(aliases: str, where: str, problems: list[str]) -> re.Pattern[str] | None:
    """Join ``|``-separated aliases (plain phrases, or ``re:`` regexes) into one pattern."""
    parts: list[str] = []
    for alias in _split_aliases(aliases):
        if alias.startswith("re:"):
            if _compile(alias[3:], where, problems) is not None:
                parts.append(f"(?:{alias[3:]})")
        else:
            parts.append(r"\b" + re.escape(alias).replace(r"\ ", r"\s+") + r"\b")
    return _compile("|".join(parts), where, problems) if parts else None


def _split_aliases(aliases: str) -> list[str]:
    """Split on ``|`` outside regex groups (``re:`` entries may contain alternations)."""
    items: list[str] = []
    depth = 0
    current = ""
    escaped = False
    for char in aliases:
        if escaped:
            current += char
            escaped = False
            continue
        if char == "\\":
            escaped = True
            current += char
            continue
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char == "|" and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    return [i for i in items if i]


def load_lexicon(settings: Settings = DEFAULT_SETTINGS) -> Lexicon:
    """Load and compile every vocabulary table (cached per settings)."""
    return _load(settings)


@lru_cache(maxsize=4)
def _load(settings: Settings) -> Lexicon:
    problems: list[str] = []
    classes: dict[str, EventClass] = {}
    path = settings.path(settings.event_classes)
    for line, row in _rows(path):
        try:
            priority = int(row.get("priority") or 0)
        except ValueError:
            problems.append(f"{path}:{line}: priority {row.get('priority')!r} is not a whole number; using 0")
            priority = 0
        classes[row["class"]] = EventClass(
            name=row["class"],
            label=row.get("label") or row["class"],
            priority=priority,
            color=row.get("color") or "#555555",
            icon=row.get("icon") or "info-sign",
            acled_disorder_type=row.get("acled_disorder_type", ""),
            acled_event_type=row.get("acled_event_type", ""),
            acled_sub_event_type=row.get("acled_sub_event_type", ""),
            cameo_code=row.get("cameo_code", ""),
            cameo_label=row.get("cameo_label", ""),
            plover_event=row.get("plover_event", ""),
            plover_mode=row.get("plover_mode", ""),
            plover_context=row.get("plover_context", ""),
        )
    triggers: list[Trigger] = []
    path = settings.path(settings.event_triggers)
    for line, row in _rows(path):
        where = f"{path}:{line}"
        if row.get("class") not in classes:
            problems.append(f"{where}: unknown class {row.get('class')!r}; trigger skipped")
            continue
        pattern = _compile(row.get("pattern", ""), where, problems)
        if pattern is None:
            continue
        triggers.append(
            Trigger(
                event_class=row["class"],
                pattern=pattern,
                weight=float(row.get("weight") or 0.5),
                requires=_compile(row.get("requires", ""), where, problems),
                excludes=_compile(row.get("excludes", ""), where, problems),
            )
        )
    cues: list[ModalityCue] = []
    path = settings.path(settings.modality_cues)
    for line, row in _rows(path):
        pattern = _compile(row.get("pattern", ""), f"{path}:{line}", problems)
        if pattern is not None:
            cues.append(ModalityCue(row["modality"], pattern, float(row.get("weight") or 0.5)))
    actors: list[Actor] = []
    path = settings.path(settings.actors)
    for line, row in _rows(path):
        pattern = _alias_pattern(row.get("aliases", ""), f"{path}:{line}", problems)
        if pattern is None:
            continue
        actors.append(
            Actor(
                id=row["id"],
                name=row["name"],
                pattern=pattern,
                country_iso3=row.get("country_iso3", ""),
                actor_type=row.get("actor_type", ""),
                acled_inter=row.get("acled_inter", ""),
                cameo_code=row.get("cameo_code", ""),
                side=row.get("side", "") or "OTHER",
            )
        )
    units: list[QuantityUnit] = []
    path = settings.path("lexicon/quantity_units.csv")
    for line, row in _rows(path):
        pattern = _compile(row.get("pattern", ""), f"{path}:{line}", problems)
        if pattern is not None:
            units.append(QuantityUnit(row["category"], pattern))
    for problem in problems:
        log.warning(problem)
    codes = {row["iso3"]: row["iso2"] for _, row in _rows(settings.path("gazetteer/countries.csv"))}
    return Lexicon(classes, triggers, cues, actors, units, codes, problems)
