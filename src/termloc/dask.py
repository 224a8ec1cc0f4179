"""termloc on a Dask cluster: ``pip install 'termloc[dask]'``.

    from distributed import Client
    import dask.bag
    from termloc import Converter
    from termloc.dask import convert_bag

    client = Client("tcp://scheduler:8786")
    bag = dask.bag.read_text("corpus/*.txt")        # one string per line
    convert_bag(bag, Converter("zh-TW")).to_textfiles("out/*.txt")

The converter is compiled once on the machine that calls and sent to every
worker as bytes; see `termloc.corpus.cluster` and the README ("Corpora").
"""

from __future__ import annotations

from termloc.corpus.cluster import convert_bag, convert_folder

__all__ = ["convert_bag", "convert_folder"]
