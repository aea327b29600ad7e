"""Pages and feeds as inputs (issue #13): fetched from a ministry site that the tests run
on 127.0.0.1 (tests/press_site.py), politely and through a cache; every bad case one line.
No test here touches the internet."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.config import FetchOptions
from briefgen.errors import InputFileError
from briefgen.feeds import looks_like_feed, parse_feed
from briefgen.fetch import USER_AGENT, Fetcher
from briefgen.web import read_addresses

from .conftest import GOLDEN
from .press_site import PAGES, Site, atom_feed, big_feed, press_site, rdf_feed, rss_feed
from .test_formats import RELEASE, _pdf

runner = CliRunner()
DAY = "2026-11-20"
PLACEHOLDER = "http://press.example"


@pytest.fixture
def site() -> Iterator[Site]:
    with press_site() as running:
        yield running


def _brief(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["brief", *args, "--date", DAY])
    return result.exit_code, result.stdout, result.stderr


# --- feeds ---------------------------------------------------------------------------


@pytest.mark.parametrize("make", [rss_feed, atom_feed, rdf_feed])
def test_rss_atom_and_rdf_feeds_give_links_titles_and_dates(make) -> None:
    data = make()
    assert looks_like_feed(data)
    entries = parse_feed(data, "feed")
    assert entries
    assert all(entry.link.startswith("/press/") for entry in entries)
    assert all(entry.title and entry.date for entry in entries)
    assert entries[0].site == "Ministry of Foreign Affairs"


def test_a_page_is_not_taken_for_a_feed() -> None:
    from .press_site import page

    assert not looks_like_feed(page("/news/123"))
    assert not looks_like_feed(b"<?xml version='1.0'?><html><body>x</body></html>")


def test_feed_dates_are_the_publishers_own() -> None:
    water = parse_feed(rss_feed(), "feed")[0]
    assert (water.date, water.time) == (date(2026, 11, 20), "09:30")


# --- a briefing from the web ---------------------------------------------------------


def test_a_feed_and_a_page_make_one_briefing_linked_to_their_sources(
    site: Site, tmp_path: Path
) -> None:
    cache = str(tmp_path / "cache")
    code, out, err = _brief(
        f"{site.base}/press/rss.xml", f"{site.base}/news/123", "--cache", cache, "-f", "json"
    )
    assert code == 0, err
    items = json.loads(out)["items"]
    by_url = {item["url"]: item for item in items}
    assert set(by_url) == {
        f"{site.base}/press/2026/11/20/water-agreement",
        f"{site.base}/press/2026/11/19/visa-free",
        f"{site.base}/news/123",
    }
    water = by_url[f"{site.base}/press/2026/11/20/water-agreement"]
    assert water["title"] == PAGES["/press/2026/11/20/water-agreement"][0]  # the feed's
    assert (water["date"], water["date_source"]) == ("2026-11-20", "feed")
    assert water["site"] == "Ministry of Foreign Affairs"
    assert not any("Tell a friend" in s for item in items for s in item["summary"])
    # The entry of 2 November is outside the day and the day before: never fetched.
    assert "/press/2026/11/02/archive" not in site.paths()
    assert all(request.user_agent == USER_AGENT for request in site.log)
    assert all("gzip" in request.accept_encoding for request in site.log)


def test_since_and_until_choose_the_feed_entries(site: Site, tmp_path: Path) -> None:
    code, out, err = _brief(
        f"{site.base}/press/atom.xml",
        *("--since", "2026-11-01", "--until", "2026-11-05"),
        *("--cache", str(tmp_path), "-f", "json"),
    )
    assert code == 0, err
    titles = [item["title"] for item in json.loads(out)["items"]]
    assert titles == ["Consular fees revised"]
    assert "/press/2026/11/20/water-agreement" not in site.paths()


def test_a_second_run_asks_only_whether_pages_changed_and_offline_reads_the_cache(
    site: Site, tmp_path: Path
) -> None:
    args = (f"{site.base}/press/rss.xml", f"{site.base}/news/123", "--cache", str(tmp_path))
    first = _brief(*args)
    assert first[0] == 0, first[2]
    fetched = sorted(site.paths())
    site.log.clear()
    second = _brief(*args)
    assert second == first
    assert sorted(site.paths()) == fetched
    assert all(request.conditional for request in site.log)
    site.log.clear()
    assert _brief(*args, "--offline") == first
    assert site.log == []


def test_offline_without_a_cached_copy_says_so(site: Site, tmp_path: Path) -> None:
    code, _, err = _brief(f"{site.base}/news/123", "--offline", "--cache", str(tmp_path))
    assert code == 4
    assert f"{site.base}/news/123: not in the cache; fetch it once without --offline" in err
    assert site.log == []


def test_summarize_a_web_page(site: Site, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["summarize", f"{site.base}/moved", "--cache", str(tmp_path), "-f", "json", "-n", "1"],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["url"] == f"{site.base}/news/123"  # where the redirect led
    assert record["summary"] == [PAGES["/news/123"][1][0]]


def test_sources_in_the_configuration_are_briefed_without_inputs(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "talks.txt").write_text("\n\n".join(RELEASE[:3]), encoding="utf-8")
    (tmp_path / "briefgen.toml").write_text(
        f'sources = ["{site.base}/press/rss.xml", "inbox"]\ncache = "cache"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = _brief("-f", "json")
    assert code == 0, err
    sources = {item["source"] for item in json.loads(out)["items"]}
    assert str(inbox / "talks.txt") in sources
    assert f"{site.base}/press/2026/11/20/water-agreement" in sources
    assert (tmp_path / "cache").is_dir()


def test_without_inputs_or_sources_brief_says_what_to_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _brief()
    assert code == 2
    assert "no INPUT" in err
    (tmp_path / "briefgen.toml").write_text('sources = "inbox"\n', encoding="utf-8")
    code, _, err = _brief()
    assert code == 2
    assert "sources must be a list" in err


def test_new_only_covers_web_releases(site: Site, tmp_path: Path) -> None:
    args = (f"{site.base}/press/rss.xml", "--cache", str(tmp_path / "c"), "--new-only")
    state = ("--state", str(tmp_path / "state.json"))
    assert _brief(*args, *state)[0] == 0
    code, _, err = _brief(*args, *state)
    assert code == 4
    assert "already covered" in err


# --- the command of the issue: every kind of input, compared to golden files --------


def _mail() -> bytes:
    message = EmailMessage()
    message["Subject"] = "Embassy opens a consular office in Shymkent"
    message["From"] = "press@embassy.example"
    message["Date"] = "Thu, 19 Nov 2026 14:05:00 +0500"
    message.set_content(
        "The Embassy will open a consular office in Shymkent on 1 December to serve "
        "applicants from the southern regions.\n\n"
        "The office will accept visa applications on weekdays and will issue passports to "
        "citizens living in the region within ten working days.\n\n"
        "Appointments can be made by telephone from next Monday.\n"
    )
    return message.as_bytes()


def _docx(path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Trade mission to Kazakhstan in March", level=1)
    for text in [
        "A trade mission of forty companies will visit Almaty and Astana in March, the "
        "Chamber of Commerce announced on Thursday.",
        "The companies work in agriculture, logistics and renewable energy, and will meet "
        "regional governors and the national investment agency.",
        "Applications to join the mission close on 15 January.",
    ]:
        word.add_paragraph(text)
    word.save(str(path))


def _every_kind(site: Site, folder: Path) -> list[str]:
    (folder / "release.pdf").write_bytes(_pdf(RELEASE))
    _docx(folder / "release.docx")
    (folder / "mail.eml").write_bytes(_mail())
    return [
        f"{site.base}/press/rss.xml",
        f"{site.base}/news/123",
        "release.pdf",
        "release.docx",
        "mail.eml",
    ]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_every_kind_of_input_in_one_briefing_matches_golden(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = _every_kind(site, tmp_path)
    code, _, err = _brief(*inputs, "--cache", "cache", "-o", f"briefing.{fmt}")
    assert code == 0, err
    actual = (tmp_path / f"briefing.{fmt}").read_text(encoding="utf-8")
    actual = actual.replace(site.base, PLACEHOLDER)
    golden = GOLDEN / f"sources.{fmt}"
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, "".join(
        difflib.unified_diff(expected.splitlines(True), actual.splitlines(True))
    )


def test_every_kind_of_input_in_one_pdf_with_links(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf

    monkeypatch.chdir(tmp_path)
    code, _, err = _brief(*_every_kind(site, tmp_path), "--cache", "cache", "-o", "b.pdf")
    assert code == 0, err
    reader = pypdf.PdfReader(tmp_path / "b.pdf")
    links = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    }
    for path in ("/press/2026/11/20/water-agreement", "/press/2026/11/19/visa-free", "/news/123"):
        assert f"{site.base}{path}" in links
    text = "".join(page.extract_text() for page in reader.pages)
    for title in ("Trade mission to Kazakhstan", "New visa centre", "consular office"):
        assert title in text


# --- bad input: one line each, the rest still briefed ----------------------------------


def _feed_of(site: Site, *paths: str) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{path}</link>"
        "<pubDate>Fri, 20 Nov 2026 10:00:00 +0500</pubDate></item>"
        for n, path in enumerate(paths)
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
    site.extra["/feeds/mixed.xml"] = ("application/rss+xml", body.encode())
    return f"{site.base}/feeds/mixed.xml"


def test_a_404_or_500_entry_is_listed_and_the_rest_briefed(site: Site, tmp_path: Path) -> None:
    feed = _feed_of(site, "/missing", "/press/2026/11/20/water-agreement", "/broken")
    code, out, err = _brief(feed, "--cache", str(tmp_path))
    assert code == 3
    assert "Kazakhstan and Uzbekistan signed" in out
    assert f"{site.base}/missing: the server answered 404 Not Found" in err
    assert f"{site.base}/broken: the server answered 500 Internal Server Error" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/feeds/bomb.xml", "the feed declares XML entities or a DTD; refused (never expanded)"),
        ("/feeds/secret.xml", "the feed declares XML entities or a DTD; refused (never expanded)"),
        ("/to-file", "redirected to a file: address; only http and https are fetched"),
        ("/loop", "more than 5 redirects"),
        ("/huge", "larger than 10 MB; not read (a page, not a release)"),
        ("/missing", "the server answered 404 Not Found"),
    ],
)
def test_hostile_or_broken_addresses_are_one_line_each(
    site: Site, tmp_path: Path, path: str, message: str
) -> None:
    good = f"{site.base}/news/123"
    code, out, err = _brief(f"{site.base}{path}", good, "--cache", str(tmp_path))
    assert code == 3, err
    assert "Deputy Foreign Minister Aibek Nurlanov" in out
    assert f"  {site.base}{path}: {message}" in err.splitlines()
    assert "root:" not in out + err  # /etc/passwd is never read


def test_an_entry_linking_to_a_file_is_refused(site: Site, tmp_path: Path) -> None:
    feed = _feed_of(site, "file:///etc/passwd", "/news/123")
    code, out, err = _brief(feed, "--cache", str(tmp_path))
    assert code == 3
    assert "file:///etc/passwd: a file: address; only http and https are fetched" in err
    assert "root:" not in out


def test_a_server_that_never_answers_times_out(site: Site) -> None:
    options = FetchOptions(timeout=0.5)
    with pytest.raises(InputFileError, match=r"no answer within 0.5 s"):
        Fetcher(options).get(f"{site.base}/slow")


def test_a_page_that_trickles_past_the_deadline_is_given_up(site: Site) -> None:
    from briefgen.fetch import Page

    options = FetchOptions(deadline=0.0)  # every page is late
    with pytest.raises(InputFileError, match="gave up"):
        Fetcher(options).get(f"{site.base}/news/123")
    packed = Fetcher(FetchOptions()).get(f"{site.base}/gzip")  # sent gzip-compressed
    assert isinstance(packed, Page)
    assert b"Aibek Nurlanov" in packed.data


def test_a_feed_of_fifty_thousand_entries_reads_only_the_days_entries(
    site: Site, tmp_path: Path
) -> None:
    code, out, err = _brief(f"{site.base}/feeds/archive.xml", "--cache", str(tmp_path))
    assert code == 0, err
    assert "Kazakhstan and Uzbekistan signed" in out
    assert not any(path.startswith("/old/") for path in site.paths())
    assert len(big_feed()) < FetchOptions().max_bytes


def test_a_feed_reads_at_most_its_newest_entries(site: Site, tmp_path: Path) -> None:
    feed = _feed_of(site, *(f"/old/{n}" for n in range(8)))
    web = read_addresses(
        [feed], FetchOptions(max_entries=3, cache_dir=tmp_path), briefing_date=date(2026, 11, 20)
    )
    assert len([p for p in site.paths() if p.startswith("/old/")]) == 3
    assert [str(f) for f in web.failures] == [
        f"{feed}: 8 entries within the dates; only the newest 3 were read"
    ]


def test_only_web_addresses_are_fetched() -> None:
    with pytest.raises(InputFileError, match="a ftp: address; only http and https"):
        Fetcher(FetchOptions()).get("ftp://example.org/release.txt")


def test_a_damaged_cache_entry_is_fetched_again(site: Site, tmp_path: Path) -> None:
    fetcher = Fetcher(FetchOptions(cache_dir=tmp_path))
    url = f"{site.base}/news/123"
    first = fetcher.get(url)
    for entry in tmp_path.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    site.log.clear()
    again = fetcher.get(url)
    assert again.data == first.data
    assert [request.conditional for request in site.log] == [False]


def test_the_python_api_reads_pages_and_feeds(site: Site, tmp_path: Path) -> None:
    import briefgen

    briefing = briefgen.build_briefing(
        [f"{site.base}/press/rss.xml"], date=date(2026, 11, 20), cache=tmp_path
    )
    urls = {item.document.url for item in briefing.items}
    assert f"{site.base}/press/2026/11/19/visa-free" in urls
    site.log.clear()
    offline = briefgen.build_briefing(
        [f"{site.base}/press/rss.xml"], date=date(2026, 11, 20), cache=tmp_path, offline=True
    )
    assert briefgen.render(offline, "md") == briefgen.render(briefing, "md")
    assert site.log == []


def test_pages_are_cached_in_the_users_cache_folder_by_default(site: Site) -> None:
    import os

    result = runner.invoke(app, ["summarize", f"{site.base}/news/123", "-n", "1"])
    assert result.exit_code == 0, result.output
    cached = Path(os.environ["XDG_CACHE_HOME"]) / "briefgen" / "pages"
    assert len(list(cached.glob("*.body"))) >= 1


def test_the_readme_sources_example_works(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Sources", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "briefgen.toml").write_text(
        example.replace("https://mfa.example.org", site.base), encoding="utf-8"
    )
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "talks.txt").write_text("\n\n".join(RELEASE[:3]), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = _brief("--state", "state.json")
    assert code == 0, err
    assert "**Uzbekistan**" in out  # the example's watch-list marks its terms
    out = out.replace("**", "")
    assert "Kazakhstan and Uzbekistan signed" in out  # the feed
    assert "Aibek Nurlanov" in out  # the page
    assert "visa centre will open in Almaty" in out  # the folder
    assert (tmp_path / "state.json").exists()  # new_only = true


def test_at_most_two_requests_to_one_host_at_a_time(site: Site) -> None:
    urls = [f"{site.base}/busy/{n}" for n in range(8)]
    web = read_addresses(urls, FetchOptions(), briefing_date=date(2026, 11, 20))
    assert len(web.releases) == 8
    assert 1 <= site.busiest <= 2  # two at once on any ordinary machine; never three


def test_a_server_that_is_not_there_is_one_line() -> None:
    import socket

    with socket.socket() as unused:  # a port nothing listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(InputFileError, match=r"cannot connect \(connection refused\)"):
        Fetcher(FetchOptions()).get(f"http://127.0.0.1:{port}/press/rss.xml")


def test_batch_writes_a_document_per_web_release_beside_files(site: Site, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "talks.txt").write_text("\n\n".join(RELEASE[:3]), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "batch",
            f"{site.base}/press/rss.xml",
            f"{site.base}/news/123",
            f"{site.base}/missing",
            str(tmp_path / "in"),
            *("-o", str(out), "-f", "md", "--date", DAY, "--cache", str(tmp_path / "c")),
        ],
    )
    assert result.exit_code == 3, result.output  # the 404 is listed
    assert f"{site.base}/missing: the server answered 404 Not Found" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "talks.md",
        "web-123.md",
        "web-visa-free.md",
        "web-water-agreement.md",
    ]
    water = (out / "web-water-agreement.md").read_text(encoding="utf-8")
    assert f"({site.base}/press/2026/11/20/water-agreement)" in water.replace("<", "(").replace(
        ">", ")"
    )


def test_batch_by_date_briefs_web_releases_with_the_files(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "batch",
            f"{site.base}/press/rss.xml",
            *("-o", str(out), "-f", "md", "--by-date", "--date", DAY),
            *("--cache", str(tmp_path / "c")),
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "briefing-2026-11-19.md",
        "briefing-2026-11-20.md",
    ]


def test_feed_titles_lose_markup_and_written_dates_are_read() -> None:
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>МИД</title>'
        "<item><title><![CDATA[<b>Переговоры</b> в Астане]]></title><link>/a</link>"
        "<pubDate>20 ноября 2026, 09:30</pubDate></item>"
        "<item><title>Undated</title><link>/b</link><pubDate>yesterday</pubDate></item>"
        "</channel></rss>"
    ).encode()
    first, second = parse_feed(feed, "feed")
    assert first.title == "Переговоры в Астане"
    assert (first.date, first.time) == (date(2026, 11, 20), "09:30")
    assert second.published is None  # relative to a clock briefgen does not read
