"""Chrome strings per language, and a picker that draws them for one page.

Each language is a dict of slots: `sites`, `taglines`, `nav` (section names), `home`, `here` (breadcrumb
prefix), `account` (login/register/subscribe), `search`, `heads` (sidebar headings by kind), `headlines`
(other stories, for related and most-read lists), `more` (read-more links), `ad` (ad labels), `share`,
`comment`, `prevnext` (pairs), `tags_label`, `notices` (reprint, copyright, disclaimer, source), `cookie` and
`cookie_buttons`, `newsletter`, `newsletter_button`, `email`, `footer` (links), `rights` (templates with
{year} and {site}), `policy` (heading and numbered rules), `months` and `date` (a format with {d} {m} {month}
{y}), `byline` and `names`, `posted`, `views`, `back_top`, `powered` (with {cms}), `icp` (Chinese licence lines)
and `dir` (rtl for Arabic, Hebrew and Persian).

The `dev` and `holdout` splits draw from disjoint halves of the larger pools (site names, headlines, bylines'
names, notices), so a rule tuned to the strings of one split meets other strings on the other.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .cjk import JA, KO, ZH
from .headlines import MORE_HEADLINES
from .latin_a import EN, ES, PT
from .latin_b import DE, FR, IT
from .latin_c import CS, ID
from .other import AR, HE, RU
from .persian import FA

LANGS: dict[str, dict] = {"en": EN, "es": ES, "pt": PT, "fr": FR, "de": DE, "it": IT, "id": ID, "cs": CS,
                          "ru": RU, "zh": ZH, "ja": JA, "ko": KO, "ar": AR, "he": HE, "fa": FA}
RTL = {code for code, table in LANGS.items() if table.get("dir") == "rtl"}
_SPLIT_SLOTS = {"sites", "headlines", "names", "reprint", "copyright", "disclaimer", "source"}


class Chrome:
    """Draws chrome strings of one language for one page, from the split's share of each pool."""

    def __init__(self, lang: str, split: str, rng: random.Random) -> None:
        self.lang = lang
        self.table = LANGS[lang]
        self.split = split
        self.rng = rng
        self._deck: list[str] = []

    def pool(self, slot: str, table: dict | None = None) -> list:
        values = (table or self.table)[slot]
        if slot == "headlines":
            values = values + MORE_HEADLINES[self.lang]
        if self.split in ("dev", "holdout") and slot in _SPLIT_SLOTS and len(values) >= 4:
            return values[0::2] if self.split == "dev" else values[1::2]
        return list(values)

    def pick(self, slot: str) -> str:
        return self.rng.choice(self.pool(slot))

    def sample(self, slot: str, k: int) -> list[str]:
        values = self.pool(slot)
        return self.rng.sample(values, min(k, len(values)))

    def headlines(self, k: int) -> list[str]:
        """k headlines of other stories, none repeated on the page until the split's pool is used up."""
        if len(self._deck) < k:
            fresh = self.pool("headlines")
            self.rng.shuffle(fresh)
            self._deck = [h for h in fresh if h not in self._deck] + self._deck
        drawn, self._deck = self._deck[-k:], self._deck[:-k]
        return drawn

    def heading(self, kind: str) -> str:
        return self.rng.choice(self.table["heads"][kind])

    def notice(self, kind: str) -> str:
        return self.rng.choice(self.pool(kind, self.table["notices"]))

    def date(self, day: date | None = None) -> str:
        day = day or random_day(self.rng)
        months = self.table["months"]
        return self.table["date"].format(d=day.day, m=day.month, y=day.year,
                                         month=months[day.month - 1] if months else "")

    def byline(self) -> str:
        return self.pick("byline").format(name=self.pick("names"))

    def rights(self, site: str) -> str:
        return self.pick("rights").format(year=self.rng.randint(2015, 2024), site=site)

    @property
    def rtl(self) -> bool:
        return self.lang in RTL


def random_day(rng: random.Random) -> date:
    """A day between 2016 and 2023."""
    return date(2016, 1, 1) + timedelta(days=rng.randrange(8 * 365))
