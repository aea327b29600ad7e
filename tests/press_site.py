"""A ministry's website on 127.0.0.1 for the fetch tests: press pages, RSS/Atom/RDF feeds,
and the misbehaviour a real site shows (404, 500, a server that never answers, a redirect
to a file, a page too big, hostile XML). It answers conditional requests as a real server
does and logs every request, so a test can show what a second run downloads.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

LAST_MODIFIED = "Fri, 20 Nov 2026 08:00:00 GMT"

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Ministry of Foreign Affairs</title>
<meta property="og:site_name" content="Ministry of Foreign Affairs">
</head><body>
<nav><a href="/">Home</a> <a href="/press/">Press</a> <a href="/contacts">Contacts</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<footer><p>Tell a friend</p><p>© Ministry of Foreign Affairs. All rights reserved.</p></footer>
</body></html>"""

PAGES = {
    "/press/2026/11/20/water-agreement": (
        "Kazakhstan and Uzbekistan sign a water-sharing agreement",
        [
            "Kazakhstan and Uzbekistan signed an agreement in Tashkent on Friday that sets "
            "each country's share of the Syr Darya's water for the next ten years.",
            "Under the agreement, Kazakhstan will receive 42 percent of the river's flow "
            "during the summer irrigation season and 35 percent in winter.",
            "The two governments will also build a joint monitoring station near the border "
            "crossing at Zhibek Zholy, which is due to open in 2027.",
            "The agreement follows three rounds of talks between the water ministries held "
            "in Astana and Tashkent since March.",
        ],
    ),
    "/press/2026/11/19/visa-free": (
        "Visa-free entry extended to citizens of twelve more countries",
        [
            "The government extended visa-free entry for up to 30 days to citizens of twelve "
            "more countries, the Ministry of Foreign Affairs said on Thursday.",
            "The change takes effect on 1 January and covers business travel as well as "
            "tourism and visits to relatives.",
            "The ministry expects the number of foreign visitors to grow by a fifth next year "
            "as airlines add direct flights from the Gulf and South-East Asia.",
        ],
    ),
    "/press/2026/11/02/archive": (
        "Consular fees revised",
        [
            "Consular fees for document legalisation were revised with effect from the first "
            "day of the month, the ministry said in a statement published today.",
            "The new fees are listed on the ministry's website for each type of document.",
        ],
    ),
    "/news/123": (
        "Deputy minister meets the OSCE mission head",
        [
            "Deputy Foreign Minister Aibek Nurlanov met the head of the OSCE Programme Office "
            "in Astana on Friday to discuss the mission's plans for next year.",
            "The sides agreed to hold a joint seminar on border management for customs "
            "officers from Central Asian countries in the spring.",
            "The deputy minister thanked the office for its support of the national human "
            "rights action plan adopted in October.",
        ],
    ),
}

_RSS_ITEMS = [
    ("/press/2026/11/20/water-agreement", "Fri, 20 Nov 2026 09:30:00 +0500"),
    ("/press/2026/11/19/visa-free", "Thu, 19 Nov 2026 16:00:00 +0500"),
    ("/press/2026/11/02/archive", "Mon, 02 Nov 2026 11:00:00 +0500"),
]


def rss_feed() -> bytes:
    items = "".join(
        f"<item><title>{PAGES[path][0]}</title><link>{path}</link>"
        f"<pubDate>{published}</pubDate></item>"
        for path, published in _RSS_ITEMS
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Ministry of Foreign Affairs</title><link>/press/</link>"
        f"{items}</channel></rss>"
    ).encode()


def atom_feed() -> bytes:
    entries = "".join(
        f'<entry><title>{PAGES[path][0]}</title><link href="{path}"/>'
        f"<published>{iso}</published><updated>{iso}</updated></entry>"
        for path, iso in [
            ("/press/2026/11/20/water-agreement", "2026-11-20T09:30:00+05:00"),
            ("/press/2026/11/02/archive", "2026-11-02T11:00:00Z"),
        ]
    )
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Ministry of Foreign Affairs</title>{entries}</feed>"
    ).encode()


