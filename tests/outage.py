"""Take the database away and bring it back, for real, under an app that keeps running.

On SQLite the database's folder is renamed away and back. On PostgreSQL (PORTAL_DATABASE_URL,
as in CI) the app talks to the server through a TCP forwarder written here, which can drop
every connection and refuse new ones (a server that stopped), or accept new ones without ever
answering (a machine that vanished from the network).
"""

import os
import selectors
import socket
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from portal import create_app
from portal.extensions import db


class TcpForwarder:
    """127.0.0.1:<port> → the database server, one thread per connection."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self.stalled = False
        self._listener: socket.socket | None = None
        self._pairs: set[tuple[socket.socket, socket.socket]] = set()
        self._lock = threading.Lock()

    def up(self) -> None:
        """Accept and forward connections (again) on the same port."""
        if self.stalled:
            self.stalled = False
            self._drop_all()  # the connections held unanswered
        if self._listener is None:
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(16)
            listener.settimeout(0.2)  # the accept loop notices down() even if close() does not wake it
            self.port = listener.getsockname()[1]
            self._listener = listener
            threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        """The server stops: every connection is dropped and new ones are refused."""
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)
        self._drop_all()

    def stall(self) -> None:
        """The server's machine vanishes: connections are dropped, new ones never get an answer."""
        self.up()
        self.stalled = True
        self._drop_all()

    def _drop_all(self) -> None:
        with self._lock:
            pairs, self._pairs = self._pairs, set()
        for pair in pairs:
            for sock in pair:
                _close(sock)

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed by down()
            if self._listener is not listener:
                _close(client)
                return
            client.settimeout(None)
            if self.stalled:
                with self._lock:  # held open, never answered, dropped by up()/down()
                    self._pairs.add((client, client))
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._pairs.add((client, server))
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, client: socket.socket, server: socket.socket) -> None:
        selector = selectors.DefaultSelector()
        other = {client: server, server: client}
        try:
            selector.register(client, selectors.EVENT_READ)
            selector.register(server, selectors.EVENT_READ)
            while True:
                for key, _ in selector.select(timeout=1):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    other[key.fileobj].sendall(data)
                if client.fileno() < 0 or server.fileno() < 0:
                    return
        except (OSError, ValueError):
            return
        finally:
            selector.close()
            _close(client)
            _close(server)
            with self._lock:
                self._pairs.discard((client, server))


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


class SqliteOutage:
    """A SQLite file database whose folder can be taken away and put back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.away = folder.with_name(folder.name + "-away")
        folder.mkdir()
        self.url = f"sqlite:///{folder / 'portal.db'}"

    def down(self) -> None:
        """Rename the folder; connections already open would still read the moved file, so the
        pool is emptied too, as it is for a worker started during the outage."""
        self.folder.rename(self.away)
        db.engine.dispose()

    def up(self) -> None:
        """Put the folder back (nothing else: the app must find it by itself)."""
        if self.away.exists():
            self.away.rename(self.folder)


@contextmanager
def app_with_removable_database(tmp_path: Path, clock, **overrides):
    """Yield (app, outage) with an app context pushed and the tables created.

    The page cache and Redis are left out on purpose: the cache answers readers from the pages it
    kept before the outage, which is its own business and its own tests; these tests look at what
    the application itself answers.
    """
    url = os.environ.get("PORTAL_DATABASE_URL", "")
    if url.startswith("postgresql"):
        real = make_url(url)
        outage = TcpForwarder((real.host or "127.0.0.1", real.port or 5432))
        outage.up()
        app_url = real.set(host="127.0.0.1", port=outage.port).render_as_string(hide_password=False)
    else:
        outage = SqliteOutage(tmp_path / "database")
        app_url = outage.url
    settings = {
        "SQLALCHEMY_DATABASE_URI": app_url,
        "MEDIA_DIR": str(tmp_path / "media"),
        "CLOCK": clock,
        "THROTTLE_NAMESPACE": f"{uuid.uuid4().hex}/",
        "REDIS_URL": None,
        "PAGE_CACHE": False,
        **overrides,
    }
    from tests.conftest import IsolatedClient

    app = create_app(settings)
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        try:
            yield app, outage
        finally:
            outage.up()
            try:
                db.session.remove()
            except OperationalError:  # the test's own transaction was on a dropped connection
                db.session.remove()
            db.drop_all()
            db.engine.dispose()
            if isinstance(outage, TcpForwarder):
                outage.down()
