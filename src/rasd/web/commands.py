"""`rasd serve`: the API and the web page on a local port (uvicorn).

`add_commands(subparsers)` registers it on the `rasd` parser.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from rasd.store import DEFAULT_DB, is_postgres


def add_commands(subparsers: Any) -> None:
    """Add `serve` to the `rasd` parser's subparsers."""
    s = subparsers.add_parser("serve", help="the HTTP API (/api, docs at /docs) and the web page (/)")
    s.add_argument("--db", default=os.environ.get("RASD_DB", DEFAULT_DB),
                   help=f"store: a SQLite file or a postgresql:// URL (default: $RASD_DB or ./{DEFAULT_DB})")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from rasd.web.app import Settings, create_app

    settings = Settings.from_env(args.db)
    if not is_postgres(args.db) and not os.path.exists(args.db):
        print(f"rasd: no store at {args.db} yet: the analyze page works; `rasd ingest PATH --db {args.db}` "
              "or POST /api/articles creates it", file=sys.stderr)
    if settings.api_key is None and args.host not in ("127.0.0.1", "localhost", "::1"):
        print("rasd: warning: listening beyond this machine with no RASD_API_KEY: anyone can add articles",
              file=sys.stderr)
    print(f"rasd: serving on http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    return 0
