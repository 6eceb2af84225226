"""The questionnaire the plugin ships with (version 1), loaded idempotently by the
plugin's bootstrap. Later versions are data: the national coordination copies a version
and edits the copy in the admin."""

from django.db import transaction

NOMBRE = "Diagnóstico de las áreas de comunicación y difusión"

TEMAS_CAPACITACION = [
    "Redes sociales",
    "Diseño",
    "Video",
    "Fotografía",
    "Redacción en lenguaje ciudadano",
    "Lenguaje incluyente",
    "Datos abiertos",
    "Accesibilidad",
    "Comunicación de riesgos y crisis",
    "Métricas y analítica",
]

# (section title, [(clave, tipo, texto, extra)])
SECCIONES = [
    (
        "Personas y perfiles",
        [
            (
                "personas_area",
                "numero",
                "¿Cuántas personas trabajan en el área de comunicación y difusión?",
                {"minimo": 0, "maximo": 200},
            ),
            (
                "personas_tiempo_completo",
                "numero",
                "¿Cuántas de ellas se dedican de tiempo completo al área?",
                {"minimo": 0, "maximo": 200},
            ),
            (
                "area_propia",
                "si_no",
                "¿El área de comunicación es una unidad administrativa "
                "propia (no una función asignada a otra área)?",
                {},
            ),
            (
                "perfiles",
                "opcion_multiple",
                "¿Qué perfiles profesionales hay en el área?",
                {
                    "opciones": [
                        "Comunicación",
                        "Periodismo",
                        "Diseño gráfico",
                        "Producción audiovisual",
                        "Mercadotecnia",
                        "Derecho",
                        "Informática",
                        "Otro",
                    ]
                },
            ),
        ],
    ),
    (
        "Presupuesto, equipo y software",
        [
            (
                "presupuesto_anual",
                "opcion_unica",
                "¿En qué rango está el presupuesto anual del área para comunicación y difusión?",
                {
                    "opciones": [
                        "Sin presupuesto propio",
                        "Menos de $100,000",
                        "De $100,000 a $500,000",
                        "De $500,001 a $1,000,000",
                        "Más de $1,000,000",
                    ]
                },
            ),
            (
                "equipo",
                "opcion_multiple",
                "¿Con qué equipo cuenta el área?",
                {
                    "opciones": [
                        "Computadora para diseño y edición",
                        "Cámara fotográfica",
                        "Cámara de video",
                        "Micrófonos y grabadora",
                        "Iluminación",
                        "Teléfono institucional para redes sociales",
                        "Ninguno",
                    ]
                },
            ),
            (
                "software",
                "opcion_multiple",
                "¿Qué software usa el área?",
                {
                    "opciones": [
                        "Diseño con licencia",
                        "Edición de video con licencia",
                        "Herramientas gratuitas en línea",
                        "Gestor de redes sociales",
                        "Ninguno",
                    ]
                },
            ),
            (
                "equipo_suficiente",
                "escala",
                "¿Qué tan suficiente es el equipo para el trabajo "
                "del área? (1 = nada suficiente, 5 = totalmente suficiente)",
                {},
            ),
        ],
    ),
    (
        "Redes sociales",
        [
            (
                "redes_administradas",
                "opcion_multiple",
                "¿Qué redes sociales administra el área?",
                {
                    "opciones": [
                        "Facebook",
                        "X (Twitter)",
                        "Instagram",
                        "YouTube",
                        "TikTok",
                        "WhatsApp",
                        "Threads",
                        "LinkedIn",
                        "Ninguna",
                    ]
                },
            ),
            (
                "cuentas_administradas",
                "numero",
                "¿Cuántas cuentas oficiales administra en total?",
                {"minimo": 0, "maximo": 50},
            ),
            (
                "frecuencia_publicacion",
                "opcion_unica",
                "¿Con qué frecuencia publica en sus redes sociales?",
                {
                    "opciones": [
                        "Varias veces al día",
                        "Diario",
                        "Varias veces por semana",
                        "Una vez por semana",
                        "Menos de una vez por semana",
                    ]
                },
            ),
        ],
    ),
    (
        "Lenguaje incluyente y tiempos oficiales",
        [
            (
                "usa_guia_lenguaje_incluyente",
                "si_no",
                "¿El área usa una guía de lenguaje incluyente y no sexista?",
                {},
            ),
            ("guia_lenguaje", "texto", "¿Cuál guía usa?", {"obligatoria": False}),
            (
                "acceso_tiempos_oficiales",
                "si_no",
                "¿El organismo tiene acceso a tiempos oficiales de radio y televisión?",
                {},
            ),
            (
                "spots_ultimo_anio",
                "numero",
                "¿Cuántos promocionales transmitió en tiempos oficiales en el último año?",
                {"minimo": 0, "maximo": 10000, "obligatoria": False},
            ),
        ],
    ),
    (
        "Capacitación",
        [
            (
                "capacitacion_recibida",
                "si_no",
                "¿El personal del área recibió capacitación en "
                "comunicación en los últimos 12 meses?",
                {},
            ),
            (
                "horas_capacitacion",
                "numero",
                "¿Cuántas horas de capacitación recibió el área en los últimos 12 meses?",
                {"minimo": 0, "maximo": 2000, "obligatoria": False},
            ),
            (
                "necesidades_capacitacion",
                "opcion_multiple",
                "¿En qué temas necesita capacitación el personal del área?",
                {"opciones": TEMAS_CAPACITACION, "necesidades_capacitacion": True},
            ),
            ("comentarios", "texto", "Comentarios adicionales", {"obligatoria": False}),
        ],
    ),
]


@transaction.atomic
def cargar():
    """Create version 1 if no questionnaire exists yet; returns it (or None if present)."""
    from .models import Cuestionario, Pregunta, Seccion

    if Cuestionario.objects.exists():
        return None
    cuestionario = Cuestionario.objects.create(
        version=1,
        nombre=NOMBRE,
        descripcion=(
            "Condiciones en que trabajan las áreas de comunicación y difusión de los "
            "organismos garantes: personas, presupuesto, equipo, redes sociales, lenguaje "
            "incluyente, tiempos oficiales y capacitación."
        ),
    )
    for orden_seccion, (titulo, preguntas) in enumerate(SECCIONES):
        seccion = Seccion.objects.create(
            cuestionario=cuestionario, titulo=titulo, sort_order=orden_seccion
        )
        for orden, (clave, tipo, texto, extra) in enumerate(preguntas):
            pregunta = Pregunta(seccion=seccion, orden=orden, clave=clave, tipo=tipo, texto=texto)
            for campo, valor in extra.items():
                setattr(pregunta, campo, valor)
            pregunta.full_clean(exclude=["cuestionario"])
            pregunta.save()
    return cuestionario
