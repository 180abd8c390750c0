"""The writer never makes pyarrow import pandas to convert rows; pandas still works when asked for."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

_PROBE = """
import json, sys
from datetime import UTC, datetime
from cleaners.article import Article
from output import DatasetWriter
out = sys.argv[1]
with DatasetWriter(out, job="t") as writer:
    for i in range(3):
        writer.write(Article(url=f"http://127.0.0.1/{i}", fetched_at=datetime(2026, 3, 1, tzinfo=UTC), text=f"Body {i}",
                             removed={"notice": i}, content_hash=f"h{i}", job="t", pipeline_version="0").to_dict())
after_writing = "pandas" in sys.modules
import pyarrow.parquet as pq
frame = pq.read_table(writer.files_written[0]).to_pandas()  # an API that needs pandas imports it
import pandas as pd
import pyarrow as pa
series = pa.array(pd.Series([1.5, None, 3.0]))  # a pandas object given to pa.array is still converted as one
print(json.dumps({"after_writing": after_writing, "texts": list(frame["text"]), "series": series.to_pylist(),
                  "series_nulls": series.null_count}))
"""


def test_writing_rows_does_not_load_pandas_and_pandas_apis_still_work(tmp_path):
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path)], capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    got = json.loads(proc.stdout)
    assert got["after_writing"] is False
    assert got["texts"] == ["Body 0", "Body 1", "Body 2"]
    assert got["series"] == [1.5, None, 3.0] and got["series_nulls"] == 1
