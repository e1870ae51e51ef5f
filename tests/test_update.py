"""`embargo update` against a real HTTP server on 127.0.0.1 serving the shared list files.

Every failure scenario must leave the store exactly as it was and say why.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embargo.cli import app
from embargo.sources.fetch import UpdateError, parse_url_overrides, update_sources
from embargo.store import Store

SOURCE = "us_ofac_cons"
Route = Callable[[BaseHTTPRequestHandler, int], None]


class Server:
    """Routes by path; each route sees the handler and how often it was asked before."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                count = server.hits.get(self.path, 0)
                server.hits[self.path] = count + 1
                server.headers.append(dict(self.headers))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                route(self, count)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def send(handler: BaseHTTPRequestHandler, body: bytes, kind: str = "text/csv", **extra: str):
    handler.send_response(200)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", extra.pop("length", None) or str(len(body)))
    for name, value in extra.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def cons(data_dir: Path) -> bytes:
    return (data_dir / "ofac" / "consolidated-2025-12-19" / "cons_prim.csv").read_bytes()


def state(store: Store) -> tuple[object, ...]:
    counts = store.row_counts()
    latest = store.latest(SOURCE)
    return (latest.id if latest else None, {k: v for k, v in counts.items() if "http" not in k})


def update(store: Store, url: str, **kw: object):
    (outcome,) = update_sources(
        store, [SOURCE], {SOURCE: [url]}, timeout=kw.pop("timeout", 5.0), backoff=0.05, **kw
    )
    return outcome


def test_ok_then_not_modified(server: Server, cons: bytes, sqlite_url: str) -> None:
    def route(handler: BaseHTTPRequestHandler, _count: int) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return
        send(handler, cons, ETag='"v1"', Last_Modified="Fri, 19 Dec 2025 10:00:00 GMT")

    server.routes["/cons_prim.csv"] = route
    with Store(sqlite_url) as store:
        first = update(store, server.url("/cons_prim.csv"))
        assert first.status == "loaded", first.detail
        assert first.records == 442 and first.published == "2025-12-19"
        before = state(store)
        second = update(store, server.url("/cons_prim.csv"))
        assert second.status == "not modified"
        assert second.version_id == first.version_id
        assert server.headers[-1]["If-None-Match"] == '"v1"'
        assert state(store) == before


def _loaded(store: Store, server: Server, cons: bytes) -> tuple[object, ...]:
    server.routes["/good.csv"] = lambda h, _c: send(h, cons)
    assert update(store, server.url("/good.csv")).status == "loaded"
    return state(store)


