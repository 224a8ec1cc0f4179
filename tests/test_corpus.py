"""Corpus scale (`termloc.corpus`): streaming in chunks, worker processes, trees of files, JSON Lines.

The texts are real: the article, the dev set's Wikipedia lines (five topics) and OpenCC's own cases.
Every run with workers is compared byte for byte with the run in one process, and streaming with the
whole-text `Converter.convert` of the same text.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from termloc.core.errors import InputError
from termloc.corpus import chunks as chunking
from termloc.corpus.chunks import chunks, decoded
from termloc.corpus.inputs import plan
from termloc.corpus.pool import Workers
from termloc.corpus.run import SETTINGS, Settings, convert_files, convert_stream
from termloc.corpus.work import Task, convert_record
from termloc.engine.converter import Converter
from tests.conftest import ARTICLE, DATA, Cli, opencc_cases

VARIANTS = ("zh-TW", "zh-HK", "zh-CN", "zh-Hant")


def devset_lines() -> list[str]:
    """The input lines of the dev set's pages (Chinese Wikipedia, five topics)."""
    lines = []
    for path in sorted((DATA / "devset").glob("*.yaml")):
        lines += [line["input"] for line in yaml.safe_load(path.read_text(encoding="utf-8"))["lines"]]
    return lines


@pytest.fixture(scope="module")
def corpus_text() -> str:
    """About 100 kB of real text in several topics and both scripts: the article, the dev set's lines and
    OpenCC's test inputs, one per line."""
    cases = [str(case["input"]).replace("\n", " ") for case in opencc_cases()]
    return "\n".join([ARTICLE.read_text(encoding="utf-8"), *devset_lines(), *cases]) * 3 + "\n"


def streamed(converter: Converter, text: str, size: int, workers: Workers, *, markup: bool = True) -> str:
    sink = io.BytesIO()
    data = text.encode("utf-8")
    settings = Settings(converter, markup=markup)
    task = settings.task(data, "x")  # one input: one task for all its chunks
    items = ((task, chunk) for chunk in chunks(io.BytesIO(data), "x", size=size))
    for done in workers.run(items):
        sink.write(done.data)
    return sink.getvalue().decode("utf-8")


# -- chunks ----------------------------------------------------------------------------------------


def test_chunks_end_at_line_breaks_and_count_lines(corpus_text: str) -> None:
    data = corpus_text.encode("utf-8")
    found = list(chunks(io.BytesIO(data), "corpus", size=4096))
    assert b"".join(c.data for c in found) == data
    assert all(c.data.endswith(b"\n") for c in found)
    assert len(found) > 20
    lines = 1
    for chunk in found:
        assert chunk.line == lines
        lines += chunk.data.count(b"\n")


def test_a_last_line_without_a_line_break_stays_in_its_chunk() -> None:
    """A file that fits one chunk is one chunk, whether or not it ends with a line break (it was two,
    and two chunks start the worker processes: a second or more on a cold start)."""
    data = ARTICLE.read_bytes().rstrip(b"\n")
    assert [c.data for c in chunks(io.BytesIO(data), "article")] == [data]
    cut = list(chunks(io.BytesIO(data), "article", size=4096))
    assert b"".join(c.data for c in cut) == data
    assert all(c.data.endswith(b"\n") for c in cut[:-1])
    assert not cut[-1].data.endswith(b"\n")
    with Workers(2) as workers:
        convert_stream(Settings(Converter("zh-TW")), io.BytesIO(data), "x", io.BytesIO(), workers, size=len(data))
        assert workers._executor is None  # converted in this process: no pool started


def test_a_byte_order_mark_is_dropped_as_read_text_drops_it() -> None:
    found = list(chunks(io.BytesIO("\ufeff普京\n".encode()), "x", size=2))
    assert b"".join(c.data for c in found) == "普京\n".encode()


def test_a_bad_byte_is_named_by_line_and_column() -> None:
    data = "第一行\n第二行\n".encode() + b"ab\xffcd\n"
    found = list(chunks(io.BytesIO(data), "x.txt", size=8))
    assert [decoded(chunk, "x.txt") for chunk in found[:2]] == ["第一行\n", "第二行\n"]
    with pytest.raises(InputError, match=r"^x\.txt:3: not UTF-8 text \(byte 0xff at column 3\)$"):
        decoded(found[2], "x.txt")


