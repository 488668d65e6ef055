"""Read an actor that no alias table knows from the way it is written.

* A personal name after its descriptors and titles is the name and the words
  before it the role: "regional governor Serhiy Koval" -> ("Serhiy Koval",
  "regional governor"); an appositive after a comma is the role either way:
  "Samira Daoud, Amnesty International's Regional Director" -> ("Samira Daoud",
  "Amnesty International's Regional Director").
* A country's generic institution, from a demonym or a country possessive:
  "the Sudanese army", "Ukraine's foreign ministry" -> "Sudanese Armed Forces",
  "Ukrainian Ministry of Foreign Affairs", with the country's code.
* A capitalised name loses the possessor and lowercase descriptors before it
  and generic words or fragments after it: "rebels' Al-Masirah TV" ->
  "Al-Masirah"; "Kuwaiti Hospital in nearby Rafah" -> "Kuwaiti Hospital".
* A plain source group or unnamed officials of no named body ("local
  officials", "Survivors", "Ukrainian officials") has no name.
"""

from __future__ import annotations

import re

from extractor.models import ActorKind
from extractor.normalise.demonyms import country_of, country_prefix
from extractor.normalise.keys import name_key

# institution words after a country -> (canonical suffix, kind)
_INSTITUTIONS: dict[str, tuple[str, ActorKind]] = {}
for _words, _suffix, _kind in [
    (
        "army|military|armed forces|forces|troops|soldiers|air force|defence forces|defense forces"
        "|military forces|security forces|government forces|warplanes|jets",
        "Armed Forces",
        ActorKind.state_military,
    ),
    (
        "foreign ministry|ministry of foreign affairs|foreign office|foreign affairs ministry",
        "Ministry of Foreign Affairs",
        ActorKind.government,
    ),
    (
        "defence ministry|defense ministry|ministry of defence|ministry of defense",
        "Ministry of Defence",
        ActorKind.state_military,
    ),
    ("health ministry|ministry of health", "Ministry of Health", ActorKind.government),
    (
        "interior ministry|ministry of interior|ministry of the interior",
        "Ministry of Interior",
        ActorKind.government,
    ),
    ("government|authorities|administration", "Government", ActorKind.government),
    ("police|police force", "Police", ActorKind.government),
    ("civil defence|civil defense", "Civil Defence", ActorKind.ngo),
    (
        "information ministry|ministry of information",
        "Ministry of Information",
        ActorKind.government,
    ),
]:
    for _written in _words.split("|"):
        _INSTITUTIONS[_written] = (_suffix, _kind)

