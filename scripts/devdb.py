"""A private, throwaway PostgreSQL cluster for development and tests.

Used by `make run` and `make test` when DATABASE_URL is not set. The cluster lives in
`.pgdata/` inside the project (git-ignored) and listens only on a Unix socket in that folder,
so it never clashes with another server's port. It is reused across runs; `make db-stop`
stops it and `make db-destroy` deletes it.

PostgreSQL refuses to run as root, so when this runs as root the server runs as the
`postgres` system user (created by Debian's postgresql packages).

Standard library only: it runs before the project's virtualenv exists.

    python3 scripts/devdb.py start|stop|restart|status|url|path|bindir
"""

import fcntl
import glob
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

PROJECT_DIR = Path(__file__).resolve().parent.parent
DB_NAME = "scn_portal"
DB_USER = "postgres"
# Only a name here: the server listens on no TCP port, and the socket file is named after it.
PORT = 5432
# Unix socket paths are limited to 107 bytes, including the ".s.PGSQL.5432" file name.
MAX_SOCKET_DIR_LENGTH = 90
SERVER_USER = "postgres"
# PostgreSQL's default is 100: the test suite and a developer's browser together can pass it.
MAX_CONNECTIONS = 300


class DevDbError(Exception):
    pass


def running_as_root():
    return os.geteuid() == 0


