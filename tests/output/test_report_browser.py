"""The HTML report in a real browser: headless Chromium lays out every chart bar with a real size.

`make test` installs Debian's `chromium` when it runs as root (target `system-deps`, as CI does); without
it the tests are skipped with the install command, and under CI they fail. A measuring script is added to a copy of the report (the report itself has none);
Chromium runs it and `--dump-dom` returns what it measured.
"""

import json
import re
import subprocess
from html import unescape

from output.report import write_report
from output.report_data import summarize_dataset
from tests.conftest import system_binary

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1200,6000"]
MEASURE = """<pre id="measured"></pre><script>
const charts = [...document.querySelectorAll("svg.chart")].map(svg => {
  const box = svg.getBoundingClientRect();
  const bars = [...svg.querySelectorAll("rect.bar")].map(bar => {
    const r = bar.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {label: bar.dataset.label, value: +bar.dataset.value, w: r.width, h: r.height, on_top: hit === bar};
  });
  return {title: svg.getAttribute("aria-label"), w: box.width, h: box.height, bars};
});
document.getElementById("measured").textContent = JSON.stringify(charts);
</script>"""


def _chromium() -> str:
    return system_binary("chromium", "chromium-browser", package="chromium")


def _measure(html_path, tmp_path) -> list[dict]:
    probe = tmp_path / "probe.html"
    probe.write_text(html_path.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"),
                     encoding="utf-8")
    profile = tmp_path / "profile"
    done = subprocess.run([_chromium(), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", probe.as_uri()],
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stdout[:2000]
    return json.loads(unescape(found.group(1)))


def test_chromium_draws_every_chart_bar(sample, tmp_path):
    root, _, _ = sample
    out = tmp_path / "report.html"
    write_report(root, out)
    charts = {c["title"]: c for c in _measure(out, tmp_path)}
    s = summarize_dataset(root)
    expected_bars = {
        "Articles and errors per crawl day": 2 * len(s.per_day),
        "Articles per domain": len(s.per_domain),
        "Errors by stage/reason": len(s.error_reasons),
        "Articles per language": len(s.languages),
        "Articles by text length (words)": len(s.lengths),
        "Removed blocks by kind": len(s.removed_by_kind),
        "Duplicate groups by size": len(s.dup_group_sizes),
    }
    for title, count in expected_bars.items():
        chart = charts[title]
        assert chart["w"] > 200 and chart["h"] > 20, title
        assert len(chart["bars"]) == count, title
        for bar in chart["bars"]:
            if bar["value"]:
                assert bar["w"] > 0 and bar["h"] > 0 and bar["on_top"], (title, bar)
            else:
                assert bar["w"] * bar["h"] == 0, (title, bar)
    # bar lengths follow the values: the largest domain's bar is the longest
    domains = charts["Articles per domain"]["bars"]
    assert max(domains, key=lambda b: b["w"])["label"] == s.per_domain[0][0]
    heights = {b["label"]: b["h"] for b in charts["Articles and errors per crawl day"]["bars"]}
    for day, articles, errors in s.per_day:
        assert (heights[f"{day} articles"] > heights[f"{day} errors"]) == (articles > errors)


def test_chromium_screenshot_is_not_blank(sample, tmp_path):
    root, _, _ = sample
    out = tmp_path / "report.html"
    write_report(root, out)
    shot = tmp_path / "shot.png"
    done = subprocess.run([_chromium(), *FLAGS[:-1], "--window-size=1000,900", f"--user-data-dir={tmp_path / 'p'}",
                           f"--screenshot={shot}", out.as_uri()], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    # the bar colours of the articles and errors series are on screen, not only white page and text
    bar_colours = {(0x2B, 0x6C, 0xB0), (0xC5, 0x30, 0x30)}
    assert _png_colours(shot.read_bytes(), stop_when_seen=bar_colours) >= bar_colours


def _png_colours(data: bytes, stop_when_seen: set) -> set[tuple[int, int, int]]:
    """RGB colours of an 8-bit RGB/RGBA PNG (what Chromium writes), decoded row by row with zlib only.

    Stops at the first row where all of `stop_when_seen` have appeared: pure-Python decoding is slow.
    """
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, _, depth, colour_type = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    colours = set()
    for y in range(len(raw) // (stride + 1)):
        filt, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if filt == 1:
                line[i] = (line[i] + a) & 255
            elif filt == 2:
                line[i] = (line[i] + b) & 255
            elif filt == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(tuple(line[x:x + 3]) for x in range(0, stride, channels))
        if stop_when_seen <= colours:
            break
        prev = line
    return colours