_LINKS = {"for", "of", "and", "in", "the", "at", "on", "to", "by", "from", "with", "&"}
_PARTICLES = {"al", "el", "bin", "ibn", "abu", "bint", "de", "da", "van", "von", "le", "ould", "ag"}
_ORG_WORDS = re.compile(
    r"^(?:ministry|army|forces?|council|committee|government|office|agency|mission|group|front"
    r"|hospital|radio|tv|television|news|network|organi[sz]ation|command|police|service"
    r"|movement|party|brigades?|battalion|corps|union|authority|observatory|voices|center"
    r"|centre|institute|university|company|department|coalition|international|nations"
    r"|watch|world|daily|times|post|press|state|republic|people's|people|national|united)$",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(
    r"^(?:minister|director|spokes(?:man|woman|person)|governor|mayor|member|chief|head"
    r"|commander|official|officer|coordinator|ombudsman|envoy|ambassador|president|chairman"
    r"|leader|secretary|adviser|advisor|representative|doctor|medic|resident|witness|activist"
    r"|journalist|reporter|analyst|researcher|manager|deputy|administrator|elder|father|mother"
    r"|brother|sister|son|daughter|survivor|nurse|surgeon|worker|owner|driver|farmer|teacher)s?$",
    re.IGNORECASE,
)
_RANKS = re.compile(
    r"^(?:(?:brigadier|major|lieutenant|lt\.?|maj\.?|brig\.?)[- ]?)?(?:general|gen\.?|colonel"
    r"|col\.?)$|^(?:major|maj\.?|captain|capt\.?|admiral|adm\.?|sergeant|sgt\.?|lieutenant"
    r"|lt\.?|dr\.?|prof\.?|mr\.?|mrs\.?|ms\.?|brigadier|marshal|field|sheikh|mullah)$",
    re.IGNORECASE,
)
_QUANTIFIERS = {
    *[
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "some",
        "many",
        "one",
        "local",
        "senior",
        "other",
        "both",
        "most",
        "few",
        "dozens",
        "hundreds",
    ]
}
_PLACE_LINKS = {"of", "at", "in", "from", "near", "quoted", "by", "on"}
_NAME_GOES_ON = re.compile(
    r"(?:defen[cs]e|liberation|democratic|revolutionary|salvation|resistance|protection"
    r"|mobili[sz]ation|army|forces?|front|party|movement|council|committee|union)\b",
    re.IGNORECASE,
)
_TRAILING_MEDIA = re.compile(
    r"\s+(?:television|tv|radio|channel|satellite channel|think[- ]tank|research group"
    r"|news website|website)$",
    re.I,
)
# "PKK-linked", "Iran-backed": a descriptor before the name, not the name
DESCRIPTOR = re.compile(r"^\S+-(?:linked|backed|affiliated|aligned|allied|supported)$", re.I)
_ROLE_TAIL = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "source"}
_HEAD_OF_STATE = {"president": "President", "prime minister": "Prime Minister"}
_AT_PLACE = re.compile(
    r"^(?P<role>[^,]+?)\s+at\s+(?:the\s+)?(?P<inst>(?:\S+\s+){0,3}?(?:hospital|clinic"
    r"|medical cent(?:er|re)|school|university|prison|camp))(?:\s+(?:in|of|near)\s+.+)?$",
    re.I,
)
_TRAILING_FRAGMENT = re.compile(r"\s*\([^)]*$|\s+\((?:[^)]*)\)$|\s+(?:in|at|near)\s+.*$")
_POSSESSOR = re.compile(r"^(?:\S+\s+){0,2}?\S+(?:['’]s|s['’])\s+(?=[A-Z])")
_SOURCE_GROUP = re.compile(
    r"\b(?:officials?|residents?|survivors?|activists?|witness(?:es)?|sources?|elders?"
    r"|villagers?|relatives?|medics?|doctors?|rescuers?|workers?|members?|people|families"
    r"|civilians?|locals|authorities|police|journalists?|reporters?|staff|volunteers?"
    r"|monitors?|groups?|committees?|officers?|soldiers?|fighters?|rebels?|militants?"
    r"|gunmen|hospital|report|outlet|media|agency|ministry|spokes(?:man|woman|person)"
    r"|traders?|shopkeepers?|farmers?|teachers?|drivers?|men|women|mothers?|fathers?"
    r"|partners|leaders)\b",
    re.IGNORECASE,
)


