"""Unsaved pages of every type with valid data, for the tests."""

from datetime import timedelta

from django.utils import timezone

from cms.models import Campana, Convocatoria, Evento, HistoriaExito, Noticia, Recurso

from .conftest import momento


def noticia(slug="noticia-de-prueba", **kw):
    datos = dict(
        title="Noticia de prueba",
        slug=slug,
        fecha=timezone.localdate(),
        entrada="Una noticia para la ciudadanía.",
        cuerpo=[{"type": "parrafo", "value": "<p>Texto de la noticia.</p>"}],
    )
    datos.update(kw)
    return Noticia(**datos)


def evento(slug="evento-de-prueba", **kw):
    datos = dict(
        title="Taller de prueba",
        slug=slug,
        tipo=Evento.Tipo.TALLER,
        inicio=momento(dias=3),
        fin=momento(dias=3, horas=2),
        modalidad=Evento.Modalidad.PRESENCIAL,
        sede="Sala 1, calle Reforma 10",
        publico=[Evento.Publico.CIUDADANIA],
        entrada="Aprende a pedir información.",
    )
    datos.update(kw)
    return Evento(**datos)


def convocatoria(slug="convocatoria-de-prueba", **kw):
    hoy = timezone.localdate()
    datos = dict(
        title="Convocatoria de prueba",
        slug=slug,
        fecha_apertura=hoy - timedelta(days=1),
        fecha_cierre=hoy + timedelta(days=10),
        ambito=Convocatoria.Ambito.REGIONAL,
        entrada="Participa.",
    )
    datos.update(kw)
    return Convocatoria(**datos)


def historia(slug="historia-de-prueba", **kw):
    datos = dict(
        title="Historia de prueba",
        slug=slug,
        protagonista="Una comunidad",
        tipo_protagonista=HistoriaExito.Protagonista.COMUNIDAD,
        que_pregunto="Cuánto costó la obra del mercado.",
        que_cambio="La obra se terminó a tiempo.",
    )
    datos.update(kw)
    return HistoriaExito(**datos)


def recurso(slug="recurso-de-prueba", **kw):
    datos = dict(
        title="Guía de prueba",
        slug=slug,
        tipo=Recurso.Tipo.GUIA,
        entrada="Para tu primera solicitud.",
    )
    datos.update(kw)
    return Recurso(**datos)


def campana(slug="campana-de-prueba", **kw):
    hoy = timezone.localdate()
    datos = dict(
        title="Campaña de prueba",
        slug=slug,
        entrada="Pregunta sin miedo.",
        hashtags="#TuDerechoASaber DatosPersonales",
        inicio=hoy,
        fin=hoy + timedelta(days=30),
        mensajes_clave=[{"type": "mensaje", "value": "Preguntar es gratis."}],
    )
    datos.update(kw)
    return Campana(**datos)


# index slug -> factory
POR_INDICE = {
    "noticias": noticia,
    "eventos": evento,
    "convocatorias": convocatoria,
    "historias": historia,
    "recursos": recurso,
    "campanas": campana,
}
