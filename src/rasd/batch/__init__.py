"""Scale-out on Dask: whole archives analyzed on all cores of a machine, or on a cluster.

- `rasd.batch.analyze.analyze_batch` (`rasd batch analyze`): partitioned JSON
  lines or Parquet, resumable after a crash;
- `rasd.batch.ingest.ingest_distributed` (`rasd ingest --workers N |
  --scheduler tcp://HOST:PORT`): a store filled by Dask workers.

Nothing is imported here, so that the command line stays quick to start.
"""
