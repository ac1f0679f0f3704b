"""Batch analysis on Dask: partitions, equality with `rasd analyze`, workers and whole batches killed, resume."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd import cli
from rasd.batch.analyze import analyze_batch
from rasd.batch.output import MANIFEST, _parse_ranges, _ranges, locked
from rasd.batch.plan import Failure, Lines, PartitionReader, input_files, lines_items, plan_partitions
from rasd.errors import InputError, RasdError
from rasd.ingest import Record, read_path
from rasd.store.postgres import scratch_schema

CHEAP = ["text", "time"]  # enough to exercise the mechanics; one test runs the whole pipeline
SENTENCES = [
    "بحث الرئيس الروسي ديمتري ميدفيديف أمس في موسكو مع الرئيس الكازاخستاني نور سلطان نزارباييف سبل تعزيز التعاون.",
    "وقال وزير الخارجية السعودي في مؤتمر صحافي يوم الثلاثاء إن المحادثات كانت مثمرة.",
    "وأعلنت وزارة الداخلية القبض على 12 شخصا في الرياض خلال الأسبوع الماضي.",
    "ومن المقرر أن يعقد مجلس الأمن اجتماعا طارئا في نيويورك الأسبوع المقبل لمناقشة الأزمة.",
    "وأكد المتحدث باسم الحكومة أن المملكة ستواصل دعم الجهود الدولية لإحلال السلام في اليمن.",
    "وارتفعت أسعار النفط بنسبة 3 في المئة في 15 مارس 2015 بعد تراجع المخزونات الأمريكية.",
    "وندد الأمين العام للجامعة العربية بالهجوم الذي استهدف مسجدا في الكويت يوم الجمعة.",
    "ووقع البلدان عشر اتفاقيات في مجالات الطاقة والنقل والتعليم خلال الزيارة التي استمرت ثلاثة أيام.",
]


def article(i: int) -> dict:
    body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in (0, 3, 5))
    return {"id": f"a{i:05d}", "title": SENTENCES[i % len(SENTENCES)][:40].strip(),
            "text": f"{body} وبلغ عدد المشاركين {i + 7} مشاركا.", "date": f"2015-0{1 + i % 9}-1{i % 10}"}


def write_jsonl(path: Path, n: int, bad: dict[int, str] | None = None, start: int = 0) -> Path:
    """`n` articles, one per line; `bad` replaces some lines (by 0-based index) with broken ones."""
    lines = [json.dumps(article(start + i), ensure_ascii=False) for i in range(n)]
    for i, line in (bad or {}).items():
        lines[i] = line
    data = "\n".join(lines) + "\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data.encode()))
    else:
        path.write_text(data, encoding="utf-8")
    return path


BAD_LINES = {3: "{not json", 11: json.dumps({"id": "empty", "text": ""}), 12: "",
             17: json.dumps({"id": "when", "text": "خبر قصير", "published": "2015-13-45"})}


def reference(*paths: str | Path, stages: list[str] = CHEAP) -> str:
    """What `rasd analyze --format jsonl` prints for the inputs."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        cli.main(["analyze", "--only", ",".join(stages), "--format", "jsonl", *map(str, paths)])
    return out.getvalue()


def batch_output(out: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("part-*.jsonl")))


# --- partitions (no cluster) -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz"])
def test_jsonl_is_cut_every_n_lines_and_the_pieces_rebuild_the_file(tmp_path, name):
    path = write_jsonl(tmp_path / name, 23, BAD_LINES)
    if name.endswith(".jsonl"):  # a last line without its newline is still a line
        path.write_bytes(path.read_bytes().rstrip(b"\n"))
    plan = plan_partitions([str(path)], 5)
    assert [p.weight for p in plan] == [5, 5, 5, 5, 3]
    assert [p.chunks[0].first_line for p in plan] == [1, 6, 11, 16, 21]
    with PartitionReader() as reader:
        pieces = [reader.read(p) for p in plan]
    assert all(len(items) == 1 and isinstance(items[0], Lines) for items in pieces)
    raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    assert b"".join(items[0].data for items in pieces) == raw
    assert [len(items[0].data.splitlines()) for items in pieces] == [5, 5, 5, 5, 3]


