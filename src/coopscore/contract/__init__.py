"""The JSON contract of ``assess --format json``: its types (``assessment``), the writer of a
record (``write``), the reader of a saved one (``read``) and the generated schema (``schema``)."""
