"""domain_of: the `domain` column, the host of the final URL as an analyst groups by it."""

from __future__ import annotations

import pytest

from crawler.items import domain_of


@pytest.mark.parametrize(("url", "domain"), [
    ("https://www.example.org/news/1", "example.org"),
    ("http://WWW.Example.ORG:8080/x", "example.org"),  # lower case, no port
    ("https://www2.example.org/", "www2.example.org"),  # only a leading "www." label goes
    ("https://news.www.example.org/", "news.www.example.org"),
    ("http://127.0.0.1:8000/a", "127.0.0.1"),
    ("http://[::1]:8080/a", "::1"),
    ("not a url at all", None),
])
def test_domain_is_the_lower_case_host_without_port_or_leading_www(url, domain):
    assert domain_of(url) == domain