def test_an_endless_line_is_cut_after_a_sentence_or_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunking, "LONGEST_LINE", 64)
    long_line = ("普京访问了莫斯科。" * 20).encode()
    found = list(chunks(io.BytesIO(long_line), "x", size=16))
    assert b"".join(c.data for c in found) == long_line
    assert all(c.data.endswith("。".encode()) for c in found)
    with pytest.raises(InputError, match="longer than 0 MiB with no sentence end"):
        list(chunks(io.BytesIO(b"a" * 200), "x", size=16))


# -- streaming and workers -------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_streaming_in_small_chunks_is_the_whole_text_conversion(variant: str, corpus_text: str) -> None:
    converter = Converter(variant)
    whole = converter.convert(corpus_text)
    with Workers(1) as workers:
        assert streamed(converter, corpus_text, 8192, workers) == whole
    assert whole != corpus_text


def test_two_worker_processes_write_what_one_process_writes(corpus_text: str) -> None:
    converter = Converter("zh-TW")
    with Workers(1) as one:
        alone = streamed(converter, corpus_text, 4096, one)
    with Workers(2) as two:
        assert streamed(converter, corpus_text, 4096, two) == alone


def test_markup_rules_reach_the_later_chunks_in_order(corpus_text: str) -> None:
    text = "普京\n" * 400 + "-{H|zh-cn:普京;zh-tw:蒲亭;}-\n" + corpus_text[:20_000] + "普京和-{斯大林}-\n" * 300
    converter = Converter("zh-TW")
    whole = converter.convert_markup(text)
    assert whole.startswith("普丁\n")
    assert whole.endswith("蒲亭和斯大林\n")  # the rule holds after it
    with Workers(1) as one:
        assert streamed(converter, text, 1024, one) == whole
    with Workers(2) as two:
        assert streamed(converter, text, 1024, two) == whole


# -- JSON Lines ------------------------------------------------------------------------------------


def test_only_the_field_changes_every_other_byte_stays() -> None:
    task = Task(Converter("zh-TW"), field="text")
    line = '{ "id" :7,"text" : "普京访问软件园" , "meta":{"text":"普京"},"x":[1 ,2]}\r\n'
    assert (
        convert_record(task, line, 1) == '{ "id" :7,"text" : "普丁訪問軟體園" , "meta":{"text":"普京"},"x":[1 ,2]}\r\n'
    )
    escaped = '{"text":"\\u666e\\u4eac\\u2028\\u201c\\u8f6f\\u4ef6\\u201d\\"","n":null}\n'  # “软件”"
    assert (
        convert_record(task, escaped, 1) == '{"text":"\\u666e\\u4e01\\u2028\\u300c\\u8edf\\u9ad4\\u300d\\"","n":null}\n'
    )
    assert json.loads(convert_record(task, escaped, 1))["text"] == '普丁\u2028「軟體」"'
    assert convert_record(task, '{"id": 2}\n', 1) == '{"id": 2}\n'  # no such field: as it was


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"text": "普京"\n', "not a JSON Lines record: Expecting ',' delimiter"),
        ('["普京"]\n', "not a JSON Lines record: one JSON object per line expected"),
        ('{"text": 7}\n', "the field 'text' is not a string: 7"),
    ],
)
def test_a_bad_record_is_one_line_with_its_number(line: str, problem: str) -> None:
    with pytest.raises(InputError, match=rf"^r\.jsonl:12: {problem}"):
        convert_record(Task(Converter("zh-TW"), field="text", name="r.jsonl"), line, 12)


def test_a_json_lines_file_through_the_command(cli: Cli, tmp_path: Path) -> None:
    records: list[dict[str, str]] = [{"id": str(i), "text": t, "title": t[:6]} for i, t in enumerate(devset_lines())]
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    code, out, err = cli("convert", "--to", "zh-HK", "--jsonl-field", "text", str(source), "--jobs", "2")
    assert (code, err) == (0, "")
    written = [json.loads(line) for line in out.splitlines()]
    # A file is one document: its reference groups are chosen from all its records' text.
    converter = Converter("zh-HK").for_text("\n".join(r["text"] for r in records))
    assert [r["title"] for r in written] == [r["title"] for r in records]
    assert [r["text"] for r in written] == [converter.convert_markup(r["text"]) for r in records]


