"""Demo content and demo users. Never available under production settings."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from regiones.models import OrganismoGarante, Region

from .demo_contenido import MARCA, load_content, load_regional
from .models import INDICES, PaginaBasica

DEMO_PASSWORD = "demo-snt-2026"


def _rich(*paragraphs):
    return [{"type": "parrafo", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}]


def pages_for(region):
    if region.es_nacional:
        return _national_pages()
    entidades = ", ".join(e.nombre for e in region.entidades.all())
    organismos = OrganismoGarante.objects.filter(
        region=region, tipo=OrganismoGarante.Tipo.GARANTE_ESTATAL
    ).order_by("entidad__nombre")
    lista = "".join(
        f"<li>{o.nombre} ({o.siglas}), {o.entidad} — {o.get_estado_display().lower()}</li>"
        for o in organismos
    )
    return [
        (
            "Quiénes somos",
            f"La Región {region.nombre} reúne a los organismos garantes de {entidades}.",
            [
                {
                    "type": "parrafo",
                    "value": (
                        "<p>Los organismos garantes de la región trabajan juntos para que "
                        "la ciudadanía conozca y ejerza sus derechos de acceso a la información "
                        "y de protección de datos personales.</p>"
                        f"<ul>{lista}</ul>"
                    ),
                }
            ],
        ),
        (
            "Tu derecho a saber",
            "Cualquier persona puede pedir información pública, sin decir para qué la quiere.",
            _rich(
                "El derecho de acceso a la información pública te permite conocer cómo "
                "se usan los recursos públicos y cómo se toman las decisiones que te afectan.",
                "Puedes presentar una solicitud en línea, por escrito o de forma verbal. "
                "No necesitas justificar tu solicitud ni identificarte con tu nombre real.",
                "Si la respuesta no te satisface, puedes interponer un recurso de revisión.",
            ),
        ),
        (
            "Protege tus datos personales",
            "Tus datos personales son tuyos: puedes acceder a ellos, corregirlos, "
            "cancelarlos u oponerte a su uso.",
            _rich(
                "Los derechos ARCO (acceso, rectificación, cancelación y oposición) se ejercen "
                "ante la institución que tiene tus datos.",
                "Antes de entregar tus datos, pide el aviso de privacidad: debe decirte "
                "para qué los usarán y con quién los compartirán.",
            ),
        ),
    ]


def _national_pages():
    inai = OrganismoGarante.objects.filter(clave="inai").first()
    extintas = OrganismoGarante.objects.filter(estado=OrganismoGarante.Estado.EXTINTA).count()
    en_extincion = OrganismoGarante.objects.filter(
        estado=OrganismoGarante.Estado.EN_EXTINCION
    ).count()
    transicion = [
        "La reforma constitucional de simplificación orgánica (DOF 20 de diciembre de 2024) "
        "y las nuevas leyes de transparencia (DOF 20 de marzo de 2025) extinguieron al "
        "organismo garante nacional y dieron origen al Sistema Nacional de Acceso a la "
        "Información Pública.",
        f"Según las fuentes reunidas por la red, {extintas} organismos garantes ya se "
        f"extinguieron y {en_extincion} están en proceso de extinción. El directorio muestra, "
        "para cada institución, su estado, la fecha, el fundamento y la institución sucesora.",
    ]
    if inai and inai.sucesor:
        transicion.append(f"Las funciones del {inai.siglas} pasaron a {inai.sucesor.nombre}.")
    return [
        (
            "La red",
            "Una red de instituciones que garantizan tus derechos de acceso a la información "
            "y de protección de datos personales en todo el país.",
            _rich(
                "La red agrupa a los organismos garantes de las 32 entidades federativas en "
                "cuatro regiones: Centro, Centro-Occidente, Norte y Sureste.",
                "Su comisión de comunicación impulsa campañas en lenguaje ciudadano, "
                "incluyente y no sexista, y comparte noticias, eventos, convocatorias e "
                "historias de éxito de todas las regiones.",
            ),
        ),
        (
            "Transición institucional 2024–2026",
            "Cómo cambia la red con las reformas de 2024 y 2025.",
            _rich(*transicion),
        ),
        (
            "Aviso de privacidad",
            "Cómo tratamos los datos personales que recabamos en este sitio.",
            _rich(
                "Este sitio no usa cookies de terceros ni scripts de seguimiento.",
                "Las búsquedas se registran de forma anónima, sin datos que identifiquen "
                "a las personas, para mejorar los resultados.",
            ),
        ),
    ]


def _add_before_indexes(home, page):
    """Basic pages go before the listings (bootstrap creates those first), so that the
    home's first child stays the region's "Quiénes somos"."""
    anchor = home.get_children().filter(slug__in=list(INDICES)).first()
    if anchor is None:
        home.add_child(instance=page)
    else:
        anchor.add_sibling("left", instance=page)


@transaction.atomic
def load_pages():
    regions = list(Region.objects.select_related("site__root_page"))
    # Listings' content first, basic pages last: the network report (newest revisions first)
    # then opens on each site's basic pages.
    created = sum(load_content(region) for region in regions)
    for region in regions:
        home = region.site.root_page
        for title, intro, body in pages_for(region):
            slug = slugify(title)
            if home.get_children().filter(slug=slug).exists():
                continue
            page = PaginaBasica(title=title, slug=slug, introduccion=intro, cuerpo=body)
            _add_before_indexes(home, page)
            page.save_revision().publish()
            created += 1
    return created


@transaction.atomic
def load_regional_pages():
    """Each region's own news, events, calls and stories (``load_demo`` only: the test
    suite's shared database keeps the lighter ``load_pages``)."""
    return sum(load_regional(region) for region in Region.objects.select_related("site"))


