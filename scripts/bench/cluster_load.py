"""Load and checks for the distributed and cluster fault scenarios (scripts/bench/).

  cluster_load.py buscar BASE STOPFILE OUT      searches through HTTP until STOPFILE exists
  cluster_load.py publicar STOPFILE TITLES      publishes a page every ~2 s (Django, bench env)
  cluster_load.py verificar TITLES              every published page is in the engine's index
  cluster_load.py limite BASE SOURCE_IP N FORGE  N API searches from one loopback address
                                                (FORGE=1: a new X-Forwarded-For each time)

buscar: 2 threads, /api/v1/buscar and /buscar/ with a rotating query; JSON summary with
the status counts, 5xx, socket errors, which engine answered (``motor``) and latencies.
Each request leaves from its own loopback address (127.0.0.10-249): 240 clients for the
rate limit behind nginx, none of them near it.
"""

import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

WORDS = ["transparencia", "datos personales", "solicitud", "convenio", "archivo",
         "rendición de cuentas", "capacitación", "informe", "norte", "sureste"]  # fmt: skip


def get(base, path, source, headers=None):
    """(status, body, headers) of one GET leaving from the loopback address ``source``."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"Host": "localhost:8100", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def limite(base, source, n, forge):
    codes, upstreams, retry_after = {}, set(), None
    for i in range(int(n)):
        headers = {"X-Forwarded-For": f"198.51.100.{i % 250}"} if forge == "1" else {}
        status, _, response_headers = get(base, "/api/v1/buscar?q=archivo", source, headers)
        codes[str(status)] = codes.get(str(status), 0) + 1
        upstreams.add(response_headers.get("X-Upstream", ""))
        if status == 429:
            retry_after = response_headers.get("Retry-After")
    result = {"status": codes, "servidores": sorted(upstreams), "retry_after": retry_after}
    print(json.dumps(result))


def buscar(base, stopfile, out):
    stats = {"requests": 0, "status": {}, "5xx": 0, "socket_errors": 0, "motor": {},
             "latencias_ms": []}  # fmt: skip
    lock = threading.Lock()

    def worker(offset):
        n = offset
        while not os.path.exists(stopfile):
            n += 1
            q = urllib.parse.quote(WORDS[n % len(WORDS)])
            path = f"/api/v1/buscar?q={q}" if n % 2 else f"/buscar/?q={q}"
            t0 = time.monotonic()
            status, motor = None, None
            try:
                status, body, _ = get(base, path, f"127.0.0.{10 + n % 240}")
                if path.startswith("/api/") and status == 200:
                    motor = json.loads(body).get("motor")
            except Exception:
                status = None
            elapsed = (time.monotonic() - t0) * 1000
            with lock:
                stats["requests"] += 1
                if status is None:
                    stats["socket_errors"] += 1
                else:
                    stats["status"][str(status)] = stats["status"].get(str(status), 0) + 1
                    if status >= 500:
                        stats["5xx"] += 1
                if motor:
                    stats["motor"][motor] = stats["motor"].get(motor, 0) + 1
                stats["latencias_ms"].append(elapsed)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat = sorted(stats.pop("latencias_ms")) or [0]
    stats["p50_ms"] = round(lat[len(lat) // 2], 1)
    stats["p95_ms"] = round(lat[int(len(lat) * 0.95)], 1)
    stats["max_ms"] = round(lat[-1], 1)
    Path(out).write_text(json.dumps(stats, ensure_ascii=False))


def _django():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    django.setup()


def publicar(stopfile, titles):
    _django()
    from django.db import transaction

    from cms.models import PaginaBasica
    from regiones.models import Region

    region = Region.objects.select_related("site").get(slug="norte")
    run = uuid.uuid4().hex[:6]
    n = 0
    with open(titles, "a") as f:
        while not os.path.exists(stopfile):
            n += 1
            marker = f"cluster{run}n{n}"
            try:
                page = PaginaBasica(title=f"Prueba de clúster {marker}", slug=marker)
                with transaction.atomic():
                    region.site.root_page.specific.add_child(instance=page)
                    page.save_revision().publish()
                f.write(f"{page.pk}\t{marker}\n")
                f.flush()
            except Exception as exc:  # a publish that fails is reported by verificar
                print(f"publish {marker} failed: {exc}", file=sys.stderr)
            time.sleep(2)


def verificar(titles):
    _django()
    from search.engine import get_engine
    from search.indexer import alias_name
    from search.models import IndexOutbox

    engine = get_engine()
    rows = [line.split("\t") for line in Path(titles).read_text().splitlines() if line]
    missing = [m for pk, m in rows if not engine.client.exists(index=alias_name(), id=f"page:{pk}")]
    pending = IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE).count()
    failed = IndexOutbox.objects.filter(estado=IndexOutbox.Estado.FALLIDO).count()
    print(json.dumps({"publicadas": len(rows), "faltan": missing, "pendientes": pending,
                      "fallidas": failed}))  # fmt: skip
    return 0 if rows and not missing and not pending and not failed else 1


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "limite":
        limite(*args)
    elif mode == "buscar":
        buscar(*args)
    elif mode == "publicar":
        publicar(*args)
    elif mode == "verificar":
        sys.exit(verificar(*args))
    else:
        sys.exit(__doc__)
