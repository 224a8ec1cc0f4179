"""``termloc serve`` through Starlette's test client, on the real glossary and article (no network)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="termloc serve needs the extra termloc[serve]")

from starlette.testclient import TestClient

from termloc.cli import main
from termloc.glossary.selection import GlossarySelection
from termloc.interchange.suggest import DRAFT_NOTE
from termloc.serve.app import make_app
from termloc.serve.bounds import MAX_BODY, Bounds
from termloc.serve.state import Workbench

from .conftest import GLOSSARY

#: A loopback name the Host check lets through (the test client's own, testserver, is refused).
BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def workbench() -> Workbench:
    return Workbench()


@pytest.fixture(scope="module")
def client(workbench: Workbench) -> Iterator[TestClient]:
    with TestClient(make_app(workbench), base_url=BASE) as client:
        yield client


def test_lookup_finds_putin_in_every_script(client: TestClient) -> None:
    answer = client.get("/api/lookup", params={"q": "普丁"})
    assert answer.status_code == 200
    first = answer.json()[0]
    assert first["id"] == "vladimir-putin"
    assert first["matched"] == "普丁"
    assert first["matched_tag"] == "zh-TW"
    assert "Путин" in first["forms"]["ru"]
    assert "뿌찐" in first["forms"]["ko-KP"]
    assert first["sources"]
    assert "President of Russia" in first["note"]
    # The same entry from its North Korean spelling: the lookup is script-blind.
    assert client.get("/api/lookup", params={"q": "뿌찐"}).json()[0]["id"] == "vladimir-putin"


def test_lookup_page_shows_the_card_without_script(client: TestClient) -> None:
    page = client.get("/", params={"q": "普丁"})
    assert page.status_code == 200
    card = page.text.split('data-id="vladimir-putin"')[1].split("</article>")[0]
    assert '<mark><span lang="zh-TW">普丁</span></mark>' in card
    assert "Путин" in card
    assert "뿌찐" in card
    assert '<ul class="sources">' in card
    assert card.count("<mark>") == 1  # only the form that matched


def test_a_deprecated_form_is_struck_through(client: TestClient, workbench: Workbench) -> None:
    snapshot = workbench.snapshot()
    entry = next(e for e in snapshot.glossary.entries if any(row.deprecated for row in e.rows))
    row = next(row for row in entry.rows if row.deprecated)
    tag, forms = next(iter(row.deprecated.items()))
    found = client.get("/api/lookup", params={"q": forms[0], "limit": "100"}).json()
    mine = next(result for result in found if result["id"] == entry.id)
    assert forms[0] in mine["deprecated"][tag]
    page = client.get("/", params={"q": forms[0], "limit": "100"}).text
    card = page.split(f'data-id="{entry.id}"')[1].split("</article>")[0]
    assert f'<del title="deprecated"><span lang="{tag}">{forms[0]}</span></del>' in card
    # Its control: the preferred form is not struck through.
    assert f'<del title="deprecated"><span lang="{tag}">{row.forms.get(tag, "")}</span>' not in card


def test_convert_writes_each_variants_form(client: TestClient) -> None:
    taiwan = client.post("/api/convert", json={"text": "普京访问了软件园", "to": "zh-TW"})
    assert taiwan.status_code == 200
    assert taiwan.json() == {"text": "普丁訪問了軟體園"}
    assert client.post("/api/convert", json={"text": "普丁", "to": "zh-cn"}).json() == {"text": "普京"}


def test_explain_names_the_entry_and_concatenates_to_the_conversion(client: TestClient) -> None:
    body = {"text": "普京访问了软件园", "to": "zh-TW"}
    spans = client.post("/api/explain", json=body).json()
    putin = next(span for span in spans if span["source"] == "普京")
    assert putin["kind"] == "glossary"
    assert putin["entry"] == "vladimir-putin"
    assert putin["output"] == "普丁"
    assert "".join(span["output"] for span in spans) == client.post("/api/convert", json=body).json()["text"]


def test_an_entry_by_id(client: TestClient) -> None:
    entry = client.get("/api/entries/vladimir-putin").json()
    assert entry["id"] == "vladimir-putin"
    assert entry["rows"][1]["forms"]["zh-TW"]["text"] == "普丁"
    missing = client.get("/api/entries/no-such-entry")
    assert missing.status_code == 404
    assert "no-such-entry" in missing.json()["error"]


def test_too_much_text_is_413_with_a_clear_message(client: TestClient) -> None:
    over = client.post("/api/convert", json={"text": "中" * 100_001, "to": "zh-TW"})
    assert over.status_code == 413
    assert over.json() == {"error": "the text is 100,001 characters; at most 100,000 are converted"}
    # The body is measured before it is parsed: a body over MAX_BODY bytes is refused by its length.
    huge = client.post("/api/explain", content=b"x" * (MAX_BODY + 1), headers={"content-type": "application/json"})
    assert huge.status_code == 413
    assert "bytes" in huge.json()["error"]
    page = client.post("/preview", data={"text": "中" * 100_001})
    assert page.status_code == 413
    assert "at most 100,000" in page.text
    assert client.post("/api/convert", json={"text": "中" * 1000, "to": "zh-TW"}).status_code == 200  # control


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/lookup", 400),  # no query
        ("/api/lookup?q=%E6%99%AE&limit=abc", 400),
        ("/api/lookup?q=%E6%99%AE&limit=101", 422),
        ("/api/lookup?q=%E6%99%AE&limit=0", 422),
        ("/api/lookup?q=%E6%99%AE&lang=xx-YY", 422),
        ("/api/lookup?q=%21%21%21", 422),  # no letters to look up
        ("/api/lookup?q=" + "a" * 201, 422),
        ("/api/lookup?q=%E6%99%AE&limit=100", 200),  # the controls
        ("/api/lookup?q=%E6%99%AE&lang=ko-KP", 200),
    ],
)
def test_bad_lookups_are_4xx_json(client: TestClient, path: str, status: int) -> None:
    answer = client.get(path)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/json")
    if status != 200:
        assert set(answer.json()) == {"error"}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"text": "x", "to": "xx-YY"}', 422),
        (b'{"text": "x", "to": "ko-KP"}', 422),  # not a Chinese variant
        (b'{"text": "x"}', 400),
        (b'{"text": 3, "to": "zh-TW"}', 400),
        (b"[1, 2]", 400),
        (b"{not json", 400),
        (b"\xff\xfe", 400),
        (b'{"text": "\\ud800", "to": "zh-TW"}', 400),  # half a surrogate pair: no text
        (b'{"text": "x", "to": "\\udfff"}', 400),
        (b'{"text": "x", "to": "zh-TW"}', 200),
    ],
)
def test_bad_conversions_are_4xx_json(client: TestClient, body: bytes, status: int) -> None:
    for path in ("/api/convert", "/api/explain"):
        answer = client.post(path, content=body, headers={"content-type": "application/json"})
        assert answer.status_code == status, answer.text
        if status != 200:
            assert set(answer.json()) == {"error"}


def test_a_script_in_the_input_is_shown_as_text(client: TestClient) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>普京'
    page = client.post("/preview", data={"text": hostile, "to": ["zh-CN", "zh-TW"]})
    assert page.status_code == 200
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text
    assert "<img src=x" not in page.text
    assert page.text.count("<script") == 0  # the preview page has no script at all
    lookup = client.get("/", params={"q": hostile})
    assert "<script>alert" not in lookup.text
    assert "&lt;script&gt;" in lookup.text
    assert lookup.text.count("<script") == 1  # its own, /static/lookup.js
    assert '<script src="/static/lookup.js" defer></script>' in lookup.text


def test_preview_shows_each_variant_with_reasons(client: TestClient) -> None:
    page = client.post("/preview", data={"text": "普京访问了软件园", "to": ["zh-CN", "zh-TW"]}).text
    columns = dict(re.findall(r'<section class="column" data-variant="([^"]+)">(.*?)</section>', page))
    assert set(columns) == {"zh-CN", "zh-TW"}
    assert 'title="普京 → 普丁: glossary vladimir-putin (zh-TW form)"' in columns["zh-TW"]
    assert 'title="普京 → 普京: glossary vladimir-putin (zh-Hans form)"' in columns["zh-CN"]
    assert "reference groups chosen for the text (auto)" in page
    default = client.post("/preview", data={"text": "普京"}).text  # no checkbox: zh-CN, zh-TW, zh-HK
    assert re.findall(r'data-variant="([^"]+)"', default) == ["zh-CN", "zh-TW", "zh-HK"]
    unknown = client.post("/preview", data={"text": "普京", "to": "xx-YY"})
    assert unknown.status_code == 422
    assert "unknown Chinese variant" in unknown.text


def test_preview_flags_wrong_script_characters(client: TestClient) -> None:
    """A document rule with its scripts swapped writes the other script; a literal is the author's."""
    planted = client.post("/preview", data={"text": "-{H|zh-cn:鮮卑;zh-tw:鲜卑;}-古代的鲜卑人", "to": "zh-CN"}).text
    assert '<mark class="leftover" title="鮮: the wrong script for zh-CN">鮮</mark>' in planted
    assert "1 wrong-script characters: 鮮" in planted
    literal = client.post("/preview", data={"text": "古代的-{鮮卑}-人", "to": "zh-CN"}).text
    assert "鮮卑" in literal
    assert 'class="leftover"' not in literal
    assert "no wrong-script characters" in literal


