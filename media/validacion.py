"""Safe uploads: the type of a file is what its bytes say, not what its name claims.

``validar_archivo(archivo, permitidos)`` reads the first bytes (and, for office formats,
the ZIP directory), decides the real type, checks it against the extension and the allowed
set, applies the size limit of that type and returns a ``TipoArchivo``. Every refusal is a
``ValidationError`` with a message in Spanish that tells the person what to do.
"""

import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

MB = 1024 * 1024
HEAD_BYTES = 8192


@dataclass(frozen=True)
class TipoArchivo:
    clave: str  # canonical key, e.g. "pdf", "jpg"
    nombre: str  # what people call it, e.g. "PDF", "imagen JPEG"
    extensiones: tuple
    familia: str  # "imagen", "documento" or "audio"
    limite: int  # bytes


TIPOS = {
    t.clave: t
    for t in [
        TipoArchivo("jpg", "imagen JPEG", ("jpg", "jpeg"), "imagen", 10 * MB),
        TipoArchivo("png", "imagen PNG", ("png",), "imagen", 10 * MB),
        TipoArchivo("webp", "imagen WebP", ("webp",), "imagen", 10 * MB),
        TipoArchivo("gif", "imagen GIF", ("gif",), "imagen", 5 * MB),
        TipoArchivo("pdf", "PDF", ("pdf",), "documento", 20 * MB),
        TipoArchivo("docx", "documento de Word (DOCX)", ("docx",), "documento", 15 * MB),
        TipoArchivo("xlsx", "hoja de cálculo de Excel (XLSX)", ("xlsx",), "documento", 15 * MB),
        TipoArchivo("odt", "documento de texto OpenDocument (ODT)", ("odt",), "documento", 15 * MB),
        TipoArchivo("ods", "hoja de cálculo OpenDocument (ODS)", ("ods",), "documento", 15 * MB),
        TipoArchivo("csv", "tabla de datos CSV", ("csv",), "documento", 5 * MB),
        TipoArchivo("mp3", "audio MP3", ("mp3",), "audio", 20 * MB),
        TipoArchivo("ogg", "audio Ogg", ("ogg", "oga"), "audio", 20 * MB),
    ]
}
IMAGENES = ("jpg", "png", "webp", "gif")
DOCUMENTOS = ("pdf", "docx", "xlsx", "odt", "ods", "csv", "mp3", "ogg")

# Types we recognise only to refuse them with a precise message.
PELIGROSOS = {
    "svg": "una imagen SVG",
    "html": "una página web (HTML)",
    "ejecutable": "un programa ejecutable",
    "script": "un programa o script",
    "zip": "un archivo comprimido (ZIP)",
    "office_macros": "un documento de Office con macros",
    "office_antiguo": "un documento de Office antiguo (DOC/XLS)",
}

EXTENSION_DE = {ext: t.clave for t in TIPOS.values() for ext in t.extensiones}


def _limite(clave):
    limites = getattr(settings, "SNT_MEDIA_LIMITES", {}) or {}
    return limites.get(clave, TIPOS[clave].limite)


# ---------------------------------------------------------------------------
# File names
# ---------------------------------------------------------------------------


def extension_de(nombre):
    base = os.path.basename(str(nombre).replace("\\", "/"))
    _, ext = os.path.splitext(base)
    return ext[1:].lower()


def normalizar_nombre(nombre, extension=None, largo_maximo=80):
    """ASCII slug, lowercase, the extension kept, no folders: «../Informe Año 1.PDF» →
    «informe-ano-1.pdf»."""
    base = os.path.basename(str(nombre).replace("\\", "/")).strip()
    raiz, ext = os.path.splitext(base)
    if not ext and raiz.startswith("."):  # ".pdf": only an extension
        raiz, ext = "", raiz
    ext = (extension or ext[1:]).lower()
    texto = unicodedata.normalize("NFKD", raiz).encode("ascii", "ignore").decode("ascii")
    texto = re.sub(r"[^a-z0-9]+", "-", texto.lower()).strip("-")
    texto = texto[:largo_maximo].rstrip("-") or "archivo"
    ext = re.sub(r"[^a-z0-9]", "", ext)
    return f"{texto}.{ext}" if ext else texto


# ---------------------------------------------------------------------------
# Content sniffing
# ---------------------------------------------------------------------------


def _leer(archivo, n=None):
    posicion = archivo.tell() if hasattr(archivo, "tell") else 0
    archivo.seek(0)
    datos = archivo.read() if n is None else archivo.read(n)
    archivo.seek(posicion)
    return datos


def _es_mp3(cabeza):
    if cabeza.startswith(b"ID3"):
        return True
    # An MPEG audio frame: 11 sync bits, layer III, a valid bitrate and sample rate.
    if len(cabeza) >= 4 and cabeza[0] == 0xFF and (cabeza[1] & 0xE0) == 0xE0:
        capa = (cabeza[1] >> 1) & 0x03
        tasa = (cabeza[2] >> 4) & 0x0F
        muestreo = (cabeza[2] >> 2) & 0x03
        return capa == 0x01 and tasa not in (0x00, 0x0F) and muestreo != 0x03
    return False


_SVG = re.compile(rb"<svg[\s>]", re.IGNORECASE)
_HTML = re.compile(
    rb"<(!doctype\s+html|html|head|body|script|iframe|object|embed|meta|a\s|img\s|form|style)",
    re.IGNORECASE,
)


def _texto_inicial(cabeza):
    sin_bom = cabeza[3:] if cabeza.startswith(b"\xef\xbb\xbf") else cabeza
    return sin_bom.lstrip()


