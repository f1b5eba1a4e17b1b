"""The people a sentence says were killed or wounded, where a number alone does not say it.

* **Lists of casualties.**  "Three border guards and two attackers were killed", "a border
  guard and a police officer were killed", "killed a Tajik border guard and two smugglers",
  "Colonel Akhtamov and three trespassers were killed": every member of the list is a
  casualty of the verb, whoever they are (attackers killed are fatalities too).  A member
  is a counted noun phrase ("three trespassers", "both attackers"), one person ("a border
  guard", "an officer") or a person named with a title ("Colonel Khairiddin Akhtamov").
* **Running totals.**  "The death toll rose to 13", "bringing the toll to 24", "the number
  of people killed has risen to 41": a total of the incident so far, which a count of the
  sentence's own dead ("nine people were killed …, bringing the toll to 24") comes before.

The person vocabulary (``PERSON``, ``PEOPLE``) is shared with :mod:`geomap.events.quantities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# singular and plural of the nouns news uses for people who are killed or wounded
_PERSON_NOUNS = (
    ("soldier", "soldiers"), ("officer", "officers"), ("guard", "guards"), ("serviceman", "servicemen"),
    ("servicewoman", "servicewomen"), ("service member", "service members"), ("policeman", "policemen"),
    ("policewoman", "policewomen"), ("civilian", "civilians"), ("resident", "residents"), ("villager", "villagers"),
    ("man", "men"), ("woman", "women"), ("child", "children"), ("boy", "boys"), ("girl", "girls"),
    ("fighter", "fighters"), ("militant", "militants"), ("insurgent", "insurgents"), ("rebel", "rebels"),
    ("terrorist", "terrorists"), ("citizen", "citizens"), ("national", "nationals"), ("worker", "workers"),
    ("person", "persons"), ("person", "people"), ("ranger", "rangers"), ("commander", "commanders"),
    ("smuggler", "smugglers"), ("trafficker", "traffickers"), ("trespasser", "trespassers"), ("intruder", "intruders"),
    ("infiltrator", "infiltrators"), ("attacker", "attackers"), ("assailant", "assailants"), ("gunman", "gunmen"),
    ("hunter", "hunters"), ("shepherd", "shepherds"), ("herder", "herders"), ("herdsman", "herdsmen"),
    ("farmer", "farmers"), ("driver", "drivers"), ("trader", "traders"), ("merchant", "merchants"),
    ("student", "students"), ("pupil", "pupils"), ("teacher", "teachers"), ("doctor", "doctors"),
    ("journalist", "journalists"), ("teenager", "teenagers"), ("youth", "youths"),
    ("migrant", "migrants"), ("refugee", "refugees"), ("member", "members"), ("conscript", "conscripts"),
    ("recruit", "recruits"), ("militiaman", "militiamen"), ("commando", "commandos"), ("sniper", "snipers"),
    ("pilot", "pilots"), ("official", "officials"), ("employee", "employees"), ("engineer", "engineers"),
    ("miner", "miners"), ("labourer", "labourers"), ("laborer", "laborers"), ("passer-by", "passers-by"),
    ("elder", "elders"), ("suspect", "suspects"), ("detainee", "detainees"), ("prisoner", "prisoners"),
    ("paratrooper", "paratroopers"), ("marine", "marines"), ("reservist", "reservists"), ("bystander", "bystanders"),
    ("ensign", "ensigns"), ("sergeant", "sergeants"), ("lieutenant", "lieutenants"), ("captain", "captains"), ("colonel", "colonels"),
    ("corporal", "corporals"), ("cadet", "cadets"), ("guardsman", "guardsmen"), ("contractor", "contractors"), ("passenger", "passengers"),
    ("volunteer", "volunteers"), ("jihadist", "jihadists"), ("extremist", "extremists"), ("bandit", "bandits"), ("criminal", "criminals"),
    ("courier", "couriers"), ("tourist", "tourists"), ("pilgrim", "pilgrims"), ("nurse", "nurses"), ("medic", "medics"),
    ("activist", "activists"), ("protester", "protesters"), ("protestor", "protestors"), ("demonstrator", "demonstrators"),
    ("governor", "governors"), ("leader", "leaders"), ("chief", "chiefs"),
)
# the region's nationals, counted ("thirteen Afghans and two Tajik nationals were killed"); the
# singular is left out, as it is mostly an adjective ("the Tajik military", "a number of Tajik
# nationals")
_NATIONALS = {"Afghans", "Tajiks", "Uzbeks", "Turkmens", "Kazakhs", "Pakistanis", "Iranians", "Russians"}


def _alternation(words: set[str]) -> str:
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


#: one person ("a Tajik hunter was killed"; "a suicide bomber", never the plural, which may be aircraft)
PERSON = _alternation({singular for singular, _ in _PERSON_NOUNS} | {"bomber", "perpetrator"})
#: several people ("two Tajik hunters", "two others")
_PEOPLE_WORDS = frozenset({plural for _, plural in _PERSON_NOUNS} | {"others", "troops", "personnel"} | _NATIONALS)
PEOPLE = _alternation(set(_PEOPLE_WORDS))

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "both": 2,
}
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_COUNT = rf"(?P<count>\d{{1,4}}|{_TENS}[-\s]{_UNITS}\b|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_WORDS = r"(?:(?!(?:and|or|were|was|had|have|has|who|which|that|of\s+(?:them|whom|those))\b)[\w'’-]+\s+){0,3}?"
_RANK = r"(?:Colonel|Col\.|Lieutenant|Lt\.|Major|Maj\.|Captain|Capt\.|General|Gen\.|Sergeant|Sgt\.|Corporal|Private|Ensign|Commander)"
# "Colonel", "Lieutenant-Colonel", "private soldier", "Mr."
_TITLE = (
    rf"(?:(?:{_RANK}(?:-{_RANK})?|Senior|Junior|soldier|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+)+"
)
_NAME = r"(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){0,3}"
#: one person named with a title ("General Abdullo Nazarov", "Colonel Akhtamov")
TITLED_NAME = rf"(?:{_RANK}(?:-{_RANK})?)\s+{_NAME}"
# "three security forces" are three people when they are killed
_CASUALTY_PEOPLE = _alternation(set(_PEOPLE_WORDS | {"forces"}))
# what may follow a member's noun before the next member or the verb: "four soldiers from an
# OMON unit", "36 people in Kyrgyzstan", "nine men under his command" (a few words, none of
# which joins members or opens a verb)
_MODIFIER = (
    r"(?:\s+(?:from|in|of|under|at|on)\s+"
    r"(?:(?!(?:and|or|were|was|had|have|has|who|which|that|along|as|together)\b)[\w'’-]+\s+){0,3}?"
    r"(?!(?:and|or|were|was|had|have|has|who|which|that|along|as|together)\b)[\w'’-]+)?"
)
# one member of a list: "three trespassers", "both attackers", "a border guard", "Colonel Akhtamov"
_MEMBER = re.compile(
    rf"(?:{_COUNT}\s+{_WORDS}{_CASUALTY_PEOPLE}\b|(?P<one>an?|one|another|his|her|their|the)\s+{_WORDS}{PERSON}\b){_MODIFIER}"
    rf"|(?P<named>{_TITLE}{_NAME})",
    re.I,
)
_MEMBER_TEXT = _MEMBER.pattern.replace("?P<count>", "?:").replace("?P<one>", "?:").replace("?P<named>", "?:")
_JOINER = r"\s*(?:,\s*(?:and\s+)?|\band\s+|,?\s*\b(?:along with|as well as|together with)\s+)"
_LIST = rf"(?:{_MEMBER_TEXT})(?:{_JOINER}(?:{_MEMBER_TEXT}))+"
_ADVERB = r"(?:(?:also|reportedly|reported|confirmed|later|critically|seriously|severely|slightly|lightly|fatally|allegedly|all|both)\s+)?"
_KILLED = r"killed|shot dead|shot and killed|murdered|slain|wounded|injured|hurt"
# "… were killed", "… died": the verb whose subject a list is; the list ends right before it
_SUBJECT_VERB = re.compile(
    rf",?\s+(?:(?:were|have been|had been)\s+{_ADVERB}(?P<how>{_KILLED})|(?P<died>died|perished|lost their lives)"
    # "… were among those killed", "… were among the dead"
    rf"|(?:were|are)\s+among\s+(?:those|the\s+(?:people|victims))\s+(?P<among>{_KILLED})|(?:were|are)\s+among\s+the\s+(?P<dead>dead)"
    # a headline: "Two NATO troops and four Afghans killed by suicide bombing"
    rf"|(?P<bare>killed|dead|wounded|injured))\b",
    re.I,
)
# "both attackers were killed" counts too
_SUBJECT_LIST = re.compile(rf"\b(?P<list>{_LIST}|both\s+{_WORDS}{PEOPLE}\b)$", re.I)
# "killed a guard and two smugglers": the list right after the verb is its object (not the
# subject of a passive after it)
_OBJECT_VERB = re.compile(r"\b(?P<verb>killing|killed|shot dead|shooting dead|wounding|wounded|injuring|injured)\s+", re.I)
_OBJECT_LIST = re.compile(rf"(?P<list>{_LIST})\b(?!\s+(?:were|was|have|has|had)\b)", re.I)
_VERB_BEFORE = re.compile(r"\b(?:killing|killed|shot dead|shooting dead|wounding|wounded|injuring|injured)\s+$", re.I)
_LAST_WORD = re.compile(r"[\w'’-]+$")
_NOUNS = frozenset(w.split()[-1].lower() for w in {singular for singular, _ in _PERSON_NOUNS} | _PEOPLE_WORDS | {"forces"})
# a member's modifier ("… from an OMON unit") may end the list in any word: the list itself decides
_MODIFIER_WORDS = re.compile(r"\b(?:from|in|of|under|at|on)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+$", re.I)
_SUBJECT_REACH = 200  # characters a list of subjects may take before its verb
#: how the verbs of wounding begin ("wounded", "injuring", "hurt")
WOUNDING_PREFIXES = ("wound", "injur", "hurt")
# a list of casualties is joined by one of these (or is "both …")
_JOINER_WORDS = (" and ", ",", "both", " with ", " as well as ")
# a list of casualties needs one of these words
_LIST_WORDS = ("kill", "shot", "dead", "died", "perished", "lost their lives", "murdered", "slain", "wound", "injur", "hurt")


@dataclass(frozen=True, slots=True)
class Casualty:
    """One member of a list of casualties: where it is, how many it counts, what it says."""

    start: int
    end: int
    category: str  # "fatalities" or "injured"
    count: int
    text: str


def listed_casualties(sentence: str) -> list[Casualty]:
    """The members of every list of casualties in ``sentence`` (see the module docstring), in order."""
    lowered = sentence.lower()
    if not any(word in lowered for word in _LIST_WORDS) or not any(joiner in lowered for joiner in _JOINER_WORDS):
        return []
    return sorted(_subject_lists(sentence) + _object_lists(sentence), key=lambda c: c.start)


def _subject_lists(sentence: str) -> list[Casualty]:
    found: list[Casualty] = []
    for verb in _SUBJECT_VERB.finditer(sentence):
        last = _LAST_WORD.search(sentence, max(0, verb.start() - 40), verb.start())
        if last is None or (
            last.group(0).lower() not in _NOUNS and not last.group(0)[0].isupper()
            and not _MODIFIER_WORDS.search(sentence, max(0, verb.start() - 60), verb.start())
        ):
            continue  # a list ends with a person, a name or a member's modifier
        listed = _SUBJECT_LIST.search(sentence, max(0, verb.start() - _SUBJECT_REACH), verb.start())
        if listed is None or _VERB_BEFORE.search(sentence, max(0, listed.start() - 30), listed.start()):
            continue  # "killed three guards and two civilians were wounded": no one list
        if verb.group("bare") and sentence[: listed.start("list")].strip():
            continue  # a bare participle is a headline's verb only when the list opens the sentence
        how = (verb.group("how") or verb.group("among") or verb.group("bare") or "killed").lower()
        found += _members(sentence, listed.span("list"), "injured" if how.startswith(WOUNDING_PREFIXES) else "fatalities")
    return found


def _object_lists(sentence: str) -> list[Casualty]:
    found: list[Casualty] = []
    for verb in _OBJECT_VERB.finditer(sentence):
        listed = _OBJECT_LIST.match(sentence, verb.end())
        if listed is not None:
            category = "injured" if verb.group("verb").lower().startswith(WOUNDING_PREFIXES) else "fatalities"
            found += _members(sentence, listed.span("list"), category)
    return found


def _members(sentence: str, span: tuple[int, int], category: str) -> list[Casualty]:
    members = []
    for member in _MEMBER.finditer(sentence, *span):
        count = member.group("count")
        number = 1 if count is None else _count_value(count)
        members.append(Casualty(member.start(), member.end(), category, number, " ".join(member.group(0).split())))
    # "two people, a man and a woman, were killed": the rest of the list says who the first were
    if len(members) > 2 and members[0].count == sum(m.count for m in members[1:]) and "," in sentence[members[0].end : members[1].start]:
        return members[:1]
    return members


def _count_value(count: str) -> int:
    """The value of a count in digits or words ("24", "both", "twenty-four")."""
    if count.isdigit():
        return int(count)
    return sum(_NUMBER_WORDS[word] for word in count.lower().replace("-", " ").split())


# a running total: "the death toll rose to", "bringing the toll to", "the number of people killed has risen to"
_TOTAL_BEFORE = re.compile(
    r"\b(?:(?:death|casualty|fatality)\s+)?toll\b[^.;]{0,60}?\b(?:to|at|reached|hit|of|is|was|stands|stood)\s+$"
    r"|\bnumber\s+of\s+(?:(?:people|persons|those|civilians|soldiers|troops)\s+)?(?:killed|dead|deaths|fatalities|victims)\b"
    r"[^.;]{0,60}?\b(?:to|at|reached|hit|is|was|stands|stood)\s+$",
    re.I,
)


def running_total(sentence: str, start: int) -> bool:
    """Whether the number at ``start`` is a running total of the dead ("the death toll rose to 13")."""
    before = sentence[max(0, start - 110) : start]
    lowered = before.lower()
    if "toll" not in lowered and "number of" not in lowered:
        return False
    return bool(_TOTAL_BEFORE.search(before))
