"""Print the URLs the load profiles use, read from the database of the running stack.

One line per URL: ``category<TAB>host<TAB>path``. Categories: home, listing, detail,
plugin (plugin index pages and their records), feed, api, search-html, search-api.
Nothing is hard-coded but the query words: pages, hosts and records come from the data.
search-unique: UNIQUE_SEARCHES searches that are all different (two or three words of the
published titles, some with a filter), for the profile no result cache can help.

Run with the stack's environment: ``python scripts/bench/collect_urls.py``.
"""

import os
import random
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from wagtail.models import Page, Site  # noqa: E402

from cms.models import HomePage, IndiceBase, NoticiaIndex  # noqa: E402
from cms.plugin_pages import PluginIndexPage  # noqa: E402
from regiones.models import OrganismoGarante, Region  # noqa: E402
from search.benchmark import QUERY_WORDS  # noqa: E402

DETAILS_PER_SITE = 40
RECORDS_PER_PLUGIN_PAGE = 4
#: More than the fastest profile asks for in all its steps (10 s each): none repeats.
UNIQUE_SEARCHES = 40_000
API_PATHS = ["/api/v1/directorio/organismos", "/api/v1/convenios", "/api/v1/medios"]
# Everyday searches of the network's visitors, with and without accents, plus filters.
EXTRA_QUERIES = [
    "solicitud de información",
    "protección de datos",
    "convocatoria",
    "premio",
    "capacitación en línea",
    "organismo garante",
    "comité de transparencia",
    "sesión del consejo",
    "infoem",
    "trasparencia",  # misspelt on purpose: the relaxed and suggestion paths
]


def host_of(site):
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


def site_path(page, site):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def main():
    rng = random.Random(13)
    lines = []
    vocabulary = set()
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    for site in sites:
        host = host_of(site)
        region = Region.for_site(site)
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .filter(locale__language_code="es-mx")
            .specific()
        )
        details = []
        for page in pages:
            path = site_path(page, site)
            if not path:
                continue
            vocabulary.update(w.lower() for w in re.findall(r"\w{4,}", page.title))
            if isinstance(page, HomePage):
                lines.append(("home", host, path))
            elif isinstance(page, PluginIndexPage):
                lines.append(("plugin", host, path))
                if page.plugin_label == "directorio":
                    scope = OrganismoGarante.objects.de_region(region).order_by("clave")
                    for organismo in scope[:RECORDS_PER_PLUGIN_PAGE]:
                        sub = page.reverse_subpage("institucion", kwargs={"clave": organismo.clave})
                        lines.append(("plugin", host, path + sub))
            elif isinstance(page, IndiceBase):
                lines.append(("listing", host, path))
                if isinstance(page, NoticiaIndex):
                    lines.append(("feed", host, path + page.reverse_subpage("rss")))
                    lines.append(("feed", host, path + page.reverse_subpage("atom")))
            else:
                details.append(path)
        for path in rng.sample(details, min(DETAILS_PER_SITE, len(details))):
            lines.append(("detail", host, path))
        for path in API_PATHS:
            lines.append(("api", host, path))
        if region and not region.es_nacional:
            lines.append(("api", host, f"{API_PATHS[0]}?{urlencode({'region': region.slug})}"))
        queries = QUERY_WORDS + EXTRA_QUERIES
        for q in rng.sample(queries, 12):
            params = {"q": q}
            if rng.random() < 0.3:
                params["tipo"] = rng.choice(["noticia", "evento", "convocatoria"])
            lines.append(("search-html", host, f"/buscar/?{urlencode(params)}"))
        for q in rng.sample(queries, 12):
            lines.append(("search-api", host, f"/api/v1/buscar?{urlencode({'q': q})}"))
    lines += unique_searches(rng, sorted(vocabulary), [host_of(site) for site in sites])
    for category, host, path in lines:
        print(f"{category}\t{host}\t{path}")


def unique_searches(rng, vocabulary, hosts, n=UNIQUE_SEARCHES):
    """n different searches, half on /buscar/ and half on the API, over every host."""
    seen, out = set(), []
    while len(out) < n and vocabulary:
        words = " ".join(rng.sample(vocabulary, rng.choice((2, 2, 3))))
        params = {"q": words}
        if rng.random() < 0.2:
            params["tipo"] = rng.choice(["noticia", "evento", "convocatoria"])
        host = rng.choice(hosts)
        key = (host, tuple(sorted(params.items())))
        if key in seen:
            continue
        seen.add(key)
        base = "/buscar/" if len(out) % 2 == 0 else "/api/v1/buscar"
        out.append(("search-unique", host, f"{base}?{urlencode(params)}"))
    return out


if __name__ == "__main__":
    main()