@transaction.atomic
def load_users():
    """One demo user per editorial group, plus an administrator. Returns [(user, group)]."""
    User = get_user_model()
    users = []
    for region in Region.objects.select_related(
        "grupo_edicion", "grupo_coordinacion", "grupo_traduccion"
    ):
        roles = (
            ("coordinacion", region.grupo_coordinacion),
            ("edicion", region.grupo_edicion),
            ("traduccion", region.grupo_traduccion),
        )
        for role, group in roles:
            if group is None:
                continue
            username = f"{region.slug}.{role}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": group.name, "email": f"{username}@demo.invalid"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(group)
            users.append((username, group.name))
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_superuser": True, "is_staff": True, "email": "admin@demo.invalid"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    users.append(("admin", "superusuario"))
    return users


def demo_allowed():
    return getattr(settings, "SNT_DEMO_ALLOWED", False)


# --------------------------------------------------------------------------------------------
# Translations, written for the demo and created through wagtail-localize's own models
# --------------------------------------------------------------------------------------------

#: English translations of the pages the demo translates (their Spanish text is the same on
#: every regional site).
INGLES = {
    "Tu derecho a saber": "Your right to know",
    "Cualquier persona puede pedir información pública, sin decir para qué la quiere.": (
        "Anyone can request public information without saying why they want it."
    ),
    "El derecho de acceso a la información pública te permite conocer cómo se usan los "
    "recursos públicos y cómo se toman las decisiones que te afectan.": (
        "The right of access to public information lets you know how public resources are "
        "used and how the decisions that affect you are made."
    ),
    "Puedes presentar una solicitud en línea, por escrito o de forma verbal. No necesitas "
    "justificar tu solicitud ni identificarte con tu nombre real.": (
        "You can file a request online, in writing or verbally. You do not need to justify "
        "your request or identify yourself with your real name."
    ),
    "Si la respuesta no te satisface, puedes interponer un recurso de revisión.": (
        "If the answer does not satisfy you, you can file an appeal for review (recurso de "
        "revisión)."
    ),
    "Protege tus datos personales": "Protect your personal data",
    "Tus datos personales son tuyos: puedes acceder a ellos, corregirlos, cancelarlos u "
    "oponerte a su uso.": (
        "Your personal data belong to you: you can access them, correct them, have them "
        "deleted or object to their use."
    ),
    "Los derechos ARCO (acceso, rectificación, cancelación y oposición) se ejercen ante la "
    "institución que tiene tus datos.": (
        "The ARCO rights (access, rectification, cancellation and objection) are exercised "
        "before the institution that holds your data."
    ),
    "Antes de entregar tus datos, pide el aviso de privacidad: debe decirte para qué los "
    "usarán y con quién los compartirán.": (
        "Before handing over your data, ask for the privacy notice: it must tell you what "
        "they will be used for and with whom they will be shared."
    ),
}
PAGINAS_TRADUCIDAS = ("tu-derecho-a-saber", "protege-tus-datos-personales")
#: Indigenous languages: one per region that offers them. We do not write text in these
#: languages: the page is an example translation that says it awaits a speaker's review.
INDIGENAS = {"centro": "nah", "sureste": "yua"}
PENDIENTE = "traducción de ejemplo pendiente de revisión"


def al_ingles(texto):
    prefijo = "Red SNT · Región "
    if texto.startswith(prefijo):
        return f"SNT network · {texto[len(prefijo) :]} region"
    if texto not in INGLES:
        raise KeyError(f"Sin traducción al inglés para la demostración: {texto!r}")
    return INGLES[texto]


def pendiente_de_revision(texto, campo):
    """Spanish text marked as an example translation that a speaker has yet to write."""
    if campo == "title":
        return f"{texto} ({PENDIENTE})"
    if campo == "introduccion":
        return f"[{PENDIENTE.capitalize()}: el texto sigue en español.] {texto}"
    return texto