def institution(cleaned: str) -> tuple[str, ActorKind, str] | None:
    """("Sudanese Armed Forces", kind, "SDN") for "Sudan's army" and the like.

    Also "An Iraqi civil defence official" (the institution of an official),
    "Somalia's information ministry" ("Somali Ministry of Information"),
    "Somalia's president" ("President of Somalia"), "Saudi Arabia" as a
    whole text ("Saudi Government") and a country's own capitalised body
    ("Iraq's Joint Operations Command" -> "Iraqi Joint Operations Command").
    """
    tokens = name_key(cleaned).split()
    found = country_prefix(tokens)
    if found is None:
        return None
    demonym, iso3, used = found
    country = tokens[: used - 1] if used > 1 and tokens[used - 1] == "s" else tokens[:used]
    rest_tokens = tokens[used:]
    if rest_tokens[:1] and rest_tokens[0] in _ARTICLE_TOKENS:
        return None
    if rest_tokens[-1:] and rest_tokens[-1] in _ROLE_TAIL and len(rest_tokens) > 1:
        rest_tokens = rest_tokens[:-1]
    rest = " ".join(rest_tokens)
    if rest in _INSTITUTIONS and not (rest in _PROPER_ONLY and _written_capitalised(cleaned, rest)):
        suffix, kind = _INSTITUTIONS[rest]
        return f"{demonym} {suffix}", kind, iso3
    is_name = " ".join(country) != demonym.lower() and used < len(tokens) + 1
    if not rest and is_name and len(cleaned.split()) == len(country):
        return f"{demonym} Government", ActorKind.government, iso3
    if rest in _HEAD_OF_STATE and tokens[used - 1 : used] == ["s"]:
        place = " ".join(w.capitalize() for w in country)
        return f"{_HEAD_OF_STATE[rest]} of {place}", ActorKind.government, iso3
    if len(rest_tokens) == 2 and rest_tokens[1] == "ministry":
        return f"{demonym} Ministry of {rest_tokens[0].capitalize()}", ActorKind.government, iso3
    possessive = re.match(r"^\S+(?:\s\S+)?['’]s\s+(?P<body>.+)$", cleaned)
    body_is_generic = possessive is not None and name_key(possessive["body"]) in _INSTITUTIONS
    if (
        possessive
        and not body_is_generic
        and all(w[:1].isupper() for w in possessive["body"].split())
    ):
        return f"{demonym} {possessive['body']}", ActorKind.unknown, iso3
    return None


_ARTICLE_TOKENS = {"the", "a", "an"}
# "Lebanon's Civil Defence" is a name of its own, kept as written (trimmed_name);
# "an Iraqi civil defence official" is an official of the country's civil defence
_PROPER_ONLY = {"civil defence", "civil defense"}


def _written_capitalised(cleaned: str, rest: str) -> bool:
    at = name_key(cleaned).rfind(rest)
    words = [w for w in cleaned.split() if name_key(w) in rest.split()]
    return at >= 0 and all(w[:1].isupper() for w in words)


def at_institution(cleaned: str) -> tuple[str, str] | None:
    """("Al-Jumhuri Hospital", "doctor") for "A doctor at the Al-Jumhuri hospital in Saada city";
    "A medical official at Marib's general hospital" -> "Marib General Hospital"."""
    m = _AT_PLACE.match(cleaned)
    if m is None:
        return None
    words = m["inst"].split()
    if not any(w[:1].isupper() for w in words) or words[0].lower() in ("a", "an"):
        return None
    words = [re.sub(r"['’]s$", "", w) for w in words]
    name = " ".join(w if w[:1].isupper() else w.capitalize() for w in words)
    role = re.sub(r"^(?:a|an|the|one)\s+", "", m["role"], flags=re.I)
    return name, role


def _is_name_word(word: str) -> bool:
    bare = word.strip(",.;:\"'“”()")
    if not bare:
        return False
    head = bare.split("-")[0].lower()
    if head in _PARTICLES and "-" in bare:
        return bare.split("-")[-1][:1].isupper()
    return (
        bare[:1].isupper()
        and not _ORG_WORDS.match(bare)
        and not _RANKS.match(bare)
        and not _ROLE_WORD.match(bare)
    )


def _looks_personal(words: list[str]) -> bool:
    names = [w for w in words if w.lower() not in _PARTICLES or w[:1].isupper()]
    return 2 <= len(names) <= 5 and all(_is_name_word(w) for w in names)


def is_personal_name(cleaned: str) -> bool:
    """Whether ``cleaned`` is a personal name alone ("Anders Holmqvist"), no descriptor."""
    return _looks_personal(cleaned.split())


