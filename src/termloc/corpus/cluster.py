"""Converting on a Dask cluster (``pip install 'termloc[dask]'``; the API is `termloc.dask`).

The converter is compiled once, here, and sent to the workers as bytes
(`termloc.engine.packed`): a worker needs termloc but no glossary, and opens
each packed converter once. `convert_bag` converts the strings of a Dask bag;
`convert_folder` converts a tree of files, one task per file, each worker
reading its file and writing its output (all or nothing, as
`termloc convert --out-dir` does), so the files must be on storage every
worker sees. With ``auto``, each file's reference groups are chosen here
from its own text, exactly as a local run chooses them, and each distinct
converter is sent to every worker once.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termloc.core.errors import TermlocError, UsageError
from termloc.core.files import replacing
from termloc.corpus.inputs import Planned, plan, sample_bytes
from termloc.corpus.pool import Workers
from termloc.corpus.run import Progress, Settings, Summary, convert_stream, settings_file, up_to_date
from termloc.engine.converter import Converter
from termloc.engine.packed import Packed, pack, unpack

if TYPE_CHECKING:
    from dask.bag import Bag
    from distributed import Client

# Dask's own functions carry no annotations: this module's calls into them are typed Any.

__all__ = ["convert_bag", "convert_folder", "convert_on_cluster"]


def _dask() -> Any:
    try:
        import dask.bag
        import distributed
    except ImportError:
        raise UsageError("Dask is not installed: pip install 'termloc[dask]'") from None
    return dask, distributed


def convert_bag(bag: Bag, converter: Converter, *, markup: bool = True, client: Client | None = None) -> Bag:
    """The strings of ``bag``, each a document, converted by ``converter`` on the workers of ``client``
    (default: the current client). With ``auto`` the groups are chosen once, from the bag's first
    200 strings."""
    _, distributed = _dask()
    client = client or distributed.get_client()
    if converter.auto:
        converter = converter.settled("\n".join(bag.take(200, npartitions=-1, warn=False)))  # type: ignore[no-untyped-call]
    packed = client.scatter(pack(converter, siblings=markup), broadcast=True, hash=False)
    mapped: Bag = bag.map_partitions(_convert_partition, packed, markup)  # type: ignore[no-untyped-call]
    return mapped


def _convert_partition(texts: Iterable[str], packed: Packed, markup: bool) -> list[str]:
    converter = unpack(packed)
    return [converter.convert_markup(text) if markup else converter.convert(text) for text in texts]


def convert_folder(
    settings: Settings,
    inputs: Sequence[str],
    out_dir: Path,
    client: Client,
    *,
    progress: Progress | None = None,
) -> Summary:
    """Convert files and folders into ``out_dir`` on ``client``'s cluster, as `termloc.corpus.run.convert_files`
    does here: the same outputs byte for byte, the same skipping of outputs that are up to date."""
    _, distributed = _dask()
    summary = Summary()
    planned = plan(inputs, out_dir)
    marker = settings_file(out_dir, settings)
    todo = [p for p in planned if not up_to_date(p, marker)]
    summary.skipped = len(planned) - len(todo)
    shipped: dict[str, Any] = {}
    futures = []
    for item in todo:
        converter = _chosen(settings, item)
        packed = pack(converter, siblings=settings.markup and _has_markup(item.source))
        if packed.digest not in shipped:
            shipped[packed.digest] = client.scatter(packed, broadcast=True, hash=False)  # type: ignore[no-untyped-call]
        futures.append(client.submit(_convert_file, shipped[packed.digest], item, settings.markup, settings.field))
    try:
        for future in distributed.as_completed(futures):
            read, characters = future.result()
            summary.files += 1
            summary.bytes += read
            summary.characters += characters
            if progress is not None:
                progress(read, characters, 1)
    except BaseException:
        client.cancel(futures)  # type: ignore[no-untyped-call]
        raise
    return summary


def _has_markup(path: Path) -> bool:
    """Whether a file holds ``-{``: only then do the other variants' converters go with it (a scan at the
    speed of the disk, against compiling and sending seven more converters)."""
    with path.open("rb") as source:
        if not os.fstat(source.fileno()).st_size:
            return False
        with mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"-{") != -1


def _chosen(settings: Settings, item: Planned) -> Converter:
    """The converter of one file: its groups chosen from its text, as a local run chooses them."""
    if not settings.converter.auto:
        return settings.converter
    with item.source.open("rb") as source:
        sampled, _ = sample_bytes(source, item.source.stat().st_size)
    return settings.task(sampled, str(item.source)).converter


def _convert_file(packed: Packed, item: Planned, markup: bool, field: str | None) -> tuple[int, int]:
    """On a worker: one file converted into its target, all or nothing; (bytes read, characters written).
    Only bytes travel: the converter is the packed one (a `Converter` pickles as a recipe to compile)."""
    here = Settings(unpack(packed), markup, field)
    item.target.parent.mkdir(parents=True, exist_ok=True)
    with item.source.open("rb") as source, replacing(item.target) as temporary, temporary.open("wb") as sink:
        size = item.source.stat().st_size
        summary = convert_stream(here, source, str(item.source), sink, Workers(1), size=size)
    return summary.bytes, summary.characters


def convert_on_cluster(
    address: str,
    settings: Settings,
    inputs: Sequence[str],
    out_dir: Path,
    *,
    timeout: float = 10,
    progress: Progress | None = None,
) -> Summary:
    """``termloc convert --dask ADDRESS``: `convert_folder` on the cluster whose scheduler is at ``address``
    (reached within ``timeout`` seconds)."""
    _, distributed = _dask()
    try:
        client = distributed.Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError) as err:
        raise TermlocError(f"cannot reach the Dask scheduler at {address!r}: {err}") from None
    with client:
        return convert_folder(settings, inputs, out_dir, client, progress=progress)
