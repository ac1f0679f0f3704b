"""Throughput and memory of `rasd tag` on one core, whole command and warm.

- cold: the whole command `rasd tag FILE` in a fresh process, as a user runs
  it: Python start-up, imports, model loading, reading, tagging, writing.
  Best and median of --runs, by wall clock and by the CPU time (user + sys)
  of the process, which a machine shared with other jobs inflates less;
- warm: `run_tag` in this process once the model is loaded: the first run
  (word caches cold), then the best of --repeat.

Both with the peak resident memory. With no file given it uses the NER dev
split (the last 12% of ANERcorp train from ../shared, see
scripts/ner_data.py), written to a temporary file.

    python bench/bench_tag.py [FILE.conll] [--runs N] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
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


def rasd_command() -> list[str]:
    """The `rasd` script of this environment."""
    script = Path(sys.executable).with_name("rasd")
    found = str(script) if script.exists() else shutil.which("rasd")
    if not found:
        raise SystemExit("no `rasd` command; install the package (pip install -e .)")
    return [found]


def cold_runs(path: Path, runs: int) -> tuple[list[float], list[float], float]:
    """Wall and CPU seconds of each `rasd tag` run, and the peak memory (MB) of any of them."""
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*rasd_command(), "tag", str(path)], stdout=subprocess.DEVNULL, check=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path)
    ap.add_argument("--runs", type=int, default=5, help="whole-command runs (best and median reported)")
    ap.add_argument("--repeat", type=int, default=3, help="warm runs in this process (the best is reported)")
    args = ap.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, for this process and the commands

    path = args.file or dev_split_file()
    text = path.read_text(encoding="utf-8-sig")
    tokens = sum(1 for line in text.splitlines() if line.strip() and not line.startswith("-DOCSTART-"))
    print(f"file: {path} ({tokens} tokens); load average {os.getloadavg()[0]:.1f}")

    wall, cpu, peak = cold_runs(path, args.runs)
    print(f"cold `rasd tag` (whole command), {args.runs} runs:")
    print(f"  wall {min(wall):.2f} s best, {statistics.median(wall):.2f} s median: "
          f"{tokens / min(wall):,.0f} tokens/s best")
    print(f"  CPU  {min(cpu):.2f} s best, {statistics.median(cpu):.2f} s median: "
          f"{tokens / min(cpu):,.0f} tokens/s best")
    print(f"  peak RSS {peak:.0f} MB")

    from rasd.ner.commands import run_tag
    from rasd.ner.tagger import load_tagger

    start, cpu0 = time.perf_counter(), time.process_time()
    load_tagger()
    print(f"warm: model load {time.perf_counter() - start:.2f} s wall, {time.process_time() - cpu0:.2f} s CPU")
    wall, cpu = [], []
    for _ in range(1 + args.repeat):
        out = io.StringIO()
        start, cpu0 = time.perf_counter(), time.process_time()
        run_tag(io.StringIO(text), out)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu0)
    print(f"  first run (cold word caches): {tokens / wall[0]:,.0f} tokens/s wall, {tokens / cpu[0]:,.0f} CPU")
    print(f"  best of {args.repeat}: {tokens / min(wall[1:]):,.0f} tokens/s wall, {tokens / min(cpu[1:]):,.0f} CPU")
    print(f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
