"""Distinct, real-looking English news prose generated from a number: the pages of the crash/resume site.

Every page of `/gen/<n>.html` must be an article the cleaners keep (over `MIN_WORDS` words, English)
and must not be a near-duplicate of any other page: near-duplicate detection compares word 3-grams,
so nearly every word of a sentence is drawn from a list and few 3-grams repeat across pages. The
words come from `random.Random(n)`, so a page is the same on every request (a resumed crawl
re-fetches the same text).
"""

from __future__ import annotations

import random

FIRST = ("Anna", "Brian", "Chloe", "David", "Elena", "Frank", "Grace", "Hassan", "Irene", "James", "Karen", "Liam",
         "Maria", "Nadia", "Oliver", "Priya", "Quentin", "Rachel", "Samuel", "Tara", "Umar", "Vera", "Walter", "Yusuf")
LAST = ("Abbott", "Baker", "Carter", "Dixon", "Ellis", "Fraser", "Gibson", "Hughes", "Irwin", "Jensen", "Kelly",
        "Lawson", "Morgan", "Nolan", "Owens", "Patel", "Quinn", "Reyes", "Shaw", "Turner", "Vaughan", "Walsh")
JOBS = ("baker", "nurse", "farmer", "teacher", "engineer", "librarian", "plumber", "councillor", "student",
        "shopkeeper", "fisherman", "architect", "pharmacist", "driver", "gardener", "carpenter", "accountant")
TOWNS = ("Ashford", "Bramley", "Carlow", "Dunmore", "Eastwick", "Fairhaven", "Glenrock", "Hollins", "Ivybridge",
         "Kestrel", "Larkfield", "Millbrook", "Northgate", "Oakhurst", "Pemberton", "Redcliffe", "Stanmore",
         "Thornbury", "Upton", "Westfield", "Yarrow", "Zennor")
ADJ = ("old", "new", "busy", "quiet", "narrow", "flooded", "crowded", "empty", "historic", "modern", "damaged",
       "popular", "costly", "temporary", "wooden", "northern", "southern", "central", "small", "large")
NOUNS = ("bridge", "library", "market", "clinic", "school", "harbour", "station", "park", "theatre", "museum",
         "bakery", "footpath", "car park", "swimming pool", "bus route", "playground", "factory", "orchard",
         "church hall", "cinema", "sports ground", "post office", "river bank", "allotment")
VERBS = ("repaired", "closed", "reopened", "extended", "painted", "inspected", "sold", "rebuilt", "moved",
         "cleaned", "expanded", "replaced", "visited", "measured", "protected", "restored")
SAYING = ("said", "argued", "explained", "complained", "admitted", "insisted", "suggested", "warned", "noted")
WHEN = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "in March", "in April", "in June",
        "in October", "last winter", "before Easter", "after the storm", "during the holidays", "next summer")
AMOUNTS = ("twelve", "forty", "sixty", "ninety", "two hundred", "three thousand", "half a million", "seven")
THINGS = ("pounds", "visitors", "volunteers", "letters", "trees", "complaints", "tickets", "families", "signatures")
FEELING = ("cautiously hopeful", "deeply worried", "rather surprised", "quite pleased", "openly angry",
           "mildly amused", "very tired", "genuinely grateful", "still unconvinced", "fairly confident")


def generated_story(n: int) -> tuple[str, list[str]]:
    """(title, paragraphs) of page `n`: about 100 words of plain news prose, unlike any other n's."""
    rng = random.Random(n)
    c = rng.choice
    town, adj, noun = c(TOWNS), c(ADJ), c(NOUNS)
    title = f"{town} {noun} {c(VERBS)} (report {n})"
    person = f"{c(FIRST)} {c(LAST)}"
    first = (f"The {adj} {noun} in {town} was {c(VERBS)} {c(WHEN)}, and {c(AMOUNTS)} {c(THINGS)} "
             f"came to see it. {person}, a {c(JOBS)} who lives near the {c(NOUNS)}, {c(SAYING)} "
             f"that she felt {c(FEELING)} about it. Report number {n} follows.")
    other = f"{c(FIRST)} {c(LAST)}"
    second = (f"Her neighbour {other}, a {c(JOBS)} from {c(TOWNS)}, {c(SAYING)} that the {c(ADJ)} "
              f"{c(NOUNS)} should be {c(VERBS)} {c(WHEN)} instead. Some {c(THINGS)} were {c(VERBS)} "
              f"{c(WHEN)}, while {c(AMOUNTS)} more {c(THINGS)} waited by the {c(ADJ)} {c(NOUNS)}.")
    third = (f"{c(FIRST)} {c(LAST)}, {c(SAYING)} the {c(JOBS)}, seemed {c(FEELING)}. The {c(ADJ)} "
             f"{c(NOUNS)} in {c(TOWNS)} will be {c(VERBS)} {c(WHEN)}, at a cost of {c(AMOUNTS)} {c(THINGS)}.")
    return title, [first, second, third]