def traducir(page, locale, traductor):
    """Translate ``page`` into ``locale`` through wagtail-localize (source, string
    translations, translation) and publish it. ``traductor(text, field)`` gives each
    segment's text; slugs are kept. Returns True when it created or published something."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    existente = page.get_translation_or_none(locale)
    if existente is not None and existente.live and existente.alias_of_id is None:
        return False
    source, _ = TranslationSource.get_or_create_from_instance(page)
    for segmento in StringSegment.objects.filter(source=source).select_related("string", "context"):
        campo = segmento.context.path.split(".")[0]
        texto = segmento.string.data
        StringTranslation.objects.update_or_create(
            translation_of=segmento.string,
            locale=locale,
            context=segmento.context,
            defaults={"data": texto if campo == "slug" else traductor(texto, campo)},
        )
    Translation.objects.get_or_create(source=source, target_locale=locale)
    # Published here, not by wagtail-localize: its publish=True waits for the commit and then
    # saves a stale copy of the page, which resets the home's child count (its pages 404).
    traducida, _ = source.create_or_update_translation(
        locale, publish=False, copy_parent_pages=True
    )
    traducida.specific.get_latest_revision().publish()
    return True


def _traducciones(region, code, traductor):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=code).first()
    if locale is None or not region.ofrece(locale):
        return 0
    home = region.home_page.specific
    hechas = traducir(home, locale, traductor)
    for slug in PAGINAS_TRADUCIDAS:
        page = home.get_children().filter(slug=slug).first()
        if page is not None:
            hechas += traducir(page.specific, locale, traductor)
    return hechas


@transaction.atomic
def load_translations():
    """English on every regional site; an Indigenous-language example (pending review)
    where the region offers one. Returns how many pages were translated."""
    hechas = 0
    for region in Region.objects.filter(site__isnull=False).order_by("orden"):
        if region.es_nacional:
            continue
        hechas += _traducciones(region, "en", lambda texto, _campo: al_ingles(texto))
        if region.slug in INDIGENAS:
            hechas += _traducciones(region, INDIGENAS[region.slug], pendiente_de_revision)
    return hechas


# --------------------------------------------------------------------------------------------
# Curation: pages the regions proposed to the network, some accepted, some waiting
# --------------------------------------------------------------------------------------------


@transaction.atomic
def load_curation():
    """Per region: its newest example news accepted on the national home, and an example
    story waiting for the national coordination. Returns how many proposals were created."""
    from django.utils import timezone

    from .curaduria import PropuestaRed
    from .models import HistoriaExito, Noticia

    User = get_user_model()
    nacional = User.objects.filter(username="nacional.coordinacion").first()
    creadas = 0
    for region in Region.objects.filter(site__isnull=False).order_by("orden"):
        if region.es_nacional:
            continue
        proponente = User.objects.filter(username=f"{region.slug}.coordinacion").first()
        raiz = region.site.root_page
        noticia = (
            Noticia.objects.live()
            .descendant_of(raiz)
            .filter(title__endswith=MARCA)
            .exclude(slug="cinco-pasos-para-pedir-informacion")
            .order_by("-fecha", "pk")
            .first()
        )
        historia = (
            HistoriaExito.objects.live()
            .descendant_of(raiz)
            .order_by("-first_published_at", "-pk")
            .first()
        )
        for page, aceptada in ((noticia, True), (historia, False)):
            if page is None or PropuestaRed.objects.filter(pagina=page).exists():
                continue
            propuesta = PropuestaRed(
                pagina=page,
                region=region,
                motivo="Ejemplo: una actividad que otras regiones pueden replicar.",
                propuesta_por=proponente,
            )
            if aceptada:
                propuesta.estado = PropuestaRed.Estado.ACEPTADA
                propuesta.comentario = "Ejemplo: aceptada para el inicio nacional."
                propuesta.revisada_por = nacional
                propuesta.revisada_en = timezone.now()
            propuesta.save()
            creadas += 1
    return creadas


def load_full(escribir=lambda linea: None):
    """Everything ``load_demo`` loads, in order; ``escribir`` receives a line per step with
    the seconds it took."""
    import time

    from cms.plugins import load_plugin_demo_data
    from regiones.demo import load_institutions

    def paso(texto, funcion):
        inicio = time.monotonic()
        resultado = funcion()
        escribir(f"{texto(resultado)} ({time.monotonic() - inicio:.0f} s)")
        return resultado

    paso(lambda n: f"Instituciones: {n} filas de los datos de la red.", load_institutions)
    paso(lambda n: f"Páginas nuevas: {n}.", load_pages)
    paso(lambda n: f"Páginas de ejemplo de cada región nuevas: {n}.", load_regional_pages)
    paso(
        lambda resumenes: "\n".join(f"Complemento {label}: {r}" for label, r in resumenes),
        lambda: list(load_plugin_demo_data()),
    )
    users = load_users()
    paso(lambda n: f"Traducciones publicadas: {n}.", load_translations)
    paso(lambda n: f"Propuestas a la red nuevas: {n}.", load_curation)
    return users