@pytest.mark.parametrize(
    "path",
    [
        "/articles/..%2f..%2fetc%2fpasswd",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/articles/%2e%2e",
        "/api/entries/../../x",
        "/api/entries/..%2f..%2fx",
        "/glossary/..%2f..%2fpyproject.toml",
        "/static/..%2f__init__.py",
        "/static/__init__.py",
        "/articles/dprk-russia-relations.md",
    ],
)
def test_no_request_reaches_the_file_system(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert "root:" not in answer.text
    assert "[project]" not in answer.text


def test_pages_and_files_that_are_there(client: TestClient) -> None:
    """The controls of the test above."""
    for path in ("/", "/preview", "/articles", "/glossary", "/static/workbench.css", "/static/lookup.js"):
        assert client.get(path).status_code == 200, path


def test_every_answer_carries_a_strict_csp(client: TestClient) -> None:
    for path in ("/", "/api/lookup?q=%E6%99%AE", "/nothing", "/static/workbench.css", "/openapi.json"):
        answer = client.get(path)
        policy = answer.headers["content-security-policy"]
        assert policy.startswith("default-src 'self'"), path
        assert "unsafe-inline" not in policy, path
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
    for page in (client.get("/").text, client.get("/glossary").text):
        assert "<style" not in page
        assert " style=" not in page
        assert "http://" not in page
        assert "https://" not in page


def test_the_article_page_allows_its_own_stylesheet_by_hash(client: TestClient) -> None:
    answer = client.get("/articles/zh-TW")
    assert answer.status_code == 200
    assert '<html lang="zh-Hant-TW">' in answer.text
    style = re.search(r"<style>(.*?)</style>", answer.text, re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style[1].encode()).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}'" in answer.headers["content-security-policy"]
    assert "unsafe-inline" not in answer.headers["content-security-policy"]
    # The switcher links every version, which the same route serves (as render --out-dir names them).
    links = re.findall(r'<nav class="variants".*?</nav>', answer.text, re.DOTALL)[0]
    assert 'href="zh-CN.html"' in links
    assert 'href="ko-KP.html"' in links
    assert client.get("/articles/ko-KP.html").status_code == 200
    assert "普丁" in answer.text
    assert "<main>" in answer.text


