"""What the tests of the agreement plugins share (``cms.convenios_base``: alliances and
media): dates that agree with each state, agreements saved directly in a state, and one
description per plugin so that a test of the shared behaviour runs on each of them.

Plugins are named here by label only and imported when used: a plugin removed from the
tree (``make test-sin-complemento``) leaves the others' tests running.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone


def hoy_mas(dias):
    return timezone.localdate() + timedelta(days=dias)


#: Dates that agree with each state (days from today).
FECHAS = {
    "identificado": {},
    "en_negociacion": {},
    "firmado": {"fecha_firma": -10, "vigencia_inicio": 5, "vigencia_fin": 365},
    "vigente": {"fecha_firma": -100, "vigencia_inicio": -90, "vigencia_fin": 300},
    "concluido": {"fecha_firma": -800, "vigencia_inicio": -790, "vigencia_fin": -30},
    "vencido": {"fecha_firma": -800, "vigencia_inicio": -790, "vigencia_fin": -10},
    "cancelado": {},
}
PUBLICOS = {"firmado", "vigente", "concluido", "vencido"}
INTERNOS = {"identificado", "en_negociacion", "cancelado"}
#: The organismo garante that signs each region's test agreements.
ORGANISMO = {"norte": "istai-sonora", "sureste": "cotaipec-campeche"}


def crear_en_estado(modelo, region, estado, titulo, objeto, fechas=None, **campos):
    """An agreement of ``modelo`` saved directly in ``estado`` (no transition), with dates
    that agree with it, internal comments nobody outside the admin may read, and the
    region's organismo garante among its parties."""
    from regiones.models import OrganismoGarante

    datos = {campo: hoy_mas(dias) for campo, dias in FECHAS[estado].items()}
    datos.update(fechas or {})
    convenio = modelo.objects.create(
        titulo=titulo,
        objeto=objeto,
        region=region,
        estado=estado,
        comentarios_internos=f"SECRETO-{region.slug}-{estado}",
        **datos,
        **campos,
    )
    if region.slug in ORGANISMO:
        convenio.organismos.add(OrganismoGarante.objects.get(clave=ORGANISMO[region.slug]))
    return convenio


def uno_por_estado(crear):
    """One Norte and one Sureste agreement in every state."""
    return {
        (region, estado): crear(region, estado)
        for region in ("norte", "sureste")
        for estado in FECHAS
    }


def archivo_csv(nombre, texto):
    """An uploaded CSV file, for the import views."""
    return SimpleUploadedFile(nombre, texto.encode("utf-8"), content_type="text/csv")


def importar(client, url_name, texto):
    """Posts ``texto`` as a CSV file to the import view ``url_name``: the response."""
    return client.post(reverse(url_name), {"archivo": archivo_csv("importar.csv", texto)})


def formsets_vacios(*prefijos):
    """The management data of empty inline formsets, for posting an admin form."""
    data = {}
    for prefijo in prefijos:
        data.update(
            {
                f"{prefijo}-TOTAL_FORMS": "0",
                f"{prefijo}-INITIAL_FORMS": "0",
                f"{prefijo}-MIN_NUM_FORMS": "0",
                f"{prefijo}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


@dataclass
class Gemelo:
    """One agreement plugin as the shared tests see it."""

    label: str
    #: ``app_label.Model`` of its agreements.
    modelo_convenio: str
    #: Its public page, and the route of one agreement below it.
    pagina: str
    ruta_convenio: str
    #: Its open data: the API path and the CSV path.
    api: str
    csv: str
    #: Who it signs with (``app_label.Model``), the URL name of their CSV import and the
    #: columns of a valid row besides the name (a Norte coordination may import it).
    modelo_contraparte: str = ""
    importar: str = ""
    fila_contraparte: dict | None = None

    @property
    def contraparte(self):
        return apps.get_model(self.modelo_contraparte)

    @property
    def modelo(self):
        return apps.get_model(self.modelo_convenio)

    @property
    def historial(self):
        return self.modelo._meta.get_field("historial").related_model

    @property
    def documento(self):
        return self.modelo._meta.get_field("documentos").related_model

    def url_convenio(self, convenio):
        return self.pagina + self.ruta_convenio.format(pk=convenio.pk)

    def crear(self, regions, region="norte", estado="identificado", **kwargs):
        """An agreement of this plugin in ``estado``, with what the plugin requires."""
        return CREAR[self.label](self.modelo, regions, region, estado, **kwargs)


def _crear_alianza(modelo, regions, region, estado, titulo=None, organizaciones=(), **kwargs):
    convenio = crear_en_estado(
        modelo,
        regions[region],
        estado,
        titulo or f"Convenio {region} {estado}",
        f"Objeto del convenio {region} {estado}.",
        tipo=kwargs.pop("tipo", "colaboracion"),
        **kwargs,
    )
    if organizaciones:
        convenio.organizaciones.add(*organizaciones)
    convenio.save()
    return convenio


def medio_de(region):
    """The test outlet of a region (``"federal"``: a federal one), created once."""
    from plugins.medios.models import MedioOficial
    from regiones.models import EntidadFederativa

    if region == "federal":
        datos = {"ambito": "federal", "entidad": None}
    else:
        entidad = {"norte": "Sonora", "sureste": "Campeche"}[region]
        datos = {"ambito": "estatal", "entidad": EntidadFederativa.objects.get(nombre=entidad)}
    medio, _creado = MedioOficial.objects.get_or_create(
        nombre=f"Medio {region}",
        defaults={"tipo": "radio", "contacto": f"CONTACTO-INTERNO-{region}", **datos},
    )
    return medio


def _crear_con_medio(modelo, regions, region, estado, medio=None, titulo=None, **kwargs):
    return crear_en_estado(
        modelo,
        regions[region],
        estado,
        titulo or f"Convenio medio {region} {estado}",
        f"Difundir el derecho de acceso a la información ({region}, {estado}).",
        medio=medio or medio_de(region),
        **kwargs,
    )


CREAR = {"alianzas": _crear_alianza, "medios": _crear_con_medio}

GEMELOS = {
    "alianzas": Gemelo(
        label="alianzas",
        modelo_convenio="alianzas.Convenio",
        pagina="/convenios/",
        ruta_convenio="{pk}/",
        api="/api/v1/convenios",
        csv="/datos/convenios.csv",
        modelo_contraparte="alianzas.Organizacion",
        importar="alianzas_importar_organizaciones",
        fila_contraparte={"tipo": "osc", "ambito": "nacional"},
    ),
    "medios": Gemelo(
        label="medios",
        modelo_convenio="medios.ConvenioMedio",
        pagina="/medios/",
        ruta_convenio="convenios/{pk}/",
        api="/api/v1/medios",
        csv="/datos/medios.csv",
        modelo_contraparte="medios.MedioOficial",
        importar="medios_importar",
        fila_contraparte={"tipo": "radio", "ambito": "estatal", "entidad": "Sonora"},
    ),
}


def instalados():
    """The agreement plugins installed here (a removed or disabled one is left out)."""
    return [label for label in GEMELOS if apps.is_installed(f"plugins.{label}")]
