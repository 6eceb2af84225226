from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from media.health import storage_health
from search.engine import get_engine


def database_health():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"state": "down", "vendor": connection.vendor, "detail": exc.__class__.__name__}
    return {"state": "ok", "vendor": connection.vendor}


@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": database_health(),
        "search": get_engine().health(),
        "storage": storage_health(),
    }
    states = {check["state"] for check in checks.values()}
    if checks["database"]["state"] != "ok":
        overall = "down"
    elif states == {"ok"}:
        overall = "ok"
    else:
        overall = "degraded"
    status = 200 if checks["database"]["state"] == "ok" else 503
    return JsonResponse({"state": overall, "checks": checks}, status=status)
