"""Prepares the browser tests' database: the network as `make demo` leaves it, plus a little
content of the tests' own, then a fresh search index.

Run in a subprocess by servidor.py with DATABASE_URL pointing at an empty database:

    python -m tests.navegador.preparar --port 8123
"""

import argparse
from datetime import timedelta

# Content the tests look for. Accented in the page, typed without accents by the citizen.
CONVOCATORIA_NORTE = {
    "slug": "participacion-ciudadana-transparencia-proactiva",
    "title": "Convocatoria a la participación ciudadana en transparencia proactiva",
    "entrada": (
        "Colectivos y personas de la región proponen qué información publicar sin que nadie "
        "la pida: transparencia proactiva hecha con participación ciudadana."
    ),
}
NOTICIA_CENTRO = {
    "slug": "participacion-y-transparencia-proactiva-en-centro",
    "title": "Participación y transparencia proactiva: así se organizan en Centro",
    "entrada": "Una jornada sobre participación y transparencia proactiva en la región Centro.",
}
# A live page of the Sureste region that its coordination proposes to the whole network.
HISTORIA_SURESTE = {
    "slug": "mercado-que-pidio-sus-cuentas",
    "title": "El mercado que pidió sus cuentas",
}


def crear_contenido():
    from django.utils import timezone

    from cms.models import Convocatoria, HistoriaExito, Noticia
    from regiones.models import Region

    hoy = timezone.localdate()

    def indice(slug_region, slug):
        region = Region.objects.select_related("site__root_page").get(slug=slug_region)
        return region.site.root_page.get_children().get(slug=slug)

    def publicar(padre, pagina):
        if padre.get_children().filter(slug=pagina.slug).exists():
            return
        padre.add_child(instance=pagina)
        pagina.save_revision().publish()

    publicar(
        indice("norte", "convocatorias"),
        Convocatoria(
            **CONVOCATORIA_NORTE,
            fecha_apertura=hoy - timedelta(days=3),
            fecha_cierre=hoy + timedelta(days=20),
            ambito=Convocatoria.Ambito.REGIONAL,
        ),
    )
    publicar(
        indice("centro", "noticias"),
        Noticia(**NOTICIA_CENTRO, fecha=hoy - timedelta(days=1)),
    )
    publicar(
        indice("sureste", "historias"),
        HistoriaExito(
            **HISTORIA_SURESTE,
            protagonista="Locatarias y locatarios de un mercado municipal",
            tipo_protagonista=HistoriaExito.Protagonista.COMUNIDAD,
            que_pregunto="Cuánto se cobró por el mantenimiento del mercado y en qué se gastó.",
            que_cambio="El ayuntamiento publicó las cuentas del mercado cada trimestre.",
        ),
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("bootstrap_snt", port=options.port, verbosity=0)
    call_command("load_demo")
    crear_contenido()
    call_command("search_reindex")


if __name__ == "__main__":
    main()
