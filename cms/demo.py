"""Demo content and demo users. Never available under production settings."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from regiones.models import OrganismoGarante, Region

from .demo_contenido import load_content
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
