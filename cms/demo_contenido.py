"""Demo news, events, calls, stories, resources and campaigns for every site.

Generic outreach content: it names the region's real institutions only as participants and
never states facts about them.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from regiones.models import OrganismoGarante

PNT = "https://www.plataformadetransparencia.org.mx/"


def _p(*parrafos):
    return [{"type": "parrafo", "value": "".join(f"<p>{p}</p>" for p in parrafos)}]


def _momento(dias, hora):
    fecha = timezone.localdate() + timedelta(days=dias)
    return timezone.make_aware(datetime.combine(fecha, time(hora, 0)))


def _organismos(region, cuantos=2):
    return list(OrganismoGarante.objects.for_region(region).vigentes().order_by("clave")[:cuantos])


def _indice(region, slug):
    return region.site.root_page.get_children().filter(slug=slug).first()


def _crear(index, page, organismos=None, temas=None, publicar=True):
    if index is None or index.get_children().filter(slug=page.slug).exists():
        return 0
    if temas:
        page.temas.add(*temas)
    if organismos is not None:
        page.organismos = organismos
    index.add_child(instance=page)
    revision = page.save_revision()
    if publicar:
        revision.publish()
    return 1


def load_content(region):
    from .models import Campana, Convocatoria, Evento, HistoriaExito, Noticia, Recurso

    nombre = region.nombre if not region.es_nacional else "la red"
    hoy = timezone.localdate()
    organismos = _organismos(region)
    creadas = 0

    noticias = _indice(region, "noticias")
    creadas += _crear(
        noticias,
        Noticia(
            title="Cinco pasos para pedir información pública",
            slug="cinco-pasos-para-pedir-informacion",
            fecha=hoy - timedelta(days=2),
            entrada=(
                "Pedir información pública es gratuito y no necesitas decir para qué la "
                "quieres. Te explicamos cómo hacerlo en cinco pasos."
            ),
            cuerpo=_p(
                "1. Identifica qué institución tiene la información que buscas.",
                "2. Entra a la Plataforma Nacional de Transparencia o acude a la unidad de "
                "transparencia de esa institución.",
                "3. Describe con claridad lo que quieres saber.",
                "4. Elige cómo quieres recibir la respuesta.",
                "5. Guarda tu número de folio para dar seguimiento.",
            ),
        ),
        organismos=organismos,
        temas=["transparencia", "acceso a la información"],
    )
    creadas += _crear(
        noticias,
        Noticia(
            title="Tus datos personales te pertenecen",
            slug="tus-datos-personales-te-pertenecen",
            fecha=hoy - timedelta(days=9),
            entrada=(
                f"Los organismos garantes de {nombre} recuerdan cómo ejercer los derechos "
                "de acceso, rectificación, cancelación y oposición."
            ),
            cuerpo=_p(
                "Antes de entregar tus datos, pide el aviso de privacidad.",
                "Si una institución usa tus datos sin tu permiso, puedes presentar una queja "
                "ante el organismo garante de tu entidad.",
            ),
        ),
        organismos=organismos[:1],
        temas=["datos personales"],
    )
    creadas += _crear(
        noticias,
        Noticia(
            title="Gobierno abierto: participar también es preguntar",
            slug="gobierno-abierto-participar-es-preguntar",
            fecha=hoy - timedelta(days=20),
            entrada=(
                "Las solicitudes de información ayudan a que las comunidades propongan "
                "soluciones junto con sus autoridades."
            ),
            cuerpo=_p(
                "El gobierno abierto se construye con información útil, colaboración y "
                "rendición de cuentas."
            ),
        ),
        organismos=[],
        temas=["gobierno abierto", "transparencia"],
    )

    eventos = _indice(region, "eventos")
    creadas += _crear(
        eventos,
        Evento(
            title="Taller: cómo hacer una solicitud de información",
            slug="taller-solicitud-de-informacion",
            tipo=Evento.Tipo.TALLER,
            inicio=_momento(7, 10),
            fin=_momento(7, 12),
            modalidad=Evento.Modalidad.VIRTUAL,
            enlace="https://example.org/taller-solicitudes",
            publico=[Evento.Publico.CIUDADANIA, Evento.Publico.ESTUDIANTES],
            entrada=(
                "Un taller práctico y gratuito: al terminar sabrás presentar una solicitud y "
                "dar seguimiento a la respuesta."
            ),
        ),
        organismos=organismos,
    )
    creadas += _crear(
        eventos,
        Evento(
            title="Conversatorio: periodismo y acceso a la información",
            slug="conversatorio-periodismo-y-acceso",
            tipo=Evento.Tipo.CONVERSATORIO,
            inicio=_momento(21, 17),
            fin=_momento(21, 19),
            modalidad=Evento.Modalidad.HIBRIDA,
            sede="Auditorio del organismo garante (dirección por confirmar)",
            enlace="https://example.org/conversatorio",
            publico=[Evento.Publico.PERIODISTAS],
            entrada="Personas periodistas comparten cómo usan las solicitudes en su trabajo.",
        ),
        organismos=organismos[:1],
    )
    creadas += _crear(
        eventos,
        Evento(
            title="Capacitación sobre protección de datos personales",
            slug="capacitacion-datos-personales",
            tipo=Evento.Tipo.CAPACITACION,
            inicio=_momento(-30, 9),
            fin=_momento(-30, 14),
            modalidad=Evento.Modalidad.PRESENCIAL,
            sede="Sala de capacitación del organismo garante",
            publico=[Evento.Publico.PERSONAS_SERVIDORAS],
            entrada="Capacitación para personas servidoras públicas sobre avisos de privacidad.",
        ),
        organismos=organismos[:1],
    )

    convocatorias = _indice(region, "convocatorias")
    ambito = Convocatoria.Ambito.NACIONAL if region.es_nacional else Convocatoria.Ambito.REGIONAL
    creadas += _crear(
        convocatorias,
        Convocatoria(
            title="Concurso de cartel: la transparencia en tu comunidad",
            slug="concurso-de-cartel-transparencia",
            fecha_apertura=hoy - timedelta(days=5),
            fecha_cierre=hoy + timedelta(days=25),
            ambito=ambito,
            entrada="Pueden participar estudiantes de bachillerato y universidad.",
            cuerpo=_p("Diseña un cartel que explique por qué es útil pedir información."),
        ),
    )
    creadas += _crear(
        convocatorias,
        Convocatoria(
            title="Premio a la innovación en transparencia",
            slug="premio-innovacion-transparencia",
            fecha_apertura=hoy + timedelta(days=15),
            fecha_cierre=hoy + timedelta(days=60),
            ambito=ambito,
            entrada="Para proyectos que acercan la información pública a la ciudadanía.",
        ),
    )

    historias = _indice(region, "historias")
    creadas += _crear(
        historias,
        HistoriaExito(
            title="Una colonia que preguntó por su agua",
            slug="una-colonia-que-pregunto-por-su-agua",
            protagonista="Vecinas y vecinos de una colonia (nombre reservado)",
            tipo_protagonista=HistoriaExito.Protagonista.COMUNIDAD,
            que_pregunto="Cuándo se haría la reparación de la red de agua potable de su colonia.",
            que_cambio=(
                "Con la respuesta conocieron el calendario de obra y pudieron darle "
                "seguimiento en las reuniones vecinales."
            ),
            cuerpo=_p("Esta historia se comparte con el consentimiento de sus protagonistas."),
        ),
    )

    recursos = _indice(region, "recursos")
    creadas += _crear(
        recursos,
        Recurso(
            title="ABC de la solicitud de información",
            slug="abc-solicitud-de-informacion",
            tipo=Recurso.Tipo.ABC,
            entrada="Una guía breve, en lenguaje sencillo, para tu primera solicitud.",
            materiales=[
                {
                    "type": "enlace",
                    "value": {
                        "texto": "Plataforma Nacional de Transparencia",
                        "pagina": None,
                        "url": PNT,
                    },
                }
            ],
        ),
    )

    campanas = _indice(region, "campanas")
    creadas += _crear(
        campanas,
        Campana(
            title="Pregunta sin miedo",
            slug="pregunta-sin-miedo",
            entrada="Una campaña para que más personas usen su derecho a saber.",
            mensajes_clave=[
                {"type": "mensaje", "value": "Preguntar es tu derecho y es gratuito."},
                {"type": "mensaje", "value": "No necesitas decir para qué quieres la información."},
            ],
            hashtags="#TuDerechoASaber #PreguntaSinMiedo",
            inicio=hoy - timedelta(days=10),
            fin=hoy + timedelta(days=50),
        ),
        organismos=organismos,
    )
    return creadas