def test_small_files_are_packed_in_input_order(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(7):
        (folder / f"{i:02d}.txt").write_text(f"عنوان الخبر {i}\n\n{SENTENCES[i]}", encoding="utf-8")
    (folder / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    (folder / "notes.md").write_text("# not an article", encoding="utf-8")
    write_jsonl(folder / "z.jsonl", 4)
    plan = plan_partitions(input_files([str(folder)]), 3)
    layout = [[(Path(c.path).name, c.weight) for c in p.chunks] for p in plan]
    assert layout == [[("00.txt", 1), ("01.txt", 1), ("02.txt", 1)], [("03.txt", 1), ("04.txt", 1), ("05.txt", 1)],
                      [("06.txt", 1)], [("z.jsonl", 3)], [("z.jsonl", 1)]]


def test_missing_input_and_stdin_are_refused_before_any_work(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        input_files([str(tmp_path / "nope.jsonl")])
    with pytest.raises(InputError, match="standard input"):
        input_files(["-"])


def test_errors_in_a_later_partition_name_the_line_of_the_file(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", 20, BAD_LINES)
    plan = plan_partitions([str(path)], 10)
    with PartitionReader() as reader:
        second = reader.read(plan[1])
    found = [item.error for item in lines_items(second[0]) if isinstance(item, Failure)]
    expected = [str(r.error) for r in read_path(path) if isinstance(r, Record) and r.error.line > 10]
    assert found == expected and len(found) == 2 and "in.jsonl:12:" in found[0]


def test_a_folder_in_use_by_another_batch_is_refused(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", 3)
    (tmp_path / "out").mkdir()
    with locked(tmp_path / "out"), pytest.raises(RasdError, match="another batch is running"):
        analyze_batch([str(path)], tmp_path / "out", stages=CHEAP)


def test_done_partitions_are_stored_as_ranges():
    done = {0, 1, 2, 3, 7, 9, 10, 11, 40}
    assert _ranges(done) == "0-3,7,9-11,40"
    assert _parse_ranges(_ranges(done)) == done and _parse_ranges("") == set()


# --- on a cluster ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """A real Dask cluster of two worker processes, shared by the tests below."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def run_batch(inputs: list[Path], out: Path, cluster, **options) -> object:
    options.setdefault("stages", CHEAP)
    return analyze_batch([str(p) for p in inputs], out, scheduler=cluster.scheduler_address,
                         report=lambda message: None, **options)


def test_batch_writes_what_rasd_analyze_prints_article_by_article(tmp_path, cluster):
    pytest.importorskip("pyarrow")
    import pyarrow.dataset as ds

    jsonl = write_jsonl(tmp_path / "a.jsonl", 40, BAD_LINES)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "seed-like.txt").write_text("وزير الخارجية يزور موسكو\n\nTT\n\n" + SENTENCES[0], encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    (folder / "page.html").write_text(f"<html><head><title>خبر</title></head><body><p>{SENTENCES[1]}</p></body>"
                                      "</html>", encoding="utf-8")
    summary = run_batch([jsonl, folder], tmp_path / "out", cluster, partition_size=7)
    expected = reference(jsonl, folder)
    assert summary.complete and summary.partitions == 7 and summary.errors == 4
    assert batch_output(tmp_path / "out") == expected
    errors = [json.loads(line) for line in expected.splitlines() if '"error"' in line[:200]]
    assert [e["id"] for e in errors] == [None, "empty", "when", None]
    assert "a.jsonl:4:" in errors[0]["error"] and "broken.txt" in errors[3]["error"]

    run_batch([jsonl, folder], tmp_path / "pq", cluster, partition_size=7, fmt="parquet")
    table = ds.dataset(tmp_path / "pq", format="parquet").to_table()
    expected_docs = [json.loads(line) for line in expected.splitlines()]
    assert table.column("id").to_pylist() == [d["id"] for d in expected_docs]
    assert [json.loads(d) if d else None for d in table.column("document").to_pylist()] == [
        None if "error" in d else d for d in expected_docs]
    assert table.column("error").to_pylist()[3].startswith(str(jsonl))


def test_gzip_input_gives_the_same_documents(tmp_path, cluster):
    plain = write_jsonl(tmp_path / "d.jsonl", 30)
    packed = write_jsonl(tmp_path / "d.jsonl.gz", 30)
    run_batch([packed], tmp_path / "out", cluster, partition_size=8, published=None)
    assert batch_output(tmp_path / "out") == reference(plain)


def test_a_worker_killed_midway_loses_and_repeats_nothing(tmp_path, cluster):
    from distributed import Client

    path = write_jsonl(tmp_path / "big.jsonl", 600)
    out = tmp_path / "out"
    with Client(cluster) as client:
        before = client.run(os.getpid)
    victim = min(before.values())
    done_at_kill: list[int] = []

    def kill_when_started() -> None:
        deadline = time.monotonic() + 60
        while not any(out.glob("part-*")) and time.monotonic() < deadline:
            time.sleep(0.01)
        done_at_kill.append(len(list(out.glob("part-*"))))
        os.kill(victim, signal.SIGKILL)

    killer = threading.Thread(target=kill_when_started)
    killer.start()
    summary = run_batch([path], out, cluster, partition_size=6)
    killer.join()
    assert done_at_kill and 0 < done_at_kill[0] < summary.partitions == 100
    assert summary.complete and not summary.failed and summary.articles == 600
    lines = batch_output(out).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f"a{i:05d}" for i in range(600)]
    assert "\n".join(lines) + "\n" == reference(path)
    with Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)
        assert victim not in client.run(os.getpid).values()  # the nanny started a new worker process


def test_whole_batch_killed_then_rerun_gives_exactly_the_clean_result(tmp_path, cluster):
    path = write_jsonl(tmp_path / "big.jsonl", 900, {5: "{broken"})
    out = tmp_path / "out"
    script = ("from rasd.batch.analyze import analyze_batch\n"
              f"analyze_batch([{str(path)!r}], {str(out)!r}, workers=2, partition_size=6, stages={CHEAP!r})\n")
    proc = subprocess.Popen([sys.executable, "-c", script], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(list(out.glob("part-*"))) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client and its worker processes, as a crash would
        proc.wait()
    manifest = json.loads((out / MANIFEST).read_text())
    assert not manifest["complete"]

    summary = run_batch([path], out, cluster, partition_size=6)
    assert summary.complete and 0 < summary.done_before < summary.partitions == 150
    assert batch_output(out) == reference(path)
    assert not list(out.glob(".*.tmp"))
    assert json.loads((out / MANIFEST).read_text())["articles"] == 899

    again = run_batch([path], out, cluster, partition_size=6)
    assert again.done_now == 0 and again.done_before == 150
    with pytest.raises(RasdError, match="other options"):
        run_batch([path], out, cluster, partition_size=5)


def test_full_pipeline_batch_equals_rasd_analyze(tmp_path, cluster):
    path = write_jsonl(tmp_path / "full.jsonl", 6)
    run_batch([path], tmp_path / "out", cluster, partition_size=4, stages=None)
    expected = reference(path, stages=["text", "ner", "link", "time", "events", "summarize"])
    assert batch_output(tmp_path / "out") == expected
    assert any(json.loads(line)["entities"] for line in expected.splitlines())


# --- distributed ingest --------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "rasd.db")
        return
    url = os.environ.get("RASD_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("RASD_TEST_POSTGRES_URL is not set (scripts/start_postgres.sh prints one)")
    with scratch_schema(url, "rasd_batch") as scratch:
        yield scratch


def test_distributed_ingest_stores_each_article_once(tmp_path, cluster, location):
    from rasd.batch.ingest import ingest_distributed
    from rasd.store import open_store

    first = write_jsonl(tmp_path / "one.jsonl", 25, {4: "{broken"})
    second = write_jsonl(tmp_path / "two.jsonl", 10, start=20)  # five articles again
    analyzed = tmp_path / "analyzed.jsonl"  # a document analyzed before is stored as it is
    analyzed.write_text(reference(write_jsonl(tmp_path / "x.jsonl", 1, start=99)), encoding="utf-8")
    messages: list[str] = []
    summary = ingest_distributed([str(first), str(second), str(analyzed)], location,
                                 scheduler=cluster.scheduler_address, progress=False, stages=CHEAP, partition_size=4,
                                 report=messages.append)
    assert summary["read"] == 36 and summary["failed"] == 1 and summary["duplicate"] == 5
    assert summary["new"] + summary["near_duplicate"] == 30
    assert any("one.jsonl:5" in m for m in messages)
    with open_store(location) as store:
        stored = {json.loads(doc)["id"]: json.loads(doc) for doc in store.documents(include_duplicates=True)}
    assert sorted(stored) == [f"a{i:05d}" for i in [*range(30), 99] if i != 4]
    assert stored["a00007"] == json.loads(reference(tmp_path / "one.jsonl").splitlines()[7])

    again = ingest_distributed([str(second)], location, scheduler=cluster.scheduler_address, progress=False,
                               stages=CHEAP, report=messages.append)
    assert again["duplicate"] == 10 and again["new"] == again["near_duplicate"] == 0
