"""From needs to action: a training topic of a round becomes a draft training event.

The event goes to the events index of the site of the institutions that asked for it:
their region's site when all of them are in one region, the national site otherwise. It
is saved as a draft revision and never published here: the site's editors complete the
date, place and registration and send it through their workflow.
"""

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.models import Evento, EventoIndex
from regiones.models import Region, user_is_national

from . import resultados as res
from .models import NecesidadAtendida

DIAS_PROPUESTOS = 30


def region_destino(organismos):
    regiones = {o.region for o in organismos}
    if len(regiones) == 1:
        return regiones.pop()
    return Region.objects.filter(tipo=Region.Tipo.NACIONAL).first()


def indice_eventos(region):
    home = region.home_page if region else None
    if home is None:
        return None
    return EventoIndex.objects.child_of(home).first()


def puede_crear(user, indice):
    if user.is_superuser or user_is_national(user):
        return True
    return indice.permissions_for_user(user).can_add_subpage()


def _slug_libre(indice, base):
    slug, n = base, 1
    while indice.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _cuerpo(edicion, tema, organismos):
    items = "".join(
        f"<li>{escape(o.nombre)}{f' ({escape(o.siglas)})' if o.siglas else ''}</li>"
        for o in organismos
    )
    return [
        (
            "parrafo",
            f"<p>Propuesta a partir del Diagnóstico de las áreas de comunicación "
            f"«{escape(edicion.nombre)}»: {len(organismos)} "
            f"institucion{'es' if len(organismos) != 1 else ''} "
            f"pidi{'eron' if len(organismos) != 1 else 'ó'} capacitación en "
            f"«{escape(tema)}».</p><p>Instituciones que la pidieron:</p><ul>{items}</ul>",
        )
    ]


def crear_evento(edicion, tema, user, regiones):
    """Create the draft event for ``tema`` among the answers of ``regiones``; returns it.

    Raises ValidationError (unknown topic, nobody asked for it, no events index) or
    PermissionDenied (the user may not add events there).
    """
    necesidad = next((t for t in res.necesidades(edicion, regiones) if t["tema"] == tema), None)
    if necesidad is None:
        raise ValidationError(
            _("Ninguna institución pidió capacitación en «%(tema)s» en esta edición.")
            % {"tema": tema}
        )
    organismos = necesidad["organismos"]
    region = region_destino(organismos)
    indice = indice_eventos(region)
    if indice is None:
        raise ValidationError(
            _("El sitio de %(region)s no tiene índice de eventos.") % {"region": region}
        )
    if not puede_crear(user, indice):
        raise PermissionDenied
    inicio = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=DIAS_PROPUESTOS), time(10))
    )
    titulo = _("Capacitación: %(tema)s") % {"tema": tema}
    with transaction.atomic():
        evento = Evento(
            title=titulo,
            slug=_slug_libre(indice, slugify(f"capacitacion-{tema}")[:70] or "capacitacion"),
            tipo=Evento.Tipo.CAPACITACION,
            inicio=inicio,
            fin=inicio + timedelta(hours=2),
            modalidad=Evento.Modalidad.PRESENCIAL,
            sede=_("Por definir: complete la sede, la fecha y la modalidad antes de publicar."),
            publico=[Evento.Publico.PERSONAS_SERVIDORAS],
            entrada=_(
                "Capacitación en %(tema)s para las áreas de comunicación de los organismos "
                "garantes que la pidieron en el diagnóstico %(edicion)s."
            )
            % {"tema": tema.lower(), "edicion": edicion.nombre},
            cuerpo=_cuerpo(edicion, tema, organismos),
            live=False,
            owner=user,
        )
        indice.add_child(instance=evento)
        evento.save_revision(user=user, log_action=True)
        NecesidadAtendida.objects.create(
            edicion=edicion,
            tema=tema,
            region=region,
            evento=evento,
            creada_por=user,
        )
    return evento
