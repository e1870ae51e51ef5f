"""`embargo update`: download the official list files and load them, never a bad download.

Per source: conditional GET of each official URL (ETag / Last-Modified remembered in the store),
retries with exponential back-off on 5xx, timeouts and dropped connections, download into a
temporary directory, verify (complete body, plausible content type, parses without SourceError,
not suspiciously shorter than the version before) and only then load, in one transaction. A
failed, truncated or invalid download leaves the store as it was: the previous version stays
the latest, and its validators are not replaced.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from embargo.sources import SOURCES, known_source, read_list, unknown_source
from embargo.sources.base import SourceError
from embargo.store import Store, file_checksum

RETRIES = 3  # attempts per URL
BACKOFF = 0.5  # seconds before the 2nd attempt; doubles each time
CHUNK = 1 << 16
# A new version holding fewer than this share of the previous one's records is refused: a list
# cut short at a row boundary parses fine, and sanctions lists never halve overnight.
MIN_SHARE = 0.5
HTML_TYPES = ("text/html", "application/xhtml")
USER_AGENT = "embargo-update/0.1 (+sanctions list mirror)"


class UpdateError(Exception):
    """A source that could not be updated; the message says why."""


@dataclass
class Outcome:
    source: str
    status: str  # loaded | unchanged | not modified | failed | skipped
    detail: str = ""
    version_id: int | None = None
    published: str | None = None
    records: int | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Download:
    url: str
    path: Path
    etag: str | None
    last_modified: str | None


def parse_url_overrides(values: Sequence[str]) -> dict[str, list[str]]:
    """`SOURCE=URL` options, in order; a source may be given several URLs (its files)."""
    found: dict[str, list[str]] = {}
    for value in values:
        source, sep, url = value.partition("=")
        if not sep or not url.strip():
            raise UpdateError(f"--url {value!r}: expected SOURCE=URL")
        if not known_source(source):
            raise UpdateError(f"--url {value!r}: {unknown_source(source)}")
        found.setdefault(source, []).append(url.strip())
    return found


def update_sources(
    store: Store,
    sources: Sequence[str] | None = None,
    urls: dict[str, list[str]] | None = None,
    from_dir: Path | None = None,
    timeout: float = 60.0,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
) -> list[Outcome]:
    """Update each source (default: every one with download addresses); failures are outcomes."""
    urls = urls or {}
    if sources:
        names = list(sources)
    else:  # (an address given for a dataset of a source, opensanctions:eu_fsf, adds it)
        names = [s for s in SOURCES if SOURCES[s].urls or s in urls]
        names += [s for s in urls if s not in SOURCES]
    outcomes = []
    with httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
    ) as client:
        for name in names:
            known = SOURCES.get(name)
            addresses = urls.get(name) or (list(known.urls) if known else [])
            if not addresses:
                outcomes.append(Outcome(name, "skipped", "no download address known"))
                continue
            try:
                outcomes.append(
                    update_source(store, name, addresses, client, from_dir, retries, backoff)
                )
            except UpdateError as exc:
                outcomes.append(Outcome(name, "failed", str(exc)))
    return outcomes


def update_source(
    store: Store,
    source: str,
    urls: Sequence[str],
    client: httpx.Client,
    from_dir: Path | None = None,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="embargo-update-") as tmp:
        folder = Path(tmp)
        if from_dir is not None:
            downloads = [_from_mirror(from_dir, url, folder) for url in urls]
        else:
            fetched = [_fetch(client, store, url, folder, True, retries, backoff) for url in urls]
            if all(d is None for d in fetched):
                latest = store.latest(source)
                return Outcome(
                    source,
                    "not modified",
                    "server: not modified since the last download",
                    version_id=latest.id if latest else None,
                    published=latest.published.isoformat() if latest else None,
                    records=latest.record_count if latest else None,
                )
            # Some files changed: the publication is all of them, so fetch the rest in full.
            downloads = [
                d if d is not None else _fetch(client, store, url, folder, False, retries, backoff)
                for url, d in zip(urls, fetched, strict=True)
            ]
        assert all(d is not None for d in downloads)
        return _verify_and_load(store, source, [d for d in downloads if d is not None])


def _verify_and_load(store: Store, source: str, downloads: list[Download]) -> Outcome:
    primary = downloads[0]
    try:
        parsed = read_list(primary.path, source=source)
    except SourceError as exc:
        where = f" ({exc.location})" if exc.location else ""
        raise UpdateError(f"{primary.url}: download does not parse{where}: {exc.reason}") from exc
    if not parsed.records:
        raise UpdateError(f"{primary.url}: download holds no records")
    previous = store.latest(source)
    if previous is not None and len(parsed.records) < MIN_SHARE * previous.record_count:
        raise UpdateError(
            f"{primary.url}: only {len(parsed.records)} records against "
            f"{previous.record_count} in version {previous.id}; refusing a likely partial list"
        )
    # Name the URL in stored problems, not our temporary copy.
    local = str(primary.path)
    parsed.path = primary.url
    parsed.problems = [
        replace(p, path=primary.url) if p.path == local else p for p in parsed.problems
    ]
    result = store.load(
        parsed,
        published=_day(primary.last_modified),
        filename=primary.path.name,
        checksum=file_checksum([d.path for d in downloads]),
    )
    # Only a stored (or already known) publication moves the conditional-GET validators on.
    for d in downloads:
        if d.etag or d.last_modified:
            store.remember_http(d.url, d.etag, d.last_modified, result.version.checksum)
    v = result.version
    problems = f"; {len(result.problems)} problem rows" if result.problems else ""
    return Outcome(
        source,
        "loaded" if result.created else "unchanged",
        (
            f"+{result.added} -{result.removed} ~{result.changed}{problems}"
            if result.created
            else f"same file as version {v.id}"
        ),
        version_id=v.id,
        published=v.published.isoformat(),
        records=v.record_count,
    )


def _day(last_modified: str | None) -> date:
    """Publication day: the server's Last-Modified, else today (UTC)."""
    if last_modified:
        try:
            return parsedate_to_datetime(last_modified).astimezone(UTC).date()
        except (TypeError, ValueError):
            pass
    return datetime.now(UTC).date()