def _clasificar_zip(archivo):
    try:
        with zipfile.ZipFile(archivo) as paquete:
            nombres = paquete.namelist()
            if "mimetype" in nombres:
                mimetype = paquete.read("mimetype").strip()
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
                return "zip"
            if "[Content_Types].xml" in nombres:
                tipos = paquete.read("[Content_Types].xml")
                if b"macroEnabled" in tipos or any(n.endswith("vbaProject.bin") for n in nombres):
                    return "office_macros"
                if any(n.startswith("word/") for n in nombres):
                    return "docx"
                if any(n.startswith("xl/") for n in nombres):
                    return "xlsx"
            return "zip"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return "zip"


def _parece_csv(contenido):
    if b"\x00" in contenido:
        return False
    for codificacion in ("utf-8-sig", "cp1252"):
        try:
            texto = contenido.decode(codificacion)
            break
        except UnicodeDecodeError:
            continue
    else:
        return False
    if any(ord(c) < 32 and c not in "\t\r\n" for c in texto):
        return False
    lineas = [linea for linea in texto.splitlines() if linea.strip()]
    return bool(lineas)


def detectar_tipo(archivo):
    """The real type of ``archivo`` from its bytes: a key of TIPOS or PELIGROSOS, or None."""
    cabeza = _leer(archivo, HEAD_BYTES)
    if cabeza.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if cabeza.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if cabeza[:4] == b"RIFF" and cabeza[8:12] == b"WEBP":
        return "webp"
    if cabeza[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if cabeza.startswith(b"%PDF-"):
        return "pdf"
    if cabeza.startswith(b"OggS"):
        return "ogg"
    if cabeza.startswith(b"PK\x03\x04"):
        return _clasificar_zip(archivo)
    if cabeza.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "office_antiguo"
    if cabeza.startswith((b"\x7fELF", b"MZ", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")):
        return "ejecutable"
    if cabeza.startswith(b"#!"):
        return "script"
    if _es_mp3(cabeza):
        return "mp3"
    texto = _texto_inicial(cabeza)
    if _SVG.search(cabeza):
        return "svg"
    if texto.startswith(b"<") and _HTML.search(cabeza):
        return "html"
    if _HTML.search(cabeza) and re.search(rb"<script", cabeza, re.IGNORECASE):
        return "html"
    if _parece_csv(_leer(archivo)):
        return "csv"
    return None


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _lista(claves):
    extensiones = sorted({ext for c in claves for ext in TIPOS[c].extensiones})
    return ", ".join(extensiones)


def validar_archivo(archivo, permitidos):
    """Check ``archivo`` (an UploadedFile or File) against the type keys in ``permitidos``.

    Returns the detected TipoArchivo; raises ValidationError with a Spanish message."""
    nombre = getattr(archivo, "name", "") or ""
    extension = extension_de(nombre)
    tamano = getattr(archivo, "size", None)
    if tamano is None:
        tamano = len(_leer(archivo))
    if tamano == 0:
        raise ValidationError("El archivo está vacío.", code="vacio")

    if extension == "svg" or extension == "svgz":
        raise ValidationError(
            "No se aceptan imágenes SVG: pueden contener código que se ejecuta en el "
            "navegador. Conviértela a PNG o WebP y súbela de nuevo.",
            code="svg",
        )

    detectado = detectar_tipo(archivo)
    if detectado == "svg":
        raise ValidationError(
            "El archivo contiene una imagen SVG, que puede llevar código que se ejecuta en "
            "el navegador; no se acepta. Conviértela a PNG o WebP y súbela de nuevo.",
            code="svg",
        )

    esperado = EXTENSION_DE.get(extension)
    if esperado is None or esperado not in permitidos:
        raise ValidationError(
            "No se aceptan archivos «.%(ext)s». Formatos permitidos: %(lista)s.",
            code="extension",
            params={"ext": extension or "(sin extensión)", "lista": _lista(permitidos)},
        )

    if detectado in PELIGROSOS:
        raise ValidationError(
            "El archivo dice ser %(tipo)s pero su contenido es %(real)s; no se acepta.",
            code="contenido_peligroso",
            params={"tipo": TIPOS[esperado].nombre, "real": PELIGROSOS[detectado]},
        )
    if detectado != esperado:
        if detectado in TIPOS:
            real = TIPOS[detectado].nombre
            raise ValidationError(
                "El archivo dice ser %(tipo)s pero su contenido es de otro tipo (%(real)s). "
                "Cambia la extensión a «.%(ext)s» o sube el archivo correcto.",
                code="contenido_distinto",
                params={
                    "tipo": TIPOS[esperado].nombre,
                    "real": real,
                    "ext": TIPOS[detectado].extensiones[0],
                },
            )
        raise ValidationError(
            "El archivo dice ser %(tipo)s pero su contenido es de otro tipo o está dañado.",
            code="contenido_distinto",
            params={"tipo": TIPOS[esperado].nombre},
        )

    limite = _limite(detectado)
    if tamano > limite:
        raise ValidationError(
            "El archivo pesa %(tamano)s; el máximo para %(tipo)s es %(limite)s.",
            code="demasiado_grande",
            params={
                "tamano": filesizeformat(tamano),
                "tipo": TIPOS[detectado].nombre,
                "limite": filesizeformat(limite),
            },
        )
    return TIPOS[detectado]


def contenido(datos, nombre):
    """A named in-memory file, handy for checks outside forms."""
    archivo = io.BytesIO(datos)
    archivo.name = nombre
    archivo.size = len(datos)
    return archivo
