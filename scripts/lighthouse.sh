#!/usr/bin/env bash
# Lighthouse (npm package, Debian chromium) on the public pages, mobile profile, under the
# production settings served by gunicorn. Writes var/lighthouse/informe.md and one JSON report
# per page; exits 1 if a category scores under the threshold.
#
#   scripts/lighthouse.sh [--no-setup] [--keep] [--umbral N]
#
#   --no-setup  reuse the database if it exists, only migrating it, rebuilding the index if
#               its mapping is older than the code's and collecting the static files (otherwise: migrate, bootstrap, load_demo, search_reindex,
#               collectstatic as scripts/bench does)
#   --keep      leave gunicorn running afterwards
#   --umbral N  the lowest score accepted in each category (default 95)
#
# The stack is scripts/bench's (scripts/bench/_stack.sh) in a database, index prefix, port
# and folder of its own, so it runs beside a benchmark. Lighthouse is installed from the npm
# registry into var/lighthouse/ on first use.
# shellcheck source=bench/_stack.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench/_stack.sh"

SETUP=1 KEEP=0 UMBRAL=95
while (($#)); do
    case "$1" in
    --no-setup) SETUP=0 ;;
    --keep) KEEP=1 ;;
    --umbral) UMBRAL="$2"; shift ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1" ;;
    esac
    shift
done

LIGHTHOUSE_VERSION=12.8.2 # the last release that runs on Node 20 (13.x wants Node 22)
BENCH_PORT="${LIGHTHOUSE_PORT:-8110}"
BENCH_DB=snt_bench_lighthouse
BENCH_INDEX_PREFIX=sntfaro_
BENCH_WORKERS=2 BENCH_WORKER_CLASS=gthread BENCH_THREADS=2
WORK="$ROOT/var/lighthouse"
LOGS="$WORK/log"
RUN="$WORK/run"
mkdir -p "$LOGS" "$RUN"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
LH="$WORK/node_modules/.bin/lighthouse"
SITIOS=(centro nacional)
PAGINAS=(
    "inicio /"
    "listado /noticias/"
    "detalle /noticias/cinco-pasos-para-pedir-informacion/"
    "busqueda /buscar/?q=transparencia"
    "directorio /directorio/"
    "convenios /convenios/"
    "medios /medios/"
)

if [[ ! -x "$LH" ]]; then
    command -v npm >/dev/null || die "npm (Node.js) is needed to install lighthouse"
    log "installing lighthouse@$LIGHTHOUSE_VERSION into ${WORK#"$ROOT"/}"
    npm install --prefix "$WORK" --no-audit --no-fund --save-exact \
        "lighthouse@$LIGHTHOUSE_VERSION" >"$LOGS/npm.log" 2>&1 || die "npm install failed ($LOGS/npm.log)"
fi
[[ -x "$CHROME_PATH" ]] || die "no chromium at $CHROME_PATH (apt-get install chromium)"

on_exit() { if ((!KEEP)); then stop_stack; fi; }
trap on_exit EXIT

bench_env
start_services
if ((SETUP)) || ! database_ready; then
    setup_data
else
    refresh_data
fi
start_gunicorn

host() { if [[ "$1" == nacional ]]; then echo localhost; else echo "$1.localhost"; fi; }
carga="$(cut -d' ' -f1-3 /proc/loadavg)"
log "load average before the run: $carga"
rm -f "$WORK"/informe-*.json
# One request per page first: visitors after the first are served from the page cache, and
# a page rendered cold right after gunicorn starts is not what they get.
for sitio in "${SITIOS[@]}"; do
    for entrada in "${PAGINAS[@]}"; do
        curl -fsS -o /dev/null "http://$(host "$sitio"):$BENCH_PORT${entrada#* }" ||
            die "warm-up request failed: $sitio ${entrada#* }"
    done
done
for sitio in "${SITIOS[@]}"; do
    for entrada in "${PAGINAS[@]}"; do
        nombre="${entrada%% *}" ruta="${entrada#* }"
        url="http://$(host "$sitio"):$BENCH_PORT$ruta"
        log "lighthouse $url"
        # A second attempt when Chromium loses the trace (NO_NAVSTART on a starved CPU).
        for intento in 1 2; do
            if "$LH" "$url" --quiet --output=json \
                --output-path="$WORK/informe-$sitio-$nombre.json" \
                --only-categories=performance,accessibility,best-practices,seo \
                --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking" \
                >>"$LOGS/lighthouse.log" 2>&1; then
                break
            fi
            ((intento == 2)) && die "lighthouse failed on $url ($LOGS/lighthouse.log)"
            log "lighthouse failed on $url; once more"
        done
    done
done

"$PY" - "$WORK" "$UMBRAL" "$carga" "$(nproc)" <<'PYEOF'
import json
import sys
from pathlib import Path

work, umbral, carga, cpus = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
categorias = ["performance", "accessibility", "best-practices", "seo"]
filas, bajas = [], []
for informe in sorted(work.glob("informe-*.json")):
    datos = json.loads(informe.read_text())
    puntos = [round((datos["categories"][c]["score"] or 0) * 100) for c in categorias]
    nombre = informe.stem.removeprefix("informe-")
    filas.append(f"| {nombre} | " + " | ".join(str(p) for p in puntos) + " |")
    # Results pages carry "noindex" on purpose (thin, endless combinations): Lighthouse's
    # "is-crawlable" audit fails there by design, so its SEO is reported, not enforced.
    noindex = datos["audits"].get("is-crawlable", {}).get("score") == 0 and "busqueda" in nombre
    for c, p in zip(categorias, puntos, strict=True):
        if p < umbral and not (c == "seo" and noindex):
            fallidas = [
                a["title"]
                for a in datos["audits"].values()
                if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in ("binary", "numeric")
            ]
            bajas.append(f"{nombre}: {c} {p} ({'; '.join(fallidas[:6])})")
texto = [
    "| página | rendimiento | accesibilidad | buenas prácticas | SEO |",
    "|---|---|---|---|---|",
    *filas,
    "",
    f"Lighthouse, perfil móvil, carga de la máquina al empezar: {carga} ({cpus} núcleos).",
]
(work / "informe.md").write_text("\n".join(texto) + "\n")
print("\n".join(texto))
if bajas:
    print("\nBajo el umbral de", umbral, ":\n" + "\n".join(bajas))
    sys.exit(1)
PYEOF
