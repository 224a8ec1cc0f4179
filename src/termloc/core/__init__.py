"""termloc's core: errors, variants, resources, files, digests, Han tables, OpenCC's files."""
