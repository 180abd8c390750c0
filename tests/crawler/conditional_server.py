"""A `SampleServer` that also speaks ETag / If-None-Match and logs each request's headers.

Python's static handler already sends Last-Modified and answers If-Modified-Since with 304 (when
no If-None-Match is sent); this adds a strong ETag (hash of the file) so the scheduled-crawl tests
can watch conditional requests in `log` and change a page server-side between runs.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.cli.sample_server import SampleServer, _Handler


@dataclass(frozen=True)
class Logged:
    """One request as the server saw it: path (with query) and headers."""

    path: str
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        """A request header, case-insensitive."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


class _ConditionalHandler(_Handler):
    server: ConditionalServer
    _etag: str | None = None

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        self.server.log.append(Logged(self.path, dict(self.headers.items())))
        super().do_GET()

    def send_head(self) -> Any:
        """Answer 304 when If-None-Match names the file's current ETag; otherwise serve it with one."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            self._etag = '"' + hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest() + '"'
            wanted = self.headers.get("If-None-Match")
            if wanted and self._etag in [t.strip() for t in wanted.split(",")]:
                self.send_response(304)
                self.end_headers()
                return None
        return super().send_head()

    def end_headers(self) -> None:
        if self._etag:
            self.send_header("ETag", self._etag)
        super().end_headers()


class ConditionalServer(SampleServer):
    """SampleServer with ETags and a header log (`log`); `requests` (paths) works as before."""

    def __init__(self, root: str | Path, **kwargs: Any):
        super().__init__(root, **kwargs)
        self.RequestHandlerClass = functools.partial(_ConditionalHandler, directory=str(root))
        self.log: list[Logged] = []

    def fetched(self, path: str) -> list[Logged]:
        """Requests whose path (query included) starts with `path`."""
        return [r for r in self.log if r.path.startswith(path)]


def render_site(template: Path, dest: Path, base_url: str) -> None:
    """Copy a template site, replacing `{{BASE}}` with the server's address in text files.

    Files under `_gzip/` are rendered, gzipped and placed at the root as `NAME.gz`, so a test site
    can hold a gzipped sitemap whose URLs name a port chosen at run time.
    """
    for src in sorted(template.rglob("*")):
        if src.is_dir():
            continue
        rel = src.relative_to(template)
        data = src.read_bytes()
        if src.suffix in (".html", ".xml", ".txt", ".rss", ".atom", ".toml"):
            data = data.replace(b"{{BASE}}", base_url.encode())
        if rel.parts[0] == "_gzip":
            out = dest.joinpath(*rel.parts[1:]).with_name(rel.name + ".gz")
            data = gzip.compress(data, mtime=0)
        else:
            out = dest / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        shutil.copystat(src, out)
