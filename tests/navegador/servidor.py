"""A real application server for the browser tests, on its own database and search index.

The suite's test database is bootstrapped once per session and must not be flushed, so the
browser does not talk to pytest-django's live server: this module creates a fresh PostgreSQL
database, prepares the network in it (``tests/navegador/preparar.py``) and runs gunicorn on a
free loopback port, as production does.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg

ROOT = Path(__file__).resolve().parents[2]
WORK_DIR = ROOT / "var" / "navegador"
LOG_DIR = ROOT / "var" / "log"
# Preparing takes minutes, more while other test runs share the machine.
PREPARE_TIMEOUT = int(os.environ.get("SNT_NAV_PREPARE_TIMEOUT", "1200"))
START_TIMEOUT = 60


def database_url_for(url, name):
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path=f"/{name}"))


def admin_connection(url):
    """A connection to the cluster's maintenance database (role snt is superuser there)."""
    return psycopg.connect(database_url_for(url, "postgres"), autocommit=True)


def drop_database(url, name):
    with admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(url, name):
    drop_database(url, name)
    with admin_connection(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def delete_indices(search_url, prefix):
    if not search_url or not prefix:
        return
    request = urllib.request.Request(
        f"{search_url.rstrip('/')}/{prefix}*?ignore_unavailable=true", method="DELETE"
    )
    try:
        urllib.request.urlopen(request, timeout=30).close()
    except (urllib.error.URLError, OSError):
        pass


def _s3(endpoint_url):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
    )


def create_media_bucket(endpoint_url, bucket, public_prefix="publico"):
    """A bucket of the server's own, set up as in production: originals private (signed
    URLs), renditions under the public prefix readable by anyone."""
    s3 = _s3(endpoint_url)
    s3.create_bucket(Bucket=bucket)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/{public_prefix}/*",
            }
        ],
    }
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))


def delete_bucket(endpoint_url, bucket):
    s3 = _s3(endpoint_url)
    try:
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                s3.delete_object(Bucket=bucket, Key=item["Key"])
        s3.delete_bucket(Bucket=bucket)
    except s3.exceptions.NoSuchBucket:
        pass


def _tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass
class Servidor:
    """The running server: where each site is, and a way to read its database."""

    port: int
    database_url: str
    hosts: dict
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    env: dict = field(default_factory=dict)

    def url(self, region, path="/"):
        return f"http://{self.hosts[region]}:{self.port}{path}"

    def query(self, sql, params=()):
        with psycopg.connect(self.database_url) as conn:
            return conn.execute(sql, params).fetchall()

    def value(self, sql, params=()):
        rows = self.query(sql, params)
        assert rows, f"sin filas para: {sql} {params}"
        return rows[0][0]

    def page_id(self, region, url_path=""):
        """Id of the page at url_path (e.g. "noticias/") under the region's home."""
        home_path = self.value(
            "SELECT p.url_path FROM wagtailcore_site s "
            "JOIN wagtailcore_page p ON p.id = s.root_page_id WHERE s.hostname = %s",
            (self.hosts[region],),
        )
        return self.value(
            "SELECT id FROM wagtailcore_page WHERE url_path = %s", (home_path + url_path,)
        )


def server_env(database_url, index_prefix, extra=None):
    # The server is no worker of the test run: its prefix is the one given here.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": database_url,
            # Both the project's index and Wagtail's own get this server's prefix.
            "SNT_TEST_SEARCH_INDEX_PREFIX": index_prefix,
            "SEARCH_INDEX_PREFIX": index_prefix,
            "STATIC_ROOT": str(WORK_DIR / "static"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


def prepare(env, port, log_path, running=None):
    """collectstatic, then migrate, bootstrap_snt, load_demo, the tests' content and
    search_reindex in one process (tests/navegador/preparar.py).

    ``running`` (a list), when given, holds the command under way, so that another thread
    can stop it."""
    with open(log_path, "a") as log:
        log.write(f"\n==== {time.strftime('%Y-%m-%dT%H:%M:%S')} preparar ====\n")
        log.flush()
        for command in (
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            [sys.executable, "-m", "tests.navegador.preparar", "--port", str(port)],
        ):
            done = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            if running is not None:
                running[:] = [done]
            try:
                done.wait(timeout=PREPARE_TIMEOUT)
            except subprocess.TimeoutExpired:
                done.kill()
                done.wait()
                raise
            if done.returncode != 0:
                raise RuntimeError(
                    f"{' '.join(command[1:])} falló (registro: {log_path}):\n{_tail(log_path)}"
                )


def start(env, port, log_path):
    log = open(log_path, "a")  # noqa: SIM115 (kept open for the server's lifetime)
    log.write(f"\n==== {time.strftime('%Y-%m-%dT%H:%M:%S')} gunicorn :{port} ====\n")
    log.flush()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "120",
            "--access-logfile",
            "-",
            # No control socket: its default path is shared by every gunicorn of the user.
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    deadline = time.monotonic() + START_TIMEOUT
    last = ""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn terminó al iniciar:\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/healthz", timeout=5) as r:
                body = json.loads(r.read() or b"{}")
                if r.status == 200:
                    return process
                last = str(body)
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            last = str(error)
        time.sleep(0.25)
    stop(process)
    raise RuntimeError(f"gunicorn no respondió en :{port} ({last}):\n{_tail(log_path)}")


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()  # the gunicorn master stops its workers
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
