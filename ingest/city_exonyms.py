"""English names of European cities and their local names, for matching organization names across
languages: OpenAlex writes "Ghent University", CORDIS "UNIVERSITEIT GENT" in GENT.

Source: the English exonyms of Wikipedia's "List of European exonyms" (en.wikipedia.org/wiki/
List_of_European_exonyms), written out by hand for the cities that seat universities or research
bodies, not chosen from the benchmark's data. Folded and with German transliterations undone
(`ingest.org_crosswalk._word`), each name maps to the local name, which is how CORDIS writes the city.
Left out on purpose: names that are also ordinary English words ("Nice", "Split", "Bath") and
Louvain, which is Leuven in French but also Louvain-la-Neuve, the seat of another university; Åbo,
also a university's own name (Åbo Akademi) in Turku; names of more than one word.
"""

from __future__ import annotations

# English (or another language's) name -> the local name, both folded.
CITY_EXONYMS: dict[str, str] = {
    # Belgium, the Netherlands
    "ghent": "gent",
    "gand": "gent",
    "antwerp": "antwerpen",
    "anvers": "antwerpen",
    "bruges": "brugge",
    "brussels": "bruxelles",
    "brussel": "bruxelles",
    "luik": "liege",
    "mechlin": "mechelen",
    "malines": "mechelen",
    # Germany, Austria, Switzerland
    "munich": "munchen",
    "cologne": "koln",
    "nuremberg": "nurnberg",
    "hanover": "hannover",
    "brunswick": "braunschweig",
    "vienna": "wien",
    "geneva": "geneve",
    "genf": "geneve",
    "lucerne": "luzern",
    "basle": "basel",
    # Italy
    "rome": "roma",
    "milan": "milano",
    "turin": "torino",
    "naples": "napoli",
    "florence": "firenze",
    "venice": "venezia",
    "genoa": "genova",
    "padua": "padova",
    # Iberia
    "lisbon": "lisboa",
    "seville": "sevilla",
    "saragossa": "zaragoza",
    "corunna": "coruna",
    # France
    "marseilles": "marseille",
    "lyons": "lyon",
    "dunkirk": "dunkerque",
    # Nordic countries
    "copenhagen": "kobenhavn",
    "gothenburg": "goteborg",
    "elsinore": "helsingor",
    "helsingfors": "helsinki",
    # Central and Eastern Europe
    "prague": "praha",
    "warsaw": "warszawa",
    "cracow": "krakow",
    "posen": "poznan",
    "breslau": "wroclaw",
    "danzig": "gdansk",
    "bucharest": "bucuresti",
    "belgrade": "beograd",
    "kiev": "kyiv",
    "moscow": "moskva",
    "vilna": "vilnius",
    "pressburg": "bratislava",
    # Greece, Cyprus
    "athens": "athina",
    "salonica": "thessaloniki",
    "nicosia": "lefkosia",
}
