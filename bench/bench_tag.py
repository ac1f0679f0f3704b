"""Throughput and memory of `rasd tag` on one core.

Runs `run_tag` (read CoNLL, tag, write `token<TAB>tag`) over a CoNLL file and
prints tokens per second (by wall clock and by the process's CPU time, which
a machine shared with other jobs inflates less) and the peak resident memory
of the process. With
no file given it uses the NER dev split (the last 12% of ANERcorp train from
../shared, see scripts/ner_data.py), written to a temporary file.

    python bench/bench_tag.py [FILE.conll] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dev_split_file() -> Path:
    """The dev split as a temporary CoNLL file."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import ner_data  # a script module, importable once scripts/ is on the path

    from rasd.ner.conll import write_tagged

    _train, dev = ner_data.split(ner_data.load_anercorp(), ner_data.DEV_FRACTION["anercorp"])
    tmp = tempfile.NamedTemporaryFile("w", suffix=".conll", delete=False, encoding="utf-8")
    with tmp:
        write_tagged(tmp, ((s.tokens, s.tags or []) for s in dev))
    return Path(tmp.name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs (the best is reported)")
    args = ap.parse_args()

    from rasd.ner.commands import run_tag
    from rasd.ner.tagger import load_tagger

    path = args.file or dev_split_file()
    text = path.read_text(encoding="utf-8-sig")
    tokens = sum(1 for line in text.splitlines() if line.strip())

    t0 = time.perf_counter()
    load_tagger()
    load_s = time.perf_counter() - t0

    wall, cpu = [], []
    for _ in range(args.repeat):
        out = io.StringIO()
        w0, c0 = time.perf_counter(), time.process_time()
        run_tag(io.StringIO(text), out)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file: {path} ({tokens} tokens)")
    print(f"model load: {load_s:.2f} s")
    print(f"first run (cold word caches): {tokens / wall[0]:,.0f} tokens/s wall, {tokens / cpu[0]:,.0f} CPU")
    print(f"best of {args.repeat}: {tokens / min(wall):,.0f} tokens/s wall, {tokens / min(cpu):,.0f} CPU")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
