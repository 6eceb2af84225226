"""Demo news, events, calls, stories, resources and campaigns for every site.

Everything here is invented to show the platform at work, so every title carries the example
mark (:data:`MARCA`, shown wherever a title is: pages, listings, search, feeds, the admin) and
every body says it is an example. Generic outreach content names the region's real
institutions only as participants and never states facts about them; the regional content
(:func:`load_regional`) speaks of the region's own states and their capitals, never of what
an institution did.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from regiones.models import OrganismoGarante

from .demo_imagenes import imagen

PNT = "https://www.plataformadetransparencia.org.mx/"
#: The example mark: every invented page and record ends its title with it.
MARCA = " (ejemplo)"
AVISO = (
    "Contenido de ejemplo para mostrar la plataforma: las personas, fechas y actividades "
    "que se mencionan son ficticias."
)


def marcar(titulo):
    """``titulo`` with the example mark, once."""
    return titulo if titulo.endswith(MARCA) else f"{titulo}{MARCA}"


def es_ejemplo(texto):
    return "ejemplo" in (texto or "").lower()


def _p(*parrafos):
    return [{"type": "parrafo", "value": "".join(f"<p>{p}</p>" for p in parrafos)}]


def _momento(dias, hora):
    fecha = timezone.localdate() + timedelta(days=dias)
    return timezone.make_aware(datetime.combine(fecha, time(hora, 0)))


def _organismos(region, cuantos=2):
    return list(OrganismoGarante.objects.de_region(region).vigentes().order_by("clave")[:cuantos])


def _indice(region, slug):
    return region.site.root_page.get_children().filter(slug=slug).first()


def _marcar_existente(page):
    """A page an earlier demo created without the mark gets it (published as it was)."""
    page = page.specific
    if page.title.endswith(MARCA):
        return
    page.title = marcar(page.title)
    revision = page.save_revision()
    if page.live:
        revision.publish()


def _crear(index, page, organismos=None, temas=None, publicar=True):
    page.title = marcar(page.title)
    if index is None:
        return 0
    existente = index.get_children().filter(slug=page.slug).first()
    if existente is not None:
        _marcar_existente(existente)
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
    lugar = _lugar(_entidades(region), 0)
    historia = HistoriaExito(
        title="Una colonia que preguntó por su agua",
        slug="una-colonia-que-pregunto-por-su-agua",
        protagonista=f"Vecinas y vecinos de una colonia de {lugar['capital']} (nombre reservado)",
        tipo_protagonista=HistoriaExito.Protagonista.COMUNIDAD,
        que_pregunto="Cuándo se haría la reparación de la red de agua potable de su colonia.",
        que_cambio=(
            "Con la respuesta conocieron el calendario de obra y pudieron darle "
            "seguimiento en las reuniones vecinales."
        ),
        cuerpo=_p(AVISO),
    )
    if historias is not None:
        _situar_historia(historia, lugar, region)
    creadas += _crear(historias, historia)
    if historias is not None:
        _completar_historia(historias, historia.slug, lugar, region)

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


# --------------------------------------------------------------------------------------------
# Each region's own content: its states and their capitals, never five copies of the same
# --------------------------------------------------------------------------------------------

#: State -> capital (the place the examples happen in).
CAPITALES = {
    "Aguascalientes": "Aguascalientes",
    "Baja California": "Mexicali",
    "Baja California Sur": "La Paz",
    "Campeche": "San Francisco de Campeche",
    "Chiapas": "Tuxtla Gutiérrez",
    "Chihuahua": "Chihuahua",
    "Ciudad de México": "Ciudad de México",
    "Coahuila": "Saltillo",
    "Colima": "Colima",
    "Durango": "Victoria de Durango",
    "Estado de México": "Toluca",
    "Guanajuato": "Guanajuato",
    "Guerrero": "Chilpancingo",
    "Hidalgo": "Pachuca",
    "Jalisco": "Guadalajara",
    "Michoacán": "Morelia",
    "Morelos": "Cuernavaca",
    "Nayarit": "Tepic",
    "Nuevo León": "Monterrey",
    "Oaxaca": "Oaxaca de Juárez",
    "Puebla": "Puebla",
    "Querétaro": "Querétaro",
    "Quintana Roo": "Chetumal",
    "San Luis Potosí": "San Luis Potosí",
    "Sinaloa": "Culiacán",
    "Sonora": "Hermosillo",
    "Tabasco": "Villahermosa",
    "Tamaulipas": "Ciudad Victoria",
    "Tlaxcala": "Tlaxcala",
    "Veracruz": "Xalapa",
    "Yucatán": "Mérida",
    "Zacatecas": "Zacatecas",
}

# (title, summary, body paragraphs, topics); {estado} and {capital} are filled in.
NOTICIAS = [
    (
        "Feria de la transparencia en {capital}",
        "Módulos de orientación en la plaza principal de {capital} para aprender a pedir "
        "información pública y a cuidar los datos personales.",
        [
            "Durante un fin de semana, personas orientadoras explicaron cómo presentar una "
            "solicitud en la Plataforma Nacional de Transparencia.",
            "Quienes se acercaron pudieron practicar con una solicitud de prueba y llevarse "
            "una guía impresa.",
        ],
        ["transparencia", "acceso a la información"],
    ),
    (
        "{estado}: estudiantes de bachillerato aprenden a pedir información",
        "Grupos de bachillerato de {estado} hicieron sus primeras solicitudes de información "
        "como parte de una clase de formación cívica.",
        [
            "Cada grupo eligió un tema de su comunidad (la biblioteca, el transporte, el "
            "parque) y redactó una pregunta clara.",
            "Las respuestas se revisaron en clase para aprender a leerlas y, si hacía falta, "
            "a presentar un recurso de revisión.",
        ],
        ["acceso a la información", "educación"],
    ),
    (
        "Jornada de protección de datos personales en escuelas de {estado}",
        "Niñas, niños y adolescentes de {estado} aprendieron por qué sus datos personales "
        "valen y cómo cuidarlos en internet.",
        [
            "Las actividades incluyeron juegos sobre contraseñas seguras y sobre qué datos no "
            "conviene publicar en redes sociales.",
            "Las familias recibieron una hoja con los derechos de acceso, rectificación, "
            "cancelación y oposición.",
        ],
        ["datos personales", "educación"],
    ),
    (
        "Guía para personas mayores de {capital}: cómo preguntar a una institución",
        "Una guía en letra grande, con ejemplos, para que las personas mayores de {capital} "
        "pidan información sobre trámites y apoyos.",
        [
            "La guía explica que la solicitud es gratuita y que no hace falta decir para qué "
            "se quiere la información.",
            "También indica cómo pedir ayuda en la unidad de transparencia de cada institución.",
        ],
        ["acceso a la información", "inclusión"],
    ),
    (
        "Encuentro con periodistas en {capital} sobre información pública",
        "Periodistas de medios locales de {estado} compartieron cómo usan las solicitudes de "
        "información para sus reportajes.",
        [
            "Se habló de cómo buscar primero en las obligaciones de transparencia publicadas y "
            "de cómo formular preguntas precisas.",
            "Las personas asistentes propusieron repetir el encuentro en otros municipios.",
        ],
        ["periodismo", "transparencia"],
    ),
    (
        "{estado}: municipios repasan cómo publicar sus obligaciones de transparencia",
        "Personas servidoras públicas de municipios de {estado} revisaron cómo mantener al "
        "día la información que deben publicar.",
        [
            "La sesión se centró en formatos sencillos y en la fecha de actualización de cada "
            "dato.",
            "Se compartió una lista de revisión para antes de publicar.",
        ],
        ["transparencia", "municipios"],
    ),
    (
        "Radio comunitaria de {estado} explica el derecho a saber",
        "Una serie de cápsulas de radio en {estado} cuenta, en lenguaje sencillo, cómo pedir "
        "información pública.",
        [
            "Cada cápsula dura dos minutos y responde una pregunta frecuente: quién puede "
            "pedir, cuánto cuesta y cuánto tardan en responder.",
            "Las cápsulas pueden retransmitirse libremente.",
        ],
        ["acceso a la información", "medios"],
    ),
    (
        "Biblioteca pública de {capital} abre un módulo de consulta",
        "En la biblioteca pública de {capital} hay un equipo de cómputo para consultar "
        "información pública y presentar solicitudes.",
        [
            "Una persona orientadora acompaña a quien lo necesite durante el horario de la "
            "biblioteca.",
            "El servicio es gratuito y no requiere registro.",
        ],
        ["acceso a la información", "inclusión"],
    ),
    (
        "{estado}: cómo preguntar por los programas sociales",
        "Qué información de los programas sociales puedes consultar en {estado} y cómo "
        "pedir la que no encuentres.",
        [
            "Las reglas de operación, los requisitos y los montos de los apoyos son "
            "información pública.",
            "Los datos personales de quienes reciben un apoyo están protegidos: se publican "
            "solo en los términos que marca la ley.",
        ],
        ["transparencia", "programas sociales"],
    ),
    (
        "Avisos de privacidad en comercios de {capital}: lo que debes saber",
        "Si un comercio de {capital} te pide datos personales, tiene que decirte para qué "
        "los usará.",
        [
            "Pide el aviso de privacidad antes de llenar un formulario o dar tu número de "
            "teléfono.",
            "Si usan tus datos para algo que no autorizaste, puedes oponerte.",
        ],
        ["datos personales"],
    ),
]

# (title, type, modality, public, summary)
EVENTOS = [
    (
        "Taller de solicitudes de información en {capital}",
        "taller",
        "presencial",
        ["ciudadania"],
        "Un taller práctico en {capital}: al terminar sabrás presentar una solicitud y dar "
        "seguimiento a la respuesta.",
    ),
    (
        "Conversatorio: transparencia en los municipios de {estado}",
        "conversatorio",
        "hibrida",
        ["ciudadania", "personas_servidoras_publicas"],
        "Autoridades municipales y ciudadanía de {estado} conversan sobre la información que "
        "los municipios publican.",
    ),
    (
        "Capacitación en protección de datos para escuelas de {estado}",
        "capacitacion",
        "virtual",
        ["personas_servidoras_publicas"],
        "Para personal docente y directivo de {estado}: cómo tratar los datos personales del "
        "alumnado.",
    ),
    (
        "Conferencia: archivos bien organizados en {capital}",
        "conferencia",
        "presencial",
        ["personas_servidoras_publicas", "estudiantes"],
        "Por qué un archivo ordenado hace posible responder a tiempo las solicitudes de "
        "información.",
    ),
    (
        "Taller en línea: consulta las obligaciones de transparencia ({estado})",
        "taller",
        "virtual",
        ["ciudadania", "estudiantes"],
        "Aprende a encontrar en internet lo que las instituciones de {estado} deben publicar.",
    ),
    (
        "Encuentro juvenil de gobierno abierto en {capital}",
        "congreso",
        "presencial",
        ["estudiantes"],
        "Jóvenes de {estado} proponen cómo usar la información pública para mejorar su comunidad.",
    ),
    (
        "Capacitación sobre versiones públicas para personas servidoras de {estado}",
        "capacitacion",
        "virtual",
        ["personas_servidoras_publicas"],
        "Cómo proteger los datos personales de un documento antes de publicarlo.",
    ),
    (
        "Conversatorio con radios comunitarias de {estado}",
        "conversatorio",
        "hibrida",
        ["periodistas"],
        "Radios comunitarias de {estado} comparten cómo hablan de transparencia en sus programas.",
    ),
    (
        "Taller de datos personales para personas emprendedoras de {capital}",
        "taller",
        "presencial",
        ["ciudadania"],
        "Para negocios pequeños de {capital}: cómo hacer un aviso de privacidad sencillo.",
    ),
]
#: Days from today: upcoming ones after the generic workshop (7 days ahead), then past ones.
DIAS_EVENTOS = [9, 12, 16, 26, 33, -12, -25, -40, -60]

# (title, summary)
CONVOCATORIAS = [
    (
        "Concurso de video corto: la transparencia en {estado}",
        "Para jóvenes de {estado} de 15 a 29 años: un video de un minuto sobre para qué sirve "
        "preguntar.",
    ),
    (
        "Convocatoria a voluntariado de orientación ciudadana en {capital}",
        "Buscamos personas voluntarias que orienten a quien quiera presentar una solicitud "
        "de información.",
    ),
    (
        "Premio de periodismo con datos abiertos de {estado}",
        "Para reportajes publicados en {estado} que usaron información pública o datos abiertos.",
    ),
    (
        "Concurso de ensayo universitario sobre datos personales ({estado})",
        "Para estudiantes de licenciatura de {estado}: un ensayo sobre privacidad en la vida "
        "digital.",
    ),
    (
        "Convocatoria para radios comunitarias de {estado}",
        "Para radios comunitarias que quieran transmitir cápsulas sobre el derecho a saber.",
    ),
    (
        "Concurso infantil de dibujo: mi derecho a saber ({estado})",
        "Para niñas y niños de {estado} de 6 a 12 años: dibuja una pregunta que le harías a "
        "tu gobierno.",
    ),
    (
        "Convocatoria a organizaciones de {estado} para un ejercicio de parlamento abierto",
        "Para organizaciones civiles de {estado} que quieran proponer temas de información "
        "pública.",
    ),
    (
        "Concurso de fotografía: lo público en {capital}",
        "Fotografías de espacios y servicios públicos de {capital} con una pregunta al pie.",
    ),
    (
        "Convocatoria de proyectos escolares de transparencia en {estado}",
        "Para escuelas secundarias de {estado} con proyectos que usen información pública.",
    ),
]
#: (opens, closes) in days from today: closed, open (closing after the generic call, which
#: closes in 25 days) and not yet open.
DIAS_CONVOCATORIAS = [
    (-90, -45),
    (-60, -20),
    (-40, -5),
    (-10, 30),
    (-5, 38),
    (-2, 45),
    (20, 60),
    (30, 75),
    (45, 90),
]

# (title, protagonist, person or community, what they asked, what changed)
HISTORIAS = [
    (
        "Madres y padres de una escuela de {capital} preguntaron por el desayuno escolar",
        "Comité de madres y padres de una primaria de {capital} (ejemplo)",
        "comunidad",
        "Qué empresa surtía los desayunos escolares y con qué menú autorizado.",
        "Con el menú autorizado en mano, el comité pidió a la escuela que se cumpliera y "
        "ahora lo revisa cada mes.",
    ),
    (
        "Una cooperativa de {estado} conoció las reglas de un apoyo al campo",
        "Cooperativa de productoras de {estado} (ejemplo)",
        "comunidad",
        "Cuáles eran los requisitos y las fechas de un programa de apoyo al campo.",
        "La cooperativa reunió sus documentos a tiempo y pudo presentar su solicitud de apoyo.",
    ),
    (
        "Una persona adulta mayor de {capital} corrigió sus datos en un padrón",
        "Persona adulta mayor de {capital} (ejemplo)",
        "persona",
        "Qué datos suyos tenía registrados un padrón de beneficiarios.",
        "Ejerció su derecho de rectificación: corrigieron su nombre y volvió a recibir su "
        "apoyo sin contratiempos.",
    ),
    (
        "Vecinas de {capital} preguntaron por el alumbrado de su calle",
        "Vecinas de una colonia de {capital} (ejemplo)",
        "comunidad",
        "Cuándo estaba programado el mantenimiento del alumbrado público de su calle.",
        "Conocieron el programa de mantenimiento y acordaron con el municipio una fecha para "
        "su colonia.",
    ),
    (
        "Estudiantes de {estado} pidieron el presupuesto de su universidad",
        "Grupo de estudiantes de una universidad pública de {estado} (ejemplo)",
        "comunidad",
        "Cuánto se destinó a becas y a bibliotecas en el presupuesto del año.",
        "Con las cifras, el grupo organizó un foro con las autoridades universitarias sobre "
        "las becas.",
    ),
    (
        "Un comité de agua de {estado} conoció el calendario de una obra",
        "Comité comunitario de agua de {estado} (ejemplo)",
        "comunidad",
        "Cuándo empezaría y cuánto duraría la obra de la red de agua potable de su localidad.",
        "El comité dio seguimiento al avance de la obra en sus asambleas.",
    ),
    (
        "Una periodista de {capital} documentó el gasto en publicidad oficial",
        "Periodista de un medio local de {capital} (ejemplo)",
        "persona",
        "Cuánto se gastó en publicidad oficial y en qué medios durante un año.",
        "Su reportaje explicó el gasto con datos oficiales y abrió una conversación pública "
        "sobre el tema.",
    ),
    (
        "Personas con discapacidad de {estado} preguntaron por la accesibilidad de oficinas",
        "Colectivo de personas con discapacidad de {estado} (ejemplo)",
        "comunidad",
        "Qué oficinas públicas contaban con rampas, elevadores y baños accesibles.",
        "La lista sirvió para señalar las oficinas pendientes y proponer un calendario de "
        "adecuaciones.",
    ),
    (
        "Una comunidad de {estado} pidió información con ayuda de una intérprete",
        "Comunidad indígena de {estado} (ejemplo)",
        "comunidad",
        "Qué apoyos de vivienda había para su localidad; la solicitud se hizo de forma verbal "
        "con ayuda de una intérprete.",
        "Recibieron la respuesta explicada en su lengua y pudieron registrarse en el programa.",
    ),
    (
        "Personas ciclistas de {capital} preguntaron por las ciclovías",
        "Colectivo de personas ciclistas de {capital} (ejemplo)",
        "comunidad",
        "Qué ciclovías estaban proyectadas y con qué presupuesto.",
        "Con el proyecto en mano propusieron cambios de trazo que se discutieron en una mesa "
        "pública.",
    ),
]


def _entidades(region):
    nombres = [e.nombre for e in region.entidades.order_by("nombre") if e.nombre in CAPITALES]
    return nombres or ["Ciudad de México"]


def _lugar(entidades, i):
    estado = entidades[i % len(entidades)]
    return {"estado": estado, "capital": CAPITALES[estado]}


def _f(texto, lugar):
    return texto.format(**lugar)


def _organismo_de(entidad):
    """The state's guarantor as the demo names it beside a story: a current state guarantor,
    else the authority that took over its functions."""
    if entidad is None:
        return None
    orden = [
        OrganismoGarante.Tipo.GARANTE_ESTATAL,
        OrganismoGarante.Tipo.SUCESOR,
        OrganismoGarante.Tipo.INTEGRANTE,
    ]
    candidatos = OrganismoGarante.objects.vigentes().filter(entidad=entidad, tipo__in=orden)
    return min(candidatos, key=lambda o: (orden.index(o.tipo), o.clave), default=None)


def _situar_historia(page, lugar, region):
    """A demo story's state, its institution and the region's picture of that state."""
    from regiones.models import EntidadFederativa

    page.entidad = EntidadFederativa.objects.filter(nombre=lugar["estado"]).first()
    page.organismo = _organismo_de(page.entidad)
    page.imagen_principal = imagen(lugar["estado"], region, "historia")


def _completar_historia(index, slug, lugar, region):
    """A story an earlier demo created without state, institution or picture gets them."""
    existente = index.get_children().filter(slug=slug).first()
    if existente is None:
        return
    existente = existente.specific
    if existente.entidad_id and existente.imagen_principal_id:
        return
    _situar_historia(existente, lugar, region)
    revision = existente.save_revision()
    if existente.live:
        revision.publish()


def regional_items(region):
    """The region's own pages as (index slug, page) pairs, unsaved; same result every time.

    Topics rotate with the region's order so each region's list differs, and each item is
    set in one of the region's states."""
    from .models import Convocatoria, Evento, HistoriaExito, Noticia

    entidades = _entidades(region)
    giro = (region.orden or 0) * 3
    hoy = timezone.localdate()
    ambito = Convocatoria.Ambito.NACIONAL if region.es_nacional else Convocatoria.Ambito.REGIONAL
    items = []
    for i in range(9):
        lugar = _lugar(entidades, i)
        titulo, entrada, cuerpo, temas = NOTICIAS[(i + giro) % len(NOTICIAS)]
        page = Noticia(
            title=_f(titulo, lugar),
            fecha=hoy - timedelta(days=3 + 4 * i),
            entrada=_f(entrada, lugar),
            cuerpo=_p(*[_f(c, lugar) for c in cuerpo], AVISO),
        )
        items.append(("noticias", page, lugar, "noticia", temas))
    for i, dias in enumerate(DIAS_EVENTOS):
        lugar = _lugar(entidades, i + 1)
        titulo, tipo, modalidad, publico, entrada = EVENTOS[(i + giro) % len(EVENTOS)]
        page = Evento(
            title=_f(titulo, lugar),
            tipo=tipo,
            inicio=_momento(dias, 10 + i % 6),
            fin=_momento(dias, 12 + i % 6),
            modalidad=modalidad,
            sede=(
                f"Sede de ejemplo en {lugar['capital']}, {lugar['estado']}"
                if modalidad != "virtual"
                else ""
            ),
            enlace="https://example.org/evento-de-ejemplo" if modalidad != "presencial" else "",
            publico=publico,
            entrada=f"{_f(entrada, lugar)} {AVISO}",
        )
        items.append(("eventos", page, lugar, "evento", None))
    for i, (abre, cierra) in enumerate(DIAS_CONVOCATORIAS):
        lugar = _lugar(entidades, i + 2)
        titulo, entrada = CONVOCATORIAS[(i + giro) % len(CONVOCATORIAS)]
        page = Convocatoria(
            title=_f(titulo, lugar),
            fecha_apertura=hoy + timedelta(days=abre),
            fecha_cierre=hoy + timedelta(days=cierra),
            ambito=ambito,
            entrada=_f(entrada, lugar),
            cuerpo=_p(
                "Las bases completas se publicarán con la convocatoria definitiva.",
                AVISO,
            ),
        )
        items.append(("convocatorias", page, lugar, "convocatoria", None))
    for i in range(len(HISTORIAS)):
        lugar = _lugar(entidades, i + 3)
        titulo, protagonista, tipo, pregunto, cambio = HISTORIAS[(i + giro) % len(HISTORIAS)]
        page = HistoriaExito(
            title=_f(titulo, lugar),
            protagonista=_f(protagonista, lugar),
            tipo_protagonista=tipo,
            que_pregunto=pregunto,
            que_cambio=cambio,
            cuerpo=_p(AVISO),
        )
        items.append(("historias", page, lugar, "historia", None))
    for _indice_slug, page, *_ in items:
        page.title = marcar(page.title)
        page.slug = slugify(page.title)[:80].rstrip("-")
    return items