def truncated(cons: bytes) -> Route:
    def route(handler: BaseHTTPRequestHandler, _count: int) -> None:
        send(handler, cons[: len(cons) // 2], length=str(len(cons)))
        handler.close_connection = True

    return route


def html(_cons: bytes) -> Route:
    page = b"<!DOCTYPE html><html><body>Maintenance</body></html>"
    return lambda h, _c: send(h, page, "text/html; charset=utf-8")


def html_as_csv(_cons: bytes) -> Route:
    page = b"<!DOCTYPE html><html><body>Maintenance</body></html>"
    return lambda h, _c: send(h, page, "text/csv")


def garbage(_cons: bytes) -> Route:
    return lambda h, _c: send(h, b"\x00\x01 this is not a sanctions list \x02" * 50)


def shrunk(cons: bytes) -> Route:
    return lambda h, _c: send(h, b"\r\n".join(cons.split(b"\r\n")[:20]))


def hang(cons: bytes) -> Route:
    def route(handler: BaseHTTPRequestHandler, _count: int) -> None:
        time.sleep(2.0)
        send(handler, cons)

    return route


def always_500(_cons: bytes) -> Route:
    return lambda h, _c: h.send_error(503)


@pytest.mark.parametrize(
    ("make_route", "reason"),
    [
        (truncated, "cut short"),
        (html, "web page"),
        (html_as_csv, "HTML page"),
        (garbage, "does not parse"),
        (shrunk, "partial list"),
        (hang, "timed out"),
        (always_500, "server error HTTP 503"),
    ],
)
def test_bad_downloads_leave_store_as_it_was(
    server: Server, cons: bytes, sqlite_url: str, make_route, reason: str
) -> None:
    with Store(sqlite_url) as store:
        before = _loaded(store, server, cons)
        server.routes["/bad.csv"] = make_route(cons)
        outcome = update(store, server.url("/bad.csv"), timeout=0.5, retries=2)
        assert outcome.status == "failed"
        assert reason in outcome.detail
        assert state(store) == before
        assert store.http_validators(server.url("/bad.csv")) is None


def test_server_error_then_success_is_retried(server: Server, cons: bytes, sqlite_url: str):
    newer = b"\r\n".join(cons.split(b"\r\n")[:-3] + [b""])  # a different publication

    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        if count == 0:
            handler.send_error(500)
        else:
            send(handler, newer)

    with Store(sqlite_url) as store:
        first = _loaded(store, server, cons)
        server.routes["/flaky.csv"] = route
        outcome = update(store, server.url("/flaky.csv"))
        assert outcome.status == "loaded", outcome.detail
        assert server.hits["/flaky.csv"] == 2
        assert state(store) != first
        assert store.latest(SOURCE).record_count < 442


def test_cli_update_from_mirror(tmp_path: Path, data_dir: Path) -> None:
    mirror = data_dir / "ofac" / "sdn-2023-12-28-full"
    db = tmp_path / "embargo.db"
    args = ["--db", str(db), "update", "--source", "us_ofac_sdn", "--from-dir", str(mirror)]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    (outcome,) = json.loads(result.stdout)
    assert outcome["status"] == "loaded" and outcome["records"] == 13821
    again = CliRunner().invoke(app, [*args, "--json"])
    assert json.loads(again.stdout)[0]["status"] == "unchanged"


def test_cli_update_reports_failure(server: Server, tmp_path: Path) -> None:
    server.routes["/x.csv"] = lambda h, _c: h.send_error(404)
    result = CliRunner().invoke(
        app,
        ["--db", str(tmp_path / "e.db"), "update", "--source", SOURCE,
         "--url", f"{SOURCE}={server.url('/x.csv')}", "--json"],
    )  # fmt: skip
    assert result.exit_code == 2
    (outcome,) = json.loads(result.stdout)
    assert outcome["status"] == "failed" and "HTTP 404" in outcome["detail"]
    assert "HTTP 404" in result.stderr


def test_two_opensanctions_datasets_stay_two_lists(
    server: Server, data_dir: Path, sqlite_url: str
) -> None:
    """An address given for a dataset of a source (opensanctions:eu_fsf) updates that dataset
    as a list of its own: the OpenSanctions collection beside it stays in force."""
    fixtures = data_dir / "opensanctions"
    zala = (fixtures / "yente-fixture-zala" / "entities.ftm.json").read_bytes()
    eu_fsf = (fixtures / "yente-fixture-t1-eu_fsf" / "entities.ftm.json").read_bytes()
    server.routes["/zala.json"] = lambda h, _c: send(h, zala, "application/json")
    server.routes["/eu_fsf.json"] = lambda h, _c: send(h, eu_fsf, "application/json")
    urls = {
        "opensanctions": [server.url("/zala.json")],
        "opensanctions:eu_fsf": [server.url("/eu_fsf.json")],
    }
    with Store(sqlite_url) as store:
        outcomes = update_sources(store, list(urls), urls, timeout=5.0, backoff=0.05)
        assert [(o.source, o.status, o.records) for o in outcomes] == [
            ("opensanctions", "loaded", 17),
            ("opensanctions:eu_fsf", "loaded", 7),
        ]
        assert store.sources() == ["opensanctions", "opensanctions:eu_fsf"]
        in_force = {v.source for v, _ in store.records_as_of()}
        assert in_force == {"opensanctions", "opensanctions:eu_fsf"}


def test_dataset_names_are_checked() -> None:
    assert parse_url_overrides(["opensanctions:eu_fsf=http://x/e.json"]) == {
        "opensanctions:eu_fsf": ["http://x/e.json"]
    }
    for bad in ("nope:eu_fsf", "opensanctions:", "opensanctions:EU FSF", "opensanctions:a:b"):
        with pytest.raises(UpdateError, match="unknown source"):
            parse_url_overrides([f"{bad}=http://x/e.json"])
