"""The ceiling bench/run.py measures the portal against: bare Flask answering one fixed page.

The body and its Content-Type are those of a real article page that run.py fetched from the
portal (BENCH_CEILING_BODY names the file, BENCH_CEILING_CONTENT_TYPE gives the type), so
both servers send the same bytes and only the work behind them differs. Every path answers.
"""

import os
from pathlib import Path

from flask import Flask, Response


def _read_body() -> bytes:
    """The page to send, from the file run.py wrote."""
    path = os.environ.get("BENCH_CEILING_BODY")
    if not path:
        raise RuntimeError("BENCH_CEILING_BODY must name the file holding the page to serve (bench/run.py sets it)")
    return Path(path).read_bytes()


BODY = _read_body()
CONTENT_TYPE = os.environ.get("BENCH_CEILING_CONTENT_TYPE", "text/html; charset=utf-8")

app = Flask(__name__)


@app.get("/", defaults={"path": ""})
@app.get("/<path:path>")
def page(path: str) -> Response:
    """Send the fixed page, whatever the path."""
    return Response(BODY, content_type=CONTENT_TYPE)
