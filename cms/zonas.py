"""Mexico's time zones (IANA names) and the zone of each state, from cms/data/zonas_horarias.csv.

Several states have more than one zone (Chihuahua, Coahuila, Nayarit, Nuevo León, Tamaulipas):
the table marks the zone most of the state keeps as its ``principal`` one, the default for an
event; the editor chooses another for a border town."""

import csv
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .formularios import AdminPageForm

TABLA = Path(__file__).resolve().parent / "data" / "zonas_horarias.csv"
PREDETERMINADA = "America/Mexico_City"

#: Every zone an event may use, with the name people know it by.
ZONAS = {
    "America/Mexico_City": _("Hora del centro (Ciudad de México)"),
    "America/Merida": _("Hora del centro (Mérida)"),
    "America/Monterrey": _("Hora del centro (Monterrey)"),
    "America/Chihuahua": _("Hora del centro (Chihuahua)"),
    "America/Bahia_Banderas": _("Hora del centro (Bahía de Banderas)"),
    "America/Matamoros": _("Hora de la frontera noreste (Matamoros)"),
    "America/Cancun": _("Hora del sureste (Cancún)"),
    "America/Mazatlan": _("Hora del Pacífico (Mazatlán)"),
    "America/Hermosillo": _("Hora de Sonora (Hermosillo)"),
    "America/Ciudad_Juarez": _("Hora de la frontera norte (Ciudad Juárez)"),
    "America/Ojinaga": _("Hora de la frontera (Ojinaga)"),
    "America/Tijuana": _("Hora del noroeste (Tijuana)"),
}
OPCIONES = list(ZONAS.items())


@cache
def tabla():
    """{state slug: [zone, …]} with the principal zone first."""
    zonas = {}
    with open(TABLA, encoding="utf-8") as handle:
        for fila in sorted(csv.DictReader(handle), key=lambda f: f["principal"] != "1"):
            zonas.setdefault(fila["entidad"], []).append(fila["zona"])
    return zonas


def zona_de_entidad(entidad):
    """The principal zone of a state (an EntidadFederativa or its slug); None if unknown."""
    slug = getattr(entidad, "slug", entidad)
    zonas = tabla().get(slug or "")
    return zonas[0] if zonas else None


def zona_de_organismos(organismos):
    """The zone of the first organising institution that has a state (federal ones have none)."""
    for organismo in organismos:
        zona = zona_de_entidad(getattr(organismo, "entidad", None))
        if zona:
            return zona
    return None


def nombre_de_zona(zona):
    return ZONAS.get(zona, zona)


def tzinfo(zona):
    return ZoneInfo(zona if zona in ZONAS else PREDETERMINADA)


class ZonaHorariaMixin:
    """For events: the zone they happen in (``zona_horaria``, filled from the organising
    institution's state when left empty), their times in that zone and «add to calendar» links."""

    def zona_sugerida(self):
        try:
            organismos = list(self.organismos.all().select_related("entidad"))
        except (ValueError, AttributeError):
            organismos = []
        return zona_de_organismos(organismos)

    def save(self, *args, **kwargs):
        if not self.zona_horaria:
            self.zona_horaria = self.zona_sugerida() or ""
        return super().save(*args, **kwargs)

    @property
    def zona(self):
        return self.zona_horaria if self.zona_horaria in ZONAS else PREDETERMINADA

    @property
    def nombre_zona(self):
        return nombre_de_zona(self.zona)

    # Naive wall-clock times in the event's zone: Django's date and time filters would turn
    # an aware datetime back into the site's zone.
    @property
    def inicio_local(self):
        return self.inicio.astimezone(tzinfo(self.zona)).replace(tzinfo=None)

    @property
    def fin_local(self):
        return self.fin.astimezone(tzinfo(self.zona)).replace(tzinfo=None)

    def enlaces_calendario(self, request=None):
        """«Add to calendar» links built here (no third-party script): Google Calendar and
        Outlook take the times in UTC with the event's zone; Apple and others read the ICS."""
        from datetime import UTC
        from urllib.parse import urlencode

        url = self.get_full_url(request) or ""
        detalles = f"{self.entrada}\n\n{url}".strip()
        lugar = self.sede or self.enlace or ""
        inicio, fin = self.inicio.astimezone(UTC), self.fin.astimezone(UTC)
        google = "https://calendar.google.com/calendar/render?" + urlencode(
            {
                "action": "TEMPLATE",
                "text": self.title,
                "dates": f"{inicio:%Y%m%dT%H%M%SZ}/{fin:%Y%m%dT%H%M%SZ}",
                "details": detalles,
                "location": lugar,
                "ctz": self.zona,
            }
        )
        outlook = "https://outlook.live.com/calendar/0/action/compose?" + urlencode(
            {
                "rru": "addevent",
                "subject": self.title,
                "startdt": inicio.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "enddt": fin.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "body": detalles,
                "location": lugar,
                "path": "/calendar/action/compose",
            }
        )
        return [
            {"nombre": "Google Calendar", "url": google, "externo": True},
            {"nombre": "Outlook", "url": outlook, "externo": True},
            {"nombre": "Apple y otros (ICS)", "url": self.url_ics(), "externo": False},
        ]


def en_zona(valor, zona):
    """The instant an editor meant: the wall-clock time of ``valor`` (as the admin's date-time
    field read it, in the current zone) taken in ``zona`` instead."""
    if valor is None:
        return None
    local = timezone.localtime(valor) if timezone.is_aware(valor) else valor
    return local.replace(tzinfo=tzinfo(zona))


class EventoForm(AdminPageForm):
    """The event's edit form: start and end are typed and shown in the event's own zone (the
    one chosen, else the organising institution's, else central time), not in the site's."""

    campos_de_hora = ("inicio", "fin")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instancia = self.instance
        for campo in self.campos_de_hora:
            valor = getattr(instancia, campo, None)
            if valor is not None and campo in self.fields:
                self.initial[campo] = valor.astimezone(tzinfo(instancia.zona)).replace(tzinfo=None)

    def zona_elegida(self):
        elegida = self.cleaned_data.get("zona_horaria")
        if elegida:
            return elegida
        return zona_de_organismos(self.cleaned_data.get("organismos") or []) or ""

    def clean(self):
        datos = super().clean()
        zona = self.zona_elegida()
        if zona:
            datos["zona_horaria"] = zona
        for campo in self.campos_de_hora:
            if datos.get(campo) is not None:
                datos[campo] = en_zona(datos[campo], zona or PREDETERMINADA)
        return datos
