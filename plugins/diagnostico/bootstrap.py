"""Bootstrap of the diagnosis plugin (idempotent): the starting questionnaire, the
national coordination's permissions on rounds and questionnaires, and the public page
under the national home only."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from cms.plugin_pages import colocar_pagina

TITULO = "Diagnóstico de comunicación"
SLUG = "diagnostico"
INTRODUCCION = (
    "Cómo trabajan las áreas de comunicación y difusión de los organismos garantes del "
    "país: cuántas personas las integran, con qué equipo y presupuesto cuentan, cómo usan "
    "las redes sociales y qué capacitación necesitan. Publicamos solo resultados agregados."
)

MODELOS_NACIONALES = ("edicion", "cuestionario", "pregunta")


def grant_permissions(region):
    """Rounds and questionnaires are the national coordination's (global permissions)."""
    if not (region.es_nacional and region.grupo_coordinacion):
        return
    from .models import Cuestionario, Edicion, Pregunta

    for model in (Edicion, Cuestionario, Pregunta):
        ct = ContentType.objects.get_for_model(model)
        codenames = [f"{a}_{model._meta.model_name}" for a in ("add", "change", "delete", "view")]
        region.grupo_coordinacion.permissions.add(
            *Permission.objects.filter(content_type=ct, codename__in=codenames)
        )


def place_pages(region):
    from .cuestionario_inicial import cargar
    from .models import DiagnosticoPage

    cargar()
    grant_permissions(region)
    if not region.es_nacional:
        return None
    return colocar_pagina(region, DiagnosticoPage, SLUG, TITULO, INTRODUCCION)