def _file_name(url: str) -> str:
    name = Path(unquote(urlsplit(url).path)).name
    return name or "download"


def _from_mirror(folder: Path, url: str, target: Path) -> Download:
    """The mirror's copy of a URL's file: same name, any case, optionally gzipped."""
    wanted = _file_name(url).lower()
    for candidate in sorted(folder.iterdir()):
        if candidate.is_file() and candidate.name.lower() in (wanted, wanted + ".gz"):
            copy = target / candidate.name
            shutil.copyfile(candidate, copy)
            return Download(url, copy, None, None)
    raise UpdateError(f"{_file_name(url)} (for {url}) is not in the mirror {folder}")


def _fetch(
    client: httpx.Client,
    store: Store,
    url: str,
    folder: Path,
    conditional: bool,
    retries: int,
    backoff: float,
) -> Download | None:
    """Download one URL into `folder`; None when the server says it has not changed."""
    headers: dict[str, str] = {}
    known = store.http_validators(url) if conditional else None
    if known:
        if known["etag"]:
            headers["If-None-Match"] = known["etag"]
        if known["last_modified"]:
            headers["If-Modified-Since"] = known["last_modified"]
    target = folder / _file_name(url)
    last_error = "no attempt made"
    for attempt in range(max(retries, 1)):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            return _get(client, url, headers, target)
        except _Retry as exc:
            last_error = str(exc)
        except httpx.TimeoutException as exc:
            last_error = f"timed out ({type(exc).__name__})"
        except httpx.TransportError as exc:
            last_error = f"connection failed: {exc}"
    raise UpdateError(f"{url}: {last_error} (after {max(retries, 1)} attempts)")


class _Retry(Exception):
    """A failure worth another attempt (server error, body cut short)."""


def _get(client: httpx.Client, url: str, headers: dict[str, str], target: Path) -> Download | None:
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return None
        if response.status_code >= 500:
            raise _Retry(f"server error HTTP {response.status_code}")
        if response.status_code != 200:
            raise UpdateError(f"{url}: HTTP {response.status_code}")
        kind = response.headers.get("content-type", "").lower()
        if kind.startswith(HTML_TYPES):
            raise UpdateError(f"{url}: got a web page ({kind}), not a list file")
        expected = response.headers.get("content-length")
        received = 0
        with target.open("wb") as out:
            try:
                for block in response.iter_bytes(CHUNK):
                    if received == 0 and _looks_like_html(block):
                        raise UpdateError(f"{url}: got an HTML page, not a list file")
                    out.write(block)
                    received += len(block)
            except httpx.RemoteProtocolError as exc:
                raise _Retry(f"download cut short after {received} bytes: {exc}") from exc
        if expected is not None and expected.isdigit() and int(expected) != received:
            raise _Retry(f"download cut short: {received} of {expected} bytes")
        return Download(
            url, target, response.headers.get("etag"), response.headers.get("last-modified")
        )


def _looks_like_html(block: bytes) -> bool:
    start = block[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))
