"""Demonyms and country names of the world's countries, with ISO 3166 alpha-3 codes.

"Sudanese" and "Sudan" both give ("Sudanese", "SDN"): the demonym names a
country's generic institutions ("Sudanese Armed Forces", "Lebanese Ministry
of Public Health") whichever way the text writes the country.
"""

from __future__ import annotations

from functools import lru_cache

# demonym, ISO alpha-3, country names as written (lowercase)
_TABLE: list[tuple[str, str, tuple[str, ...]]] = [
    ("Afghan", "AFG", ("afghanistan",)),
    ("Albanian", "ALB", ("albania",)),
    ("Algerian", "DZA", ("algeria",)),
    ("Angolan", "AGO", ("angola",)),
    ("Argentine", "ARG", ("argentina",)),
    ("Armenian", "ARM", ("armenia",)),
    ("Australian", "AUS", ("australia",)),
    ("Austrian", "AUT", ("austria",)),
    ("Azerbaijani", "AZE", ("azerbaijan",)),
    ("Bahraini", "BHR", ("bahrain",)),
    ("Bangladeshi", "BGD", ("bangladesh",)),
    ("Belarusian", "BLR", ("belarus",)),
    ("Belgian", "BEL", ("belgium",)),
    ("Beninese", "BEN", ("benin",)),
    ("Bolivian", "BOL", ("bolivia",)),
    ("Bosnian", "BIH", ("bosnia", "bosnia and herzegovina")),
    ("Brazilian", "BRA", ("brazil",)),
    ("UK", "GBR", ("british", "britain", "united kingdom", "uk", "great britain")),
    ("Bulgarian", "BGR", ("bulgaria",)),
    ("Burkinabe", "BFA", ("burkina faso", "burkina")),
    ("Burundian", "BDI", ("burundi",)),
    ("Cambodian", "KHM", ("cambodia",)),
    ("Cameroonian", "CMR", ("cameroon",)),
    ("Canadian", "CAN", ("canada",)),
    ("Central African", "CAF", ("central african republic",)),
    ("Chadian", "TCD", ("chad",)),
    ("Chilean", "CHL", ("chile",)),
    ("Chinese", "CHN", ("china",)),
    ("Colombian", "COL", ("colombia",)),
    ("Congolese", "COD", ("congo", "democratic republic of congo", "drc", "dr congo")),
    ("Croatian", "HRV", ("croatia",)),
    ("Cuban", "CUB", ("cuba",)),
    ("Cypriot", "CYP", ("cyprus",)),
    ("Czech", "CZE", ("czech republic", "czechia")),
    ("Danish", "DNK", ("denmark",)),
    ("Djiboutian", "DJI", ("djibouti",)),
    ("Dutch", "NLD", ("netherlands", "holland")),
    ("Ecuadorian", "ECU", ("ecuador",)),
    ("Egyptian", "EGY", ("egypt",)),
    ("Emirati", "ARE", ("uae", "united arab emirates")),
    ("Eritrean", "ERI", ("eritrea",)),
    ("Estonian", "EST", ("estonia",)),
    ("Ethiopian", "ETH", ("ethiopia",)),
    ("Finnish", "FIN", ("finland",)),
    ("French", "FRA", ("france",)),
    ("Georgian", "GEO", ("georgia",)),
    ("German", "DEU", ("germany",)),
    ("Ghanaian", "GHA", ("ghana",)),
    ("Greek", "GRC", ("greece",)),
    ("Guatemalan", "GTM", ("guatemala",)),
    ("Guinean", "GIN", ("guinea",)),
    ("Haitian", "HTI", ("haiti",)),
    ("Honduran", "HND", ("honduras",)),
    ("Hungarian", "HUN", ("hungary",)),
    ("Indian", "IND", ("india",)),
    ("Indonesian", "IDN", ("indonesia",)),
    ("Iranian", "IRN", ("iran",)),
    ("Iraqi", "IRQ", ("iraq",)),
    ("Irish", "IRL", ("ireland",)),
    ("Israeli", "ISR", ("israel",)),
    ("Italian", "ITA", ("italy",)),
    ("Ivorian", "CIV", ("ivory coast", "cote d'ivoire")),
    ("Japanese", "JPN", ("japan",)),
    ("Jordanian", "JOR", ("jordan",)),
    ("Kazakh", "KAZ", ("kazakhstan",)),
    ("Kenyan", "KEN", ("kenya",)),
    ("Kosovar", "XKX", ("kosovo",)),
    ("Kuwaiti", "KWT", ("kuwait",)),
    ("Kyrgyz", "KGZ", ("kyrgyzstan",)),
    ("Lao", "LAO", ("laos",)),
    ("Latvian", "LVA", ("latvia",)),
    ("Lebanese", "LBN", ("lebanon",)),
    ("Liberian", "LBR", ("liberia",)),
    ("Libyan", "LBY", ("libya",)),
    ("Lithuanian", "LTU", ("lithuania",)),
    ("Malagasy", "MDG", ("madagascar",)),
    ("Malawian", "MWI", ("malawi",)),
    ("Malaysian", "MYS", ("malaysia",)),
    ("Malian", "MLI", ("mali",)),
    ("Mauritanian", "MRT", ("mauritania",)),
    ("Mexican", "MEX", ("mexico",)),
    ("Moldovan", "MDA", ("moldova",)),
    ("Mongolian", "MNG", ("mongolia",)),
    ("Montenegrin", "MNE", ("montenegro",)),
    ("Moroccan", "MAR", ("morocco",)),
    ("Mozambican", "MOZ", ("mozambique",)),
    ("Myanmar", "MMR", ("myanmar", "burma")),
    ("Namibian", "NAM", ("namibia",)),
    ("Nepali", "NPL", ("nepal",)),
    ("New Zealand", "NZL", ("new zealand",)),
    ("Nicaraguan", "NIC", ("nicaragua",)),
    ("Nigerien", "NER", ("niger",)),
    ("Nigerian", "NGA", ("nigeria",)),
    ("North Korean", "PRK", ("north korea",)),
    ("Norwegian", "NOR", ("norway",)),
    ("Omani", "OMN", ("oman",)),
    ("Pakistani", "PAK", ("pakistan",)),
    ("Palestinian", "PSE", ("palestine",)),
    ("Panamanian", "PAN", ("panama",)),
    ("Peruvian", "PER", ("peru",)),
    ("Philippine", "PHL", ("philippines",)),
    ("Polish", "POL", ("poland",)),
    ("Portuguese", "PRT", ("portugal",)),
    ("Qatari", "QAT", ("qatar",)),
    ("Romanian", "ROU", ("romania",)),
    ("Russian", "RUS", ("russia",)),
    ("Rwandan", "RWA", ("rwanda",)),
    ("Saudi", "SAU", ("saudi arabia",)),
    ("Senegalese", "SEN", ("senegal",)),
    ("Serbian", "SRB", ("serbia",)),
    ("Sierra Leonean", "SLE", ("sierra leone",)),
    ("Slovak", "SVK", ("slovakia",)),
    ("Somali", "SOM", ("somalia",)),
    ("South African", "ZAF", ("south africa",)),
    ("South Korean", "KOR", ("south korea",)),
    ("South Sudanese", "SSD", ("south sudan",)),
    ("Spanish", "ESP", ("spain",)),
    ("Sri Lankan", "LKA", ("sri lanka",)),
    ("Sudanese", "SDN", ("sudan",)),
    ("Swedish", "SWE", ("sweden",)),
    ("Swiss", "CHE", ("switzerland",)),
    ("Syrian", "SYR", ("syria",)),
    ("Taiwanese", "TWN", ("taiwan",)),
    ("Tajik", "TJK", ("tajikistan",)),
    ("Tanzanian", "TZA", ("tanzania",)),
    ("Thai", "THA", ("thailand",)),
    ("Togolese", "TGO", ("togo",)),
    ("Tunisian", "TUN", ("tunisia",)),
    ("Turkish", "TUR", ("turkey", "turkiye")),
    ("Turkmen", "TKM", ("turkmenistan",)),
    ("Ugandan", "UGA", ("uganda",)),
    ("Ukrainian", "UKR", ("ukraine",)),
    ("United States", "USA", ("american", "us", "u s", "united states", "america", "usa")),
    ("Uruguayan", "URY", ("uruguay",)),
    ("Uzbek", "UZB", ("uzbekistan",)),
    ("Venezuelan", "VEN", ("venezuela",)),
    ("Vietnamese", "VNM", ("vietnam",)),
    ("Yemeni", "YEM", ("yemen",)),
    ("Zambian", "ZMB", ("zambia",)),
    ("Zimbabwean", "ZWE", ("zimbabwe",)),
]


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[str, str]], int]:
    index: dict[str, tuple[str, str]] = {}
    for demonym, iso3, names in _TABLE:
        for written in (demonym.lower(), *names):
            index.setdefault(written, (demonym, iso3))
    return index, max(len(k.split()) for k in index)


