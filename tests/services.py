"""Where the real services of a test run are, and whether they answer."""

import os
import socket
from urllib.parse import urlparse

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "http://127.0.0.1:9201")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9202")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6390/0")
S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL", "http://127.0.0.1:5055")
MEDIA_BUCKET = "snt-cms-media"
BACKUP_BUCKET = "snt-cms-backups"


def answers(url, timeout=1.0):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 80), timeout=timeout):
            return True
    except OSError:
        return False


def free_port():
    """A loopback port on which nothing listens (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port_url():
    """A loopback URL on which nothing listens."""
    return f"http://127.0.0.1:{free_port()}"


class Buzon:
    """An aiosmtpd handler keeping every message delivered to it (a real SMTP server for the
    tests: ``servidor_smtp()``)."""

    def __init__(self):
        import threading

        self.mensajes = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        mensaje = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.mensajes.append((list(envelope.rcpt_tos), mensaje))
        return "250 Message accepted for delivery"

    def para(self, direccion):
        with self.lock:
            return [m for destinos, m in self.mensajes if direccion in destinos]

    @staticmethod
    def texto(mensaje):
        return mensaje.get_body(preferencelist=("plain",)).get_content()


def servidor_smtp():
    """A started aiosmtpd Controller on a free loopback port; its handler is ``.handler``
    (a ``Buzon``). Stop it with ``.stop()``."""
    from aiosmtpd.controller import Controller

    controller = Controller(Buzon(), hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller
