"""Dask for rasd: a local cluster or a scheduler address, the pipeline on every worker, tasks in a bounded window.

Workers are processes with one thread each: the pipeline is pure Python, so
threads would share one interpreter lock. Only a window of tasks (twice the
worker threads) is in flight at a time, so the client reads ahead only that
far and the scheduler holds only that much input, however large the archive.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from rasd.errors import RasdError

CONNECT_TIMEOUT = 10  # seconds to reach a scheduler
WORKER_TIMEOUT = 120  # seconds to wait for the first worker of a remote cluster
Report = Callable[[str], None]


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def local_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def dask_client(workers: int | None, scheduler: str | None, stages: tuple[str, ...], report: Report
                ) -> Iterator[Any]:
    """A Dask client whose workers have the pipeline of `stages` loaded.

    Without `scheduler`, a LocalCluster of `workers` processes (default: one
    per core) runs for the duration of the block.
    """
    import dask
    from distributed import Client, LocalCluster

    # partitions carry their input on purpose (a few MB each); Dask warns above 10 MB
    with dask.config.set({"distributed.admin.large-graph-warning-threshold": "256MB"}):
        if scheduler:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise RasdError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                                "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`") from None
            with client:
                try:
                    client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
                except TimeoutError:
                    raise RasdError(f"the Dask scheduler at {scheduler} has no workers after {WORKER_TIMEOUT} s; "
                                    "start some with `dask worker ADDRESS --nthreads 1`") from None
                _prepare(client, stages, report, None)
                yield client
            return
        with (
            LocalCluster(n_workers=workers or local_cores(), threads_per_worker=1, processes=True,
                         dashboard_address=":0") as cluster,
            Client(cluster) as client,
        ):
            _prepare(client, stages, report, importlib.util.find_spec("bokeh") is not None)
            yield client


def _prepare(client: Any, stages: tuple[str, ...], report: Report, bokeh: bool | None) -> None:
    """Say where the scheduler and its dashboard are (`bokeh`: whether it has one; None: unknown), load the pipeline.

    Dask serves the dashboard only where bokeh is installed; without it the
    same address answers with a page that says so.
    """
    from rasd.batch.worker import PipelinePlugin, pipeline_error

    where = client.scheduler.address
    if bokeh is False:
        report(f"rasd: Dask scheduler {where}; no dashboard (it needs bokeh: pip install bokeh)")
    else:
        note = " (if bokeh is installed there)" if bokeh is None else ""
        report(f"rasd: Dask scheduler {where}, dashboard {client.dashboard_link}{note}")
    client.register_plugin(PipelinePlugin(stages))
    errors = {e for e in client.run(pipeline_error).values() if e}
    if errors:
        raise RasdError(f"the analysis pipeline cannot run on the workers: {'; '.join(sorted(errors))}")


def worker_threads(client: Any) -> int:
    return sum(client.nthreads().values())


def run_window(client: Any, tasks: Iterable[tuple[str, Callable[..., Any], tuple[Any, ...]]]
               ) -> Iterator[tuple[str, Any, BaseException | None]]:
    """Submit `(name, function, args)` tasks, at most twice the worker threads at a time.

    Yields `(name, result, None)`, or `(name, None, exception)` for a task
    that failed, as they finish. Results are fetched in the background as
    tasks finish, not one round trip at a time. A task whose worker dies is
    run again elsewhere by Dask.
    """
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]
    pending = iter(tasks)
    running = as_completed(with_results=True, raise_errors=False)
    names: dict[str, str] = {}

    def submit_one() -> None:
        for name, func, args in pending:
            future = client.submit(func, *args, key=f"rasd-{name}-{token}", pure=False)
            names[future.key] = name
            running.add(future)
            return

    for _ in range(max(2, 2 * worker_threads(client))):
        submit_one()
    for future, result in running:
        name = names.pop(future.key)
        if future.status == "error":
            yield name, None, result[1]
        elif isinstance(result, BaseException):  # cancelled: the cluster is going away
            yield name, None, result
        else:
            yield name, result, None
        submit_one()
