"""``termloc serve``: the web workbench (`termloc.serve`) on a local port."""

from __future__ import annotations

import argparse
import contextlib
import errno
import socket
import sys
import threading
from typing import TYPE_CHECKING, Any

from termloc.cli.options import add_glossary_options, selection
from termloc.core.errors import TermlocError, UsageError

if TYPE_CHECKING:
    from termloc.serve.state import Workbench

__all__ = ["add_commands", "cmd_serve", "url_of"]

#: Where the workbench listens unless told otherwise.
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765


def url_of(host: str, port: int) -> str:
    """The address to open in a browser (an IPv6 host in brackets; any address as loopback's)."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104 (a name, not a bind)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def _bound(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; a port in use or a host that is not here is one line, exit 1."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as err:
        raise TermlocError(f"cannot listen on {host!r}: {err.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise TermlocError(f"port {port} on {host} is in use; choose another with --port") from None
        raise TermlocError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    """``termloc serve``: load the glossary, listen, print the address and serve until Ctrl-C."""
    from termloc.serve import missing_extra

    missing = missing_extra()
    if missing is not None:
        sys.stderr.write(f"termloc: {missing}\n")
        return 2
    if not 0 < args.port < 65536:
        raise UsageError(f"the port must be between 1 and 65535, not {args.port!r}")
    import uvicorn

    from termloc.serve.app import make_app
    from termloc.serve.state import Workbench

    sock = _bound(args.host, args.port)
    try:
        workbench = Workbench(selection(args))
        app = make_app(workbench, host=args.host)
        url = url_of(args.host, args.port)
        sys.stdout.write(f"termloc serve: {url}\n")
        sys.stdout.flush()
        # The first conversions would wait for their converters: make the usual three now.
        threading.Thread(target=_warm, args=(workbench,), daemon=True).start()
        if args.open:
            import webbrowser

            threading.Timer(0.5, webbrowser.open, (url,)).start()
        config = uvicorn.Config(app, log_level="warning", lifespan="off", server_header=False)
        # uvicorn stops on Ctrl-C, then raises it again: that way out is a clean one.
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0


def _warm(workbench: Workbench) -> None:
    """Make the usual converters; a failure here is met again, and said, by the request that needs them."""
    with contextlib.suppress(TermlocError):
        workbench.warm()


def add_commands(commands: Any) -> None:
    """Add ``serve`` to the top-level subcommands."""
    serve = commands.add_parser("serve", help="a local web workbench: lookup, preview, the article, the glossary")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}: loopback)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    serve.add_argument("--open", action="store_true", help="open the workbench in a browser")
    add_glossary_options(serve)
    serve.set_defaults(run=cmd_serve)
