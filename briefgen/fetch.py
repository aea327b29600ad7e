"""Fetch web pages and feeds politely, through a cache that makes a second run cheap.

http and https only (also after a redirect), a few redirects, connect and read
timeouts and a deadline per page, a size cap, gzip accepted, a User-Agent that says
who asks, at most two requests to one host at a time. The cache keeps each address's
last answer with its ETag/Last-Modified, so the next request is conditional and an
unchanged page is not downloaded again; offline, only the cache answers.

Every failure is an ``InputFileError`` naming the address and the cause.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from briefgen import __version__
from briefgen.config import FetchOptions
from briefgen.errors import InputFileError

if TYPE_CHECKING:  # urllib3 loads only when a page is fetched
    from urllib3 import BaseHTTPResponse

USER_AGENT = f"briefgen/{__version__} (press-release briefings; one request per page)"
_REDIRECTS = (301, 302, 303, 307, 308)
_CACHED_HEADERS = ("etag", "last-modified", "content-type")


def default_cache_dir() -> Path:
    """Where fetched pages are kept unless told: the user's cache folder of the system."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefgen")) / "pages"


def fetch_options(cache: Path | None = None, offline: bool = False) -> FetchOptions:
    """Fetching through ``cache``, by default the user's cache folder."""
    return FetchOptions(cache_dir=cache or default_cache_dir(), offline=offline)


def is_web_address(text: str) -> bool:
    """Whether a command-line input is a web address rather than a file or folder."""
    return text.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Page:
    """A fetched address: where it ended after redirects, its type and its bytes."""

    url: str
    final_url: str
    content_type: str
    data: bytes


def _checked_scheme(url: str, requested: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        what = f"a {scheme}: address" if scheme else "an address without a scheme"
        if url == requested:
            raise InputFileError(f"{what}; only http and https are fetched", requested)
        raise InputFileError(f"redirected to {what}; only http and https are fetched", requested)


class Cache:
    """One JSON file of headers and one file of bytes per address, named by its hash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def get(self, url: str) -> tuple[dict[str, str], bytes] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            data = body_path.read_bytes()
        except (OSError, ValueError):
            return None  # never cached, or a damaged entry: fetched afresh
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        return {str(k): str(v) for k, v in meta.items()}, data

    def put(self, url: str, meta: dict[str, str], data: bytes) -> None:
        from briefgen.output import write_atomic

        meta_path, body_path = self._paths(url)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(body_path, data)  # the body first: headers never point at nothing
            write_atomic(meta_path, json.dumps({**meta, "url": url}, sort_keys=True))
        except Exception:  # a cache that cannot be written costs a download next time
            pass


class Fetcher:
    """Fetches addresses; safe to share between threads."""

    def __init__(self, options: FetchOptions) -> None:
        import urllib3

        self.options = options
        self.cache = Cache(options.cache_dir) if options.cache_dir else None
        self._pool = urllib3.PoolManager(
            num_pools=32,
            maxsize=options.per_host,
            retries=False,
            timeout=urllib3.Timeout(connect=options.timeout, read=options.timeout),
        )
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    @contextmanager
    def _host_turn(self, url: str) -> Iterator[None]:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            turn = self._hosts.setdefault(host, threading.BoundedSemaphore(self.options.per_host))
        with turn:
            yield

    def get(self, url: str) -> Page:
        """The address's bytes: from the cache when offline or unchanged, else downloaded."""
        _checked_scheme(url, url)
        cached = self.cache.get(url) if self.cache else None
        if self.options.offline:
            if cached is None:
                raise InputFileError("not in the cache; fetch it once without --offline", url)
            meta, data = cached
            return Page(url, meta.get("final_url", url), meta.get("content-type", ""), data)
        return self._download(url, cached)

    def _download(self, url: str, cached: tuple[dict[str, str], bytes] | None) -> Page:
        import urllib3

        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        if cached:
            meta = cached[0]
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last-modified"):
                headers["If-Modified-Since"] = meta["last-modified"]
        started = time.monotonic()
        current = url
        try:
            for _ in range(self.options.max_redirects + 1):
                with self._host_turn(current):
                    response = self._pool.request(
                        "GET",
                        current,
                        headers=headers,
                        redirect=False,
                        preload_content=False,
                    )
                    complete = False
                    try:
                        if response.status in _REDIRECTS and response.headers.get("Location"):
                            current = urljoin(current, response.headers["Location"])
                            _checked_scheme(current, url)
                            continue
                        if response.status == 304 and cached:
                            return Page(
                                url,
                                cached[0].get("final_url", current),
                                cached[0].get("content-type", ""),
                                cached[1],
                            )
                        if response.status != 200:
                            reason = response.reason or ""
                            raise InputFileError(
                                f"the server answered {response.status} {reason}".rstrip(), url
                            )
                        data = self._body(response, url, started)
                        complete = True
                    finally:
                        if complete:
                            response.release_conn()
                        else:  # a body left unread must not meet the next request
                            response.close()
                kept = {
                    name: response.headers[name]
                    for name in _CACHED_HEADERS
                    if response.headers.get(name)
                }
                if self.cache:
                    self.cache.put(url, {**kept, "final_url": current}, data)
                return Page(url, current, kept.get("content-type", ""), data)
        except urllib3.exceptions.NewConnectionError as error:  # a TimeoutError subclass
            raise InputFileError(f"cannot connect ({_reason(error)})", url) from None
        except urllib3.exceptions.TimeoutError:
            raise InputFileError(
                f"no answer within {self.options.timeout:g} s (server too slow or down)", url
            ) from None
        except urllib3.exceptions.HTTPError as error:
            raise InputFileError(f"cannot fetch ({_reason(error)})", url) from None
        raise InputFileError(f"more than {self.options.max_redirects} redirects", url)

    def _body(self, response: BaseHTTPResponse, url: str, started: float) -> bytes:
        """The decoded body, refused as soon as it passes the size cap or the deadline
        (gzip is counted unpacked, so a small bomb is refused too)."""
        cap = self.options.max_bytes
        too_big = f"larger than {cap // (1024 * 1024)} MB; not read (a page, not a release)"
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > cap:
            raise InputFileError(too_big, url)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.stream(64 * 1024, decode_content=True):
            size += len(chunk)
            if size > cap:
                raise InputFileError(too_big, url)
            if time.monotonic() - started > self.options.deadline:
                raise InputFileError(
                    f"not received within {self.options.deadline:g} s; gave up", url
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _reason(error: Exception) -> str:
    """The cause of a failed request in a few words ("connection refused", not a repr)."""
    cause: BaseException | None = error
    for _ in range(10):
        if cause is None:
            break
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror.lower()
        cause = getattr(cause, "reason", None) or cause.__cause__ or cause.__context__
        if isinstance(cause, str):
            return cause
    text = str(error)
    return text.split(": ", 1)[-1] if ": " in text else text or type(error).__name__