def test_the_articles_page_lists_every_version(client: TestClient, workbench: Workbench) -> None:
    page = client.get("/articles").text
    listed = re.findall(r'<a href="/articles/([^"]+)"', page)
    assert listed[:8] == [v.tag for v in workbench.registry.chinese]
    assert {"ko-KP", "ru", "en"} <= set(listed)


def test_host_header_must_name_loopback(workbench: Workbench) -> None:
    app = make_app(workbench)
    with TestClient(app, base_url="http://evil.example") as outside:
        refused = outside.get("/")
        assert refused.status_code == 400
        assert "127.0.0.1" in refused.text
        assert refused.headers["content-security-policy"].startswith("default-src 'self'")
    for base in ("http://localhost:8765", "http://127.0.0.1", "http://[::1]:8765"):
        with TestClient(app, base_url=base) as inside:
            assert inside.get("/").status_code == 200, base
    anywhere = make_app(workbench, host="0.0.0.0")
    with TestClient(anywhere, base_url="http://workstation.lan") as lan:
        assert lan.get("/").status_code == 200


def test_read_only(client: TestClient) -> None:
    for path in ("/", "/glossary", "/api/lookup", "/api/entries/vladimir-putin"):
        assert client.post(path).status_code == 405
    assert client.get("/api/convert").status_code == 405
    assert client.put("/api/convert", json={"text": "x", "to": "zh-TW"}).json() == {"error": "PUT is not allowed here"}


def test_a_slow_conversion_is_503(workbench: Workbench) -> None:
    hurried = make_app(workbench, bounds=Bounds(timeout=1e-6))
    with TestClient(hurried, base_url=BASE) as client:
        answer = client.post("/api/convert", json={"text": "中" * 50_000, "to": "zh-TW"})
        assert answer.status_code == 503
        assert "longer than" in answer.json()["error"]


def test_glossary_page_by_group_and_kind_with_filters(client: TestClient, workbench: Workbench) -> None:
    snapshot = workbench.snapshot()
    everything = client.get("/glossary").text
    assert f"{len(snapshot.glossary.entries)} of {len(snapshot.glossary.entries)} entries" in everything
    assert re.findall(r'data-group="([^"]+)"', everything) == [g.name for g in snapshot.glossary.groups]
    lacking = client.get("/glossary", params={"lacking": "ko-KP"}).text
    without = [e.id for e in snapshot.glossary.entries if not any("ko-KP" in row.forms for row in e.rows)]
    assert without
    assert f"{len(without)} of " in lacking
    assert f'href="/glossary/{without[0]}"' in lacking
    assert 'href="/glossary/vladimir-putin"' not in lacking  # it has 뿌찐
    people = client.get("/glossary", params={"group": "people", "kind": "person"}).text
    assert re.findall(r'data-group="([^"]+)"', people) == ["people"]
    assert client.get("/glossary", params={"kind": "nonsense"}).status_code == 422


