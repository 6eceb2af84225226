"""Validation of telephone numbers and social-network URLs, with messages in Spanish."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# --- Telephones --------------------------------------------------------------------------

# Since 2019-08-03 every Mexican number is dialled with 10 digits (area code included).
# Accepted: "662 213 1543", "(662) 213-1543", "662.213.1543", "+52 662 213 1543",
# "+52 1 662 213 1543" (old mobile prefix), "800 123 4567", plus an optional extension
# written "ext. 123", "ext 123", "extensión 123" or "x123".
_EXTENSION = re.compile(r"\s*(?:ext\.?|extensi[oó]n|x)\s*(\d{1,6})\s*$", re.IGNORECASE)
_ALLOWED = re.compile(r"^[\d\s()+.\-]+$")

MENSAJE_TELEFONO = (
    "Escriba un teléfono de 10 dígitos con lada, por ejemplo «662 213 1543» o "
    "«+52 662 213 1543». Si tiene extensión, agréguela al final: «ext. 123»."
)


def digitos_telefono(value):
    """The 10 national digits of a valid Mexican number, or None."""
    text = (value or "").strip()
    text = _EXTENSION.sub("", text)
    if not text or not _ALLOWED.match(text) or text.count("+") > 1:
        return None
    if "+" in text and not text.startswith("+"):
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        if not digits.startswith("52"):
            return None
        digits = digits[2:]
        # The mobile "1" after the country code was retired in 2019 but is still written.
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
    if len(digits) != 10 or digits[0] == "0":
        return None
    return digits


def validar_telefono(value):
    if value and digitos_telefono(value) is None:
        raise ValidationError(MENSAJE_TELEFONO, code="telefono_invalido")


# --- Social-network URLs -----------------------------------------------------------------


@dataclass(frozen=True)
class ReglaPlataforma:
    nombre: str
    #: Hosts accepted, subdomains included (www., m., web.…), unless ``exacto``.
    dominios: tuple = ()
    exacto: bool = False
    #: Required path prefix (WhatsApp channels).
    prefijo: str = ""
    #: How the message names the expected address.
    ejemplo: str = ""


REGLAS = {
    "facebook": ReglaPlataforma("Facebook", ("facebook.com", "fb.com"), ejemplo="facebook.com"),
    "instagram": ReglaPlataforma("Instagram", ("instagram.com",), ejemplo="instagram.com"),
    "tiktok": ReglaPlataforma("TikTok", ("tiktok.com",), ejemplo="tiktok.com"),
    "x": ReglaPlataforma("X", ("x.com", "twitter.com"), ejemplo="x.com o twitter.com"),
    "youtube": ReglaPlataforma("YouTube", ("youtube.com", "youtu.be"), ejemplo="youtube.com"),
    "threads": ReglaPlataforma(
        "Threads", ("threads.net", "threads.com"), ejemplo="threads.net o threads.com"
    ),
    "linkedin": ReglaPlataforma("LinkedIn", ("linkedin.com",), ejemplo="linkedin.com"),
    "whatsapp": ReglaPlataforma(
        "un canal de WhatsApp",
        ("whatsapp.com",),
        prefijo="/channel/",
        ejemplo="whatsapp.com/channel/…",
    ),
    "spotify": ReglaPlataforma(
        "Spotify", ("open.spotify.com",), exacto=True, ejemplo="open.spotify.com"
    ),
    "otra": ReglaPlataforma("otra plataforma"),
}

_url_validator = URLValidator(schemes=["https"])


def _host_coincide(host, regla):
    for dominio in regla.dominios:
        if host == dominio or (not regla.exacto and host.endswith("." + dominio)):
            return True
    return False


def validar_url_plataforma(plataforma, url):
    """Raise ValidationError unless ``url`` is an https address of ``plataforma``."""
    url = (url or "").strip()
    if not url:
        raise ValidationError("Escriba la dirección (URL) de la cuenta.", code="url_vacia")
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        raise ValidationError(
            "La URL debe empezar con «https://» (conexión segura).", code="url_no_https"
        )
    try:
        _url_validator(url)
    except ValidationError:
        raise ValidationError(
            "La URL no es válida: revise que esté completa, por ejemplo "
            "«https://www.instagram.com/cuenta».",
            code="url_invalida",
        ) from None
    if parts.username or parts.password:
        raise ValidationError(
            "La URL no debe incluir usuario ni contraseña.", code="url_con_credenciales"
        )
    regla = REGLAS.get(plataforma)
    if regla is None:
        raise ValidationError("Elija una plataforma de la lista.", code="plataforma_invalida")
    if not regla.dominios:
        return
    host = (parts.hostname or "").lower().rstrip(".")
    path = parts.path or "/"
    if not _host_coincide(host, regla) or (regla.prefijo and not path.startswith(regla.prefijo)):
        raise ValidationError(
            f"La URL no corresponde a {regla.nombre}: use una dirección de {regla.ejemplo}.",
            code="url_otra_plataforma",
        )
    if path.strip("/") == regla.prefijo.strip("/"):
        raise ValidationError(
            f"La URL debe llevar a la cuenta, no a la página de inicio de {regla.nombre}.",
            code="url_sin_cuenta",
        )