def rdf_feed() -> bytes:
    return (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<channel><title>Ministry of Foreign Affairs</title></channel>"
        b"<item><title>Visa-free entry</title><link>/press/2026/11/19/visa-free</link>"
        b"<dc:date>2026-11-19T16:00:00+05:00</dc:date></item></rdf:RDF>"
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel><title>&d;</title></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><title>&secret;</title><link>/news/123</link></item></channel></rss>"""


def big_feed(entries: int = 50_000) -> bytes:
    """A feed of ``entries`` items, all but the first two years old."""
    items = [
        f"<item><title>Old item {n}</title><link>/old/{n}</link>"
        f"<pubDate>Mon, 02 Nov 2024 11:00:00 +0000</pubDate></item>"
        for n in range(entries - 2)
    ]
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Archive</title>'
        + "".join(
            f"<item><title>{PAGES[path][0]}</title><link>{path}</link>"
            f"<pubDate>{published}</pubDate></item>"
            for path, published in _RSS_ITEMS[:2]
        )
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def page(path: str) -> bytes:
    title, paragraphs = PAGES[path]
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return _PAGE.format(title=title, paragraphs=body).encode()


@dataclass
class Request:
    path: str
    conditional: bool
    user_agent: str
    accept_encoding: str


@dataclass
class Site:
    base: str
    log: list[Request] = field(default_factory=list)
    extra: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    busy: int = 0  # requests being answered now
    busiest: int = 0  # the most at one time
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        return [request.path for request in self.log]


ROUTES = {
    "/press/rss.xml": ("application/rss+xml", rss_feed),
    "/press/atom.xml": ("application/atom+xml", atom_feed),
    "/press/rdf.xml": ("application/rdf+xml", rdf_feed),
    "/feeds/bomb.xml": ("application/rss+xml", lambda: BILLION_LAUGHS),
    "/feeds/secret.xml": ("application/rss+xml", lambda: EXTERNAL_ENTITY),
    "/feeds/archive.xml": ("application/rss+xml", big_feed),
}


@contextmanager
def press_site() -> Iterator[Site]:
    """Serve the site on 127.0.0.1 on a free port for the length of the block."""
    site = Site("")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            conditional = bool(
                self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")
            )
            site.log.append(
                Request(
                    self.path,
                    conditional,
                    self.headers.get("User-Agent", ""),
                    self.headers.get("Accept-Encoding", ""),
                )
            )
            path = self.path
            if path == "/slow":
                time.sleep(3)  # longer than the tests' timeout
                return self._send(200, "text/html", page("/news/123"))
            if path == "/to-file":
                return self._send(302, "text/plain", b"", {"Location": "file:///etc/passwd"})
            if path == "/moved":
                return self._send(301, "text/plain", b"", {"Location": "/news/123"})
            if path == "/loop":
                return self._send(302, "text/plain", b"", {"Location": "/loop"})
            if path == "/broken":
                return self._send(500, "text/plain", b"Internal Server Error")
            if path == "/huge":
                return self._stream_huge()
            if path.startswith("/busy/"):  # slow enough for requests to overlap
                with site.lock:
                    site.busy += 1
                    site.busiest = max(site.busiest, site.busy)
                time.sleep(0.2)
                with site.lock:
                    site.busy -= 1
                return self._send(200, "text/html", page("/news/123"))
            if path == "/gzip":
                body = gzip.compress(page("/news/123"))
                return self._send(200, "text/html", body, {"Content-Encoding": "gzip"})
            if path in site.extra:
                kind, body = site.extra[path]
                return self._send(200, kind, body)
            if path in PAGES:
                return self._send(200, "text/html; charset=utf-8", page(path), cacheable=True)
            if path in ROUTES:
                kind, make = ROUTES[path]
                return self._send(200, kind, make(), cacheable=True)
            if path.startswith("/old/"):
                return self._send(200, "text/html", page("/press/2026/11/02/archive"))
            return self._send(404, "text/plain", b"Not Found")

        def _send(
            self,
            status: int,
            kind: str,
            body: bytes,
            headers: dict[str, str] | None = None,
            cacheable: bool = False,
        ) -> None:
            extra = dict(headers or {})
            if cacheable:
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                extra.update({"ETag": etag, "Last-Modified": LAST_MODIFIED})
                if self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in extra.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _stream_huge(self) -> None:
            """Eleven megabytes without a Content-Length: only counting stops it."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for _ in range(11 * 16):
                    self.wfile.write(b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n")
            except OSError:
                pass  # the client stopped reading: as intended

        def log_message(self, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that stops reading (the size cap) is what some tests do

    server = Server(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
