"""File ▸ Import: read a file on the worker, map CSV columns, preview, then apply."""