def country_prefix(tokens: list[str]) -> tuple[str, str, int] | None:
    """(demonym, ISO alpha-3, tokens used) for lowercase ``tokens`` that start with a country.

    A country name may carry a possessive "s" token ("sudan s army").
    """
    index, longest = _index()
    for n in range(min(longest, len(tokens)), 0, -1):
        found = index.get(" ".join(tokens[:n]))
        if found:
            used = n + 1 if n < len(tokens) and tokens[n] == "s" else n
            return found[0], found[1], used
    return None


def country_of(word: str) -> str | None:
    """The ISO alpha-3 code of a lowercase demonym or country name, else None."""
    found = _index()[0].get(word)
    return found[1] if found else None


def demonym_of(iso3: str) -> str | None:
    """The demonym of a country by its ISO alpha-3 code ("RUS" -> "Russian"), else None."""
    return next((d for d, code, _ in _TABLE if code == iso3), None)


@lru_cache(maxsize=1)
def demonyms() -> tuple[str, ...]:
    """Every country's demonym as an adjective ("Sudanese", "Israeli", "British"), longest
    first. The table names two countries' institutions by the country ("UK", "United
    States"); their adjectives are among its written forms."""
    adjectives = {"UK": "British", "United States": "American"}
    return tuple(sorted({adjectives.get(d, d) for d, _, _ in _TABLE}, key=len, reverse=True))
