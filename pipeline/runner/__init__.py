"""Batch extraction: articles -> records, in one process, several processes or on a Dask cluster; the SQLite store."""