def load_regional(region):
    """Create the region's own news, events, calls and stories, each with its picture.
    Returns how many pages were created (0 when they all exist)."""
    if region.es_nacional:
        return 0
    creadas = 0
    indices = {}
    for indice_slug, page, lugar, tipo, temas in regional_items(region):
        if indice_slug not in indices:
            indices[indice_slug] = _indice(region, indice_slug)
        index = indices[indice_slug]
        if index is None:
            continue
        if index.get_children().filter(slug=page.slug).exists():
            if tipo == "historia":
                _completar_historia(index, page.slug, lugar, region)
            continue
        if tipo == "historia":
            _situar_historia(page, lugar, region)
        else:
            page.imagen_principal = imagen(lugar["estado"], region, tipo)
        creadas += _crear(index, page, temas=temas)
    return creadas


# --------------------------------------------------------------------------------------------
# Agreements: one in every lifecycle state, walked through the real transitions
# --------------------------------------------------------------------------------------------

#: Target state -> its dates in days from today (signature, start, end) and the path of
#: (state, "today" of that step in days from today) that leads to it.
CICLO_EJEMPLO = {
    "identificado": (None, []),
    "en_negociacion": (None, [("en_negociacion", -20)]),
    "firmado": ((-10, 20, 385), [("en_negociacion", -60), ("firmado", 0)]),
    "vigente": (
        (-200, -190, 175),
        [("en_negociacion", -260), ("firmado", -200), ("vigente", 0)],
    ),
    "concluido": (
        (-500, -490, -30),
        [("en_negociacion", -560), ("firmado", -500), ("vigente", -300), ("concluido", 0)],
    ),
    "vencido": (
        (-420, -410, -5),
        [("en_negociacion", -480), ("firmado", -420), ("vigente", -100), ("vencido", 0)],
    ),
    "cancelado": (None, [("en_negociacion", -90), ("cancelado", -30)]),
}
COMENTARIOS = {
    "en_negociacion": "Ejemplo: las partes empezaron a revisar el texto.",
    "firmado": "Ejemplo: firmado por las partes.",
    "vigente": "Ejemplo: empezó la vigencia.",
    "concluido": "Ejemplo: se cumplió el objeto y terminó la vigencia.",
    "vencido": "Ejemplo: terminó la vigencia sin renovarse.",
    "cancelado": "Ejemplo: las partes decidieron no continuar.",
}


def recorrer_ciclo(convenio, estado):
    """Take a saved agreement (in «identificado») to ``estado`` through ``transicionar``, so
    its history reads as a real one would. The dates come from :data:`CICLO_EJEMPLO`."""
    hoy = timezone.localdate()
    fechas, pasos = CICLO_EJEMPLO[estado]
    convenio.registrar_alta(None, "Ejemplo: registro creado para la demostración.")
    for paso, dias in pasos:
        extra = {}
        if paso == "firmado" and fechas:
            firma, inicio, fin = (hoy + timedelta(days=d) for d in fechas)
            extra = {"fecha_firma": firma, "vigencia_inicio": inicio, "vigencia_fin": fin}
        convenio.transicionar(
            paso, None, COMENTARIOS[paso], hoy=hoy + timedelta(days=dias), **extra
        )
    return convenio