def find_bindir():
    """The directory holding initdb and pg_ctl: $PG_BINDIR, Debian's newest, or the PATH."""
    explicit = os.environ.get("PG_BINDIR")
    if explicit:
        if not (Path(explicit) / "initdb").exists():
            raise DevDbError(f"PG_BINDIR={explicit} does not contain initdb.")
        return Path(explicit)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if debian:
        return Path(debian[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise DevDbError(
        "No PostgreSQL server binaries (initdb, pg_ctl) were found.\n"
        "Install them with: sudo apt-get install postgresql   (Debian/Ubuntu)\n"
        "or point DATABASE_URL at a PostgreSQL server you already have."
    )


def server_user_can_use(folder):
    """Whether the postgres user can reach and write `folder` (root only)."""
    probe = subprocess.run(
        ["runuser", "-u", SERVER_USER, "--", "test", "-w", str(folder), "-a", "-x", str(folder)],
        capture_output=True,
    )
    return probe.returncode == 0


def cluster_root():
    """`.pgdata/` in the project; a private folder in /tmp only when the project cannot hold it.

    Two cases force the fallback: a project path so long that the socket path would pass the
    kernel's limit, and (as root) a project the postgres user cannot reach, such as one under
    /root. The fallback is named after the project path, so it is stable across runs.
    """
    preferred = PROJECT_DIR / ".pgdata"
    preferred.mkdir(exist_ok=True)
    if running_as_root():
        _give_to_server_user(preferred)
    fits = len(str(preferred / "run")) <= MAX_SOCKET_DIR_LENGTH
    reachable = not running_as_root() or server_user_can_use(preferred)
    if fits and reachable:
        return preferred
    digest = hashlib.sha256(str(PROJECT_DIR).encode()).hexdigest()[:12]
    fallback = Path(tempfile.gettempdir()) / f"scn-portal-pg-{digest}"
    fallback.mkdir(mode=0o700, exist_ok=True)
    return fallback


def _server_user_ids():
    try:
        server = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise DevDbError(
            f"Running as root needs the '{SERVER_USER}' system user to run the server: "
            "sudo apt-get install postgresql"
        ) from None
    return server.pw_uid, server.pw_gid


def _give_to_server_user(folder):
    os.chown(folder, *_server_user_ids())


class Cluster:
    def __init__(self, root):
        self.root = root
        self.data = root / "data"
        self.socket_dir = root / "run"
        self.log = root / "server.log"
        self.bindir = None

    @property
    def url(self):
        host = quote(str(self.socket_dir), safe="")
        return f"postgres://{DB_USER}@{host}:{PORT}/{DB_NAME}"

    def _as_server(self, args, **kwargs):
        if running_as_root():
            args = ["runuser", "-u", SERVER_USER, "--", *args]
        return subprocess.run(args, text=True, **kwargs)

    def _tool(self, name):
        if self.bindir is None:
            self.bindir = find_bindir()
        return str(self.bindir / name)

    def is_running(self):
        if not (self.data / "PG_VERSION").exists():
            return False
        status = self._as_server(
            [self._tool("pg_ctl"), "status", "-D", str(self.data)], capture_output=True
        )
        return status.returncode == 0

    def _prepare_folders(self):
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if running_as_root():
            for folder in (self.root, self.socket_dir):
                _give_to_server_user(folder)

    def _initdb(self):
        result = self._as_server(
            [
                self._tool("initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                DB_USER,
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
                "--no-instructions",
            ],
            capture_output=True,
        )
        if result.returncode != 0:
            raise DevDbError(f"initdb failed:\n{result.stdout}{result.stderr}")

    def _start_server(self):
        # Durability switched off: this cluster holds only rebuildable development data,
        # and the test suite creates and drops databases many times. Connections for the
        # suite's live servers and race tests and a developer's `make run` at the same time.
        options = (
            f"-k {self.socket_dir} -p {PORT} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            f"-c max_connections={MAX_CONNECTIONS}"
        )
        result = self._as_server(
            [
                self._tool("pg_ctl"),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.log),
            ],
            capture_output=True,
        )
        if result.returncode != 0:
            log_tail = self.log.read_text()[-2000:] if self.log.exists() else ""
            raise DevDbError(f"PostgreSQL did not start:\n{result.stderr}\n{log_tail}")

    def _psql(self, sql):
        return self._as_server(
            [
                self._tool("psql"),
                "-h",
                str(self.socket_dir),
                "-p",
                str(PORT),
                "-U",
                DB_USER,
                "-d",
                "postgres",
                "-tAc",
                sql,
            ],
            capture_output=True,
        )

    def _ensure_database(self):
        for _attempt in range(50):
            found = self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'")
            if found.returncode == 0:
                break
            time.sleep(0.1)  # the server may still be finishing its start-up
        else:
            raise DevDbError(f"Cannot connect to the private cluster:\n{found.stderr}")
        if found.stdout.strip() != "1":
            created = self._psql(f'CREATE DATABASE "{DB_NAME}"')
            if created.returncode != 0:
                raise DevDbError(f"Cannot create database {DB_NAME}:\n{created.stderr}")

    def start(self):
        with self._lock():
            self._prepare_folders()
            if not (self.data / "PG_VERSION").exists():
                self._initdb()
            if not self.is_running():
                self._start_server()
            self._ensure_database()

    def stop(self):
        with self._lock():
            if self.is_running():
                self._as_server(
                    [self._tool("pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(self.data)],
                    check=True,
                    capture_output=True,
                )

    def restart(self):
        """Stop and start the server: every open connection is cut, as in a real failover."""
        self.stop()
        self.start()

    def owns(self, database_url):
        """Whether `database_url` points at this cluster (so tests may stop and start it)."""
        return quote(str(self.socket_dir), safe="") in database_url

    def _lock(self):
        """Serialise concurrent `make` invocations that start or stop the same cluster."""
        return _FileLock(self.root / ".lock")


class _FileLock:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.handle = open(self.path, "w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc_info):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def main(argv):
    command = argv[1] if len(argv) > 1 else "status"
    cluster = Cluster(cluster_root())
    try:
        if command == "start":
            cluster.start()
            print(f"Private PostgreSQL running (socket in {cluster.socket_dir}).", file=sys.stderr)
        elif command == "stop":
            cluster.stop()
            print("Private PostgreSQL stopped.", file=sys.stderr)
        elif command == "restart":
            cluster.restart()
            print("Private PostgreSQL restarted.", file=sys.stderr)
        elif command == "status":
            print("running" if cluster.is_running() else "stopped")
        elif command == "url":
            print(cluster.url)
        elif command == "path":
            print(cluster.root)
        elif command == "bindir":
            print(find_bindir())
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except DevDbError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