def test_an_entry_page_shows_where_the_article_uses_it(client: TestClient) -> None:
    page = client.get("/glossary/vladimir-putin").text
    assert "<h1>vladimir-putin</h1>" in page
    assert "뿌찐" in page
    assert "Rodong Sinmun" in page
    uses = re.search(r"(\d+) uses in the", page)
    assert uses is not None
    assert int(uses[1]) > 0
    assert "<mark>普京</mark>" in page
    assert client.get("/glossary/no-such-entry").status_code == 404


@pytest.fixture
def own_glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder)
    return folder


class Clock:
    """A clock the test moves (the workbench looks at the files at most once a second)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_reload_after_a_glossary_file_changes(own_glossary: Path) -> None:
    clock = Clock()
    workbench = Workbench(GlossarySelection.of([own_glossary]), clock=clock)
    with TestClient(make_app(workbench), base_url=BASE) as client:
        body = {"text": "普京", "to": "zh-TW"}
        assert client.post("/api/convert", json=body).json() == {"text": "普丁"}
        _replace(own_glossary / "people.yaml", "        zh-TW: 普丁\n", "        zh-TW: 蒲亭\n")
        clock.now += 0.5  # within a second: the files are not looked at
        assert client.post("/api/convert", json=body).json() == {"text": "普丁"}
        clock.now += 1.0
        assert client.post("/api/convert", json=body).json() == {"text": "蒲亭"}
        assert client.get("/api/lookup", params={"q": "蒲亭"}).json()[0]["id"] == "vladimir-putin"
        assert workbench.reloads == 1
        # A file saved half edited: the glossary before it stays, and every page says why.
        _replace(own_glossary / "people.yaml", "  - id: joseph-stalin\n", "  - id: joseph-stalin\n  broken: [\n")
        clock.now += 1.0
        assert client.post("/api/convert", json=body).json() == {"text": "蒲亭"}
        assert workbench.problem is not None
        assert "not reloaded" in workbench.problem
        assert 'class="problem"' in client.get("/").text
        assert workbench.reloads == 1


def test_drafts_from_glossary_suggest(own_glossary: Path) -> None:
    draft = (
        "group: drafts\ntitle: {en: Drafts}\ndescription: Draft entries (termloc glossary suggest)\nentries:\n"
        f"  - id: draft-0-sergei-shoigu\n    kind: person\n    note: >-\n      {DRAFT_NOTE}\n"
        "    sources:\n      - \"zhwiki CGroup/政治人物 'Shoigu': zh-cn 绍伊古\"\n"
        "    terms:\n      - zh-Hans: 绍伊古\n        ru: Шойгу\n"
    )
    (own_glossary / "zz-drafts.yaml").write_text(draft, encoding="utf-8")
    with TestClient(make_app(Workbench(GlossarySelection.of([own_glossary]))), base_url=BASE) as client:
        drafts = client.get("/glossary", params={"drafts": "1"}).text
        assert re.findall(r'href="/glossary/([^"]+)"', drafts) == ["draft-0-sergei-shoigu"]
        everything = client.get("/glossary").text
        assert 'href="/glossary/draft-0-sergei-shoigu"' in everything
        assert 'href="/glossary/vladimir-putin"' in everything
        assert "review it" in client.get("/glossary/draft-0-sergei-shoigu").text


def test_serve_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if it were not installed
    assert main(["serve"]) == 2
    assert (
        capsys.readouterr().err == "termloc: termloc serve needs Starlette and uvicorn: pip install 'termloc[serve]'\n"
    )


def test_serve_on_a_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err == f"termloc: port {port} on 127.0.0.1 is in use; choose another with --port\n"
    assert main(["serve", "--port", "70000"]) == 2


def test_serve_with_a_glossary_that_is_not_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing.yaml"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["serve", "--port", str(port), "--glossary", str(missing)]) == 1
    assert capsys.readouterr().err == f"termloc: {missing}: no such glossary file or folder\n"
    assert main(["serve", "--host", "nowhere.invalid"]) == 1
    assert capsys.readouterr().err.startswith("termloc: cannot listen on 'nowhere.invalid': ")


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8765/"),
        ("::1", "http://[::1]:8765/"),
        ("0.0.0.0", "http://127.0.0.1:8765/"),  # every address: open it on loopback
        ("localhost", "http://localhost:8765/"),
    ],
)
def test_the_address_to_open(host: str, url: str) -> None:
    from termloc.cli.serve import url_of

    assert url_of(host, 8765) == url