def person(cleaned: str) -> tuple[str, str | None] | None:
    """(name, role as written) when ``cleaned`` is a personal name with descriptors."""
    if "," in cleaned:
        left, right = (p.strip() for p in cleaned.split(",", 1))
        if left and right:
            if _looks_personal(left.split()) and not _looks_personal(right.split()):
                return left, right
            right_words = [w for w in right.split() if not _RANKS.match(w)]
            if _looks_personal(right_words):
                return " ".join(right_words), left
    words = cleaned.split()
    start = len(words)
    while start > 0 and (_is_name_word(words[start - 1]) or words[start - 1].lower() in _PARTICLES):
        start -= 1
    name_words = words[start:]
    before = words[:start]
    titles = []
    while before and _RANKS.match(before[-1]):
        titles.insert(0, before.pop())
    if not before or not _looks_personal(name_words):
        return None
    if before[-1].lower() in _LINKS:
        return None  # "Syrian Network for Human Rights": a name's tail, not a person
    if not (before[-1][:1].islower() or _ROLE_WORD.match(before[-1])):
        return None
    return " ".join(name_words), " ".join([*before, *titles])


def trimmed_name(cleaned: str) -> str | None:
    """The capitalised name in ``cleaned`` without possessor, descriptors and fragments."""
    possessor = _POSSESSOR.match(cleaned)
    text = cleaned
    if possessor and not _NAME_GOES_ON.match(cleaned[possessor.end() :]):
        text = cleaned[possessor.end() :]  # "rebels' Al-Masirah", not "Kanbalu People's Defence"
    words = text.split()
    while len(words) > 1 and DESCRIPTOR.match(words[0]) and words[1][:1].isupper():
        words = words[1:]  # "The PKK-linked Sinjar Resistance Units"
    while len(words) > 1 and words[0][:1].islower() and any(w[:1].isupper() for w in words[1:]):
        if words[0].lower() in _PLACE_LINKS:
            return None  # "A resident of Laman village": a person at a place
        words = words[1:]
    text = " ".join(words)
    text = _TRAILING_FRAGMENT.sub("", text)
    text = _TRAILING_MEDIA.sub("", text).strip(" ,;:")
    text = text.strip(_QUOTE_MARKS).strip()  # "le collectif « Justice pour X »": the name quoted
    return text if text and text != cleaned else None


_QUOTE_MARKS = " «»“”„‟\"'‹›"


def is_source_group(cleaned: str) -> bool:
    """Whether ``cleaned`` is a group or unnamed officials of no named body.

    Only the words before a place ("residents of Hodeidah") count.
    """
    words = cleaned.split()
    at = next((n for n, w in enumerate(words) if w.lower() in _PLACE_LINKS), len(words))
    words = words[:at]
    cleaned = " ".join(words)
    if not words or not _SOURCE_GROUP.search(cleaned):
        return False
    parts = re.split(r"\s+and\s+", cleaned)
    if (  # "Civil defence officials and other humanitarian aid workers"
        len(parts) > 1
        and all(_SOURCE_GROUP.search(p) for p in parts)
        and is_source_group(parts[-1])
    ):
        return True
    return not any(
        word[:1].isupper()
        and not country_of(name_key(word))
        # "Survivors", "Two elders", not "Amaq news agency"
        and (n > 0 or not (_SOURCE_GROUP.fullmatch(word) or word.lower() in _QUANTIFIERS))
        for n, word in enumerate(words)
    )


_MISSION = re.compile(
    r"^(?P<country>.+?)['’]s\s+(?:permanent\s+)?mission\s+to\s+the\s+(?:UN|U\.N\.|United Nations)"
    r"(?:\s+in\s+(?P<city>[A-Z][\w-]+))?$",
    re.IGNORECASE,
)


def mission(cleaned: str) -> tuple[str, str] | None:
    """("Russian Permanent Mission in Geneva", "RUS") for "Russia's mission to the UN in Geneva"."""
    m = _MISSION.match(cleaned)
    if m is None:
        return None
    found = country_prefix(name_key(m["country"]).split())
    if found is None:
        return None
    demonym, iso3, _ = found
    where = f" in {m['city']}" if m["city"] else ""
    return f"{demonym} Permanent Mission{where}", iso3
