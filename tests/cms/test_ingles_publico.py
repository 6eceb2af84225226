"""Every string a public template marks for translation has its English: a page translated
into English is read with English around it (header, menu, footer, share box, 404)."""

import re

from django.utils import translation

from .test_fechas_idioma import plantillas_publicas

TRANS = re.compile(r"""\{%\s*trans\s+(["'])(?P<texto>.+?)\1""")


def cadenas_publicas():
    cadenas = {}
    for plantilla in plantillas_publicas():
        for linea in plantilla.read_text().splitlines():
            for marca in TRANS.finditer(linea):
                cadenas.setdefault(marca.group("texto"), plantilla.name)
    return cadenas


def test_every_public_string_marked_for_translation_has_english():
    cadenas = cadenas_publicas()
    assert "Saltar al contenido" in cadenas and "Comparte" in cadenas
    with translation.override("en"):
        sin_ingles = {
            texto: plantilla
            for texto, plantilla in cadenas.items()
            if translation.gettext(texto) == texto
        }
    assert sin_ingles == {}
