"""Anonymous page cache: whole responses for signed-out visitors, purged whenever content changes.

See ``pagecache.middleware`` (what is cached, and for whom), ``pagecache.purge`` (how a publish
empties it) and docs/performance.md.
"""