# -- trees of files ----------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path, corpus_text: str) -> Path:
    """A small corpus: the article, and the dev set's pages as text files in topic folders."""
    root = tmp_path / "corpus"
    (root / "news").mkdir(parents=True)
    (root / "news" / "article.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    for path in sorted((DATA / "devset").glob("*.yaml")):
        topic = path.stem.split("-")[0]
        (root / topic).mkdir(exist_ok=True)
        lines = [line["input"] for line in yaml.safe_load(path.read_text(encoding="utf-8"))["lines"]]
        (root / topic / f"{path.stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "big.txt").write_text(corpus_text * 12, encoding="utf-8")  # 2 chunks and more
    (root / ".hidden").write_text("普京", encoding="utf-8")
    return root


def test_a_tree_is_mirrored_each_file_as_convert_writes_it(cli: Cli, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = cli("convert", "--to", "zh-TW", str(tree), "--out-dir", str(out), "--jobs", "2")
    assert code == 0
    sources = sorted(p.relative_to(tree) for p in tree.rglob("*") if p.is_file() and p.name != ".hidden")
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and p.name != SETTINGS)
    assert written == sources
    assert f"termloc: converted {len(sources)} files: " in err
    for relative in sources:
        code, alone, _ = cli("convert", "--to", "zh-TW", str(tree / relative), "--jobs", "1")
        assert (out / relative).read_text(encoding="utf-8") == alone


def test_an_interrupted_tree_resumes_and_new_settings_convert_again(cli: Cli, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("convert", "--to", "zh-TW", str(tree), "--out-dir", str(out))[0] == 0
    files = sorted(p for p in out.rglob("*.txt"))
    made = {p: p.stat().st_mtime_ns for p in files}
    code, _, err = cli("convert", "--to", "zh-TW", str(tree), "--out-dir", str(out))
    assert code == 0
    assert f"converted 0 files ({len(files)} up to date, skipped)" in err
    time.sleep(0.01)
    (tree / "news" / "article.txt").touch()
    code, _, err = cli("convert", "--to", "zh-TW", str(tree), "--out-dir", str(out))
    assert f"converted 1 file ({len(files) - 1} up to date, skipped)" in err
    assert {p: p.stat().st_mtime_ns for p in files if p.name != "article.txt"} == {
        p: t for p, t in made.items() if p.name != "article.txt"
    }
    code, _, err = cli("convert", "--to", "zh-HK", str(tree), "--out-dir", str(out))  # other settings: all again
    assert f"converted {len(files)} files: " in err
    assert "史太林" in (out / "news" / "article.txt").read_text(encoding="utf-8")


def test_two_inputs_that_meet_in_one_output_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "x.txt").write_text("普京", encoding="utf-8")
    with pytest.raises(Exception, match="would both be written to"):
        plan([str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")], tmp_path / "out")


def test_a_bad_file_among_many_is_named_and_the_finished_ones_stay(cli: Cli, tmp_path: Path) -> None:
    """10,000 files, file 7,000 not UTF-8 on its second line: one line naming it, exit 1, the files
    before it converted whole, no partial file anywhere."""
    root = tmp_path / "many"
    lines = devset_lines()
    for i in range(10_000):
        folder = root / f"{i // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = f"{lines[i % len(lines)]}\n".encode()
        if i == 6999:
            data += b"caf\xe9\n"
        (folder / f"{i:05d}.txt").write_bytes(data)
    out = tmp_path / "out"
    code, _, err = cli("convert", "--to", "zh-TW", str(root), "--out-dir", str(out), "--jobs", "2")
    bad = root / "06" / "06999.txt"
    assert (code, err) == (1, f"termloc: {bad}:2: not UTF-8 text (byte 0xe9 at column 4)\n")
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt"))
    assert written == [f"{i // 1000:02d}/{i:05d}.txt" for i in range(6999)]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    converter = Converter("zh-TW")
    assert (out / "03" / "03210.txt").read_text(encoding="utf-8") == converter.convert(f"{lines[3210 % len(lines)]}\n")


def test_ctrl_c_stops_cleanly_with_no_partial_file(tmp_path: Path, corpus_text: str) -> None:
    source = tmp_path / "big.txt"
    source.write_text(corpus_text * 600, encoding="utf-8")  # about 60 MB: many seconds of work
    target = tmp_path / "out.txt"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    command = [sys.executable, "-m", "termloc", "convert", "--to", "zh-TW", str(source), "-o", str(target)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in tmp_path.glob(".out.txt.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the output is half written
    assert process.poll() is None, "the conversion ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


def test_a_terminal_gets_a_progress_bar_and_a_pipe_none(cli: Cli, tree: Path, tmp_path: Path) -> None:
    import pty

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    command = [sys.executable, "-m", "termloc", "convert", "--to", "zh-TW", str(tree), "--out-dir", str(tmp_path / "o")]
    leader, follower = pty.openpty()
    done = subprocess.run(command, env=env, stderr=follower, stdout=subprocess.DEVNULL, check=False, timeout=120)
    os.close(follower)
    shown = b""
    while True:
        try:
            piece = os.read(leader, 65536)
        except OSError:
            break
        if not piece:
            break
        shown += piece
    os.close(leader)
    assert done.returncode == 0
    for part in (b"B/s", b"files", b"characters"):  # tqdm's bar: speed, files, characters
        assert part in shown
    code, _, err = cli("convert", "--to", "zh-TW", str(tree), "--out-dir", str(tmp_path / "p"))
    assert code == 0
    assert err.startswith("termloc: converted ")  # a pipe: only the summary
    assert err.count("\n") == 1


def test_convert_stream_writes_what_it_reads_counted(corpus_text: str) -> None:
    sink = io.BytesIO()
    data = corpus_text.encode("utf-8")
    with Workers(1) as workers:
        summary = convert_stream(Settings(Converter("zh-CN")), io.BytesIO(data), "x", sink, workers, size=len(data))
    assert summary.bytes == len(data)
    assert summary.characters == len(sink.getvalue().decode("utf-8"))
    assert summary.files == 1


def test_convert_files_skips_nothing_in_a_new_folder(tree: Path, tmp_path: Path) -> None:
    planned = plan([str(tree)], tmp_path / "o")
    with Workers(1) as workers:
        summary = convert_files(Settings(Converter("zh-CN")), planned, tmp_path / "o", workers)
    assert (summary.files, summary.skipped) == (len(planned), 0)


# -- Dask ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Dask cluster of two worker processes on loopback, whose cache is not this process's: what they
    convert with comes to them packed."""
    distributed = pytest.importorskip("distributed")
    elsewhere = tmp_path_factory.mktemp("worker-cache")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        env={"TERMLOC_CACHE": str(elsewhere)},
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_a_tree_on_a_cluster_is_the_local_run_byte_for_byte(
    cli: Cli, dask_client: Any, tree: Path, tmp_path: Path
) -> None:
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert cli("convert", "--to", "zh-TW", str(tree), "--out-dir", str(local))[0] == 0
    address = dask_client.scheduler.address
    code, _, err = cli("convert", "--to", "zh-TW", str(tree), "--out-dir", str(remote), "--dask", address)
    assert (code, err[:19]) == (0, "termloc: converted "), err
    files = sorted(p.relative_to(local) for p in local.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(remote) for p in remote.rglob("*") if p.is_file())
    assert all((local / f).read_bytes() == (remote / f).read_bytes() for f in files)
    code, _, err = cli("convert", "--to", "zh-TW", str(tree), "--out-dir", str(remote), "--dask", address)
    assert f"converted 0 files ({len(files) - 1} up to date, skipped)" in err  # resumes as a local run does


def test_a_bag_of_documents_converts_on_the_workers(dask_client: Any) -> None:
    import dask.bag

    from termloc.dask import convert_bag

    lines = devset_lines()
    converter = Converter("zh-TW").settled("\n".join(lines[:200]))
    bag = dask.bag.from_sequence(lines, npartitions=4)  # type: ignore[no-untyped-call]
    converted = convert_bag(bag, Converter("zh-TW"), markup=False, client=dask_client).compute()  # type: ignore[no-untyped-call]
    assert converted == [converter.convert(t) for t in lines]


def test_an_unreachable_scheduler_is_one_line(cli: Cli, tree: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    code, _, err = cli(
        "convert",
        "--to",
        "zh-TW",
        str(tree),
        "--out-dir",
        str(tmp_path / "o"),
        "--dask",
        "tcp://127.0.0.1:9",
        "--dask-timeout",
        "1",
    )
    assert code == 1
    assert err.startswith("termloc: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'")
    assert err.count("\n") == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_chunks_are_read_only_as_far_as_the_work_in_flight(jobs: int, corpus_text: str) -> None:
    """Bounded memory: the first chunk comes back after at most a few chunks were read, not the input."""
    data = (corpus_text * 4).encode("utf-8")
    task = Settings(Converter("zh-TW")).task(data, "x")
    pulled = 0

    def items() -> Iterator[tuple[Task, Any]]:
        nonlocal pulled
        for chunk in chunks(io.BytesIO(data), "x", size=4096):
            pulled += 1
            yield task, chunk

    with Workers(jobs) as workers:
        results = workers.run(items())
        next(results)
        assert pulled <= 2 * jobs + 3
        assert sum(1 for _ in results) + 1 == pulled > 50
