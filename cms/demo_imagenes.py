"""Pictures and documents for the demo, drawn locally with Pillow (nothing is downloaded).

Every picture is a simple card: a solid colour of the region, a large place name in white
(contrast above 4.5:1 on every colour used), a small pictogram of what it illustrates and
the words «Imagen ilustrativa de ejemplo». Its alternative text says exactly that, so a
person who cannot see it misses nothing.

Documents are one-page PDFs (Pillow writes PDF) that say, in large type, that they are
example documents without legal value.

Both are stored through Wagtail's image and document models in the region's collection, so
they land on S3 when the site uses it, and they are found again by title (idempotent).
"""

import io
from functools import cache
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

ANCHO, ALTO = 1200, 675
#: Dark enough for white text (contrast ratio above 4.5:1), one per region slug.
COLORES = {
    "nacional": ("#1f3a5f", "azul marino"),
    "centro": ("#7a1f3d", "guinda"),
    "centro-occidente": ("#1d5c4a", "verde oscuro"),
    "norte": ("#6b3a14", "café"),
    "sureste": ("#0f4d6e", "azul petróleo"),
}
PICTOGRAMAS = {
    "noticia": "un periódico",
    "evento": "un calendario",
    "convocatoria": "un megáfono",
    "historia": "dos globos de diálogo",
    "campana": "un megáfono",
}
FUENTES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


@cache
def _fuente(tamano):
    for ruta in FUENTES:
        if Path(ruta).exists():
            return ImageFont.truetype(ruta, tamano)
    return ImageFont.load_default(size=tamano)


def _ajustar(draw, texto, ancho_max, tamano):
    """The largest size (down from ``tamano``) at which ``texto`` fits in one line."""
    while tamano > 24:
        fuente = _fuente(tamano)
        if draw.textlength(texto, font=fuente) <= ancho_max:
            return fuente
        tamano -= 6
    return _fuente(tamano)


def _pictograma(draw, tipo, x, y, blanco):
    """A few strokes, enough to tell one kind of content from another."""
    if tipo == "evento":
        draw.rounded_rectangle((x, y + 20, x + 150, y + 160), 14, outline=blanco, width=8)
        draw.line((x, y + 60, x + 150, y + 60), fill=blanco, width=8)
        for i in range(3):
            draw.rectangle((x + 25 + i * 40, y + 85, x + 45 + i * 40, y + 105), fill=blanco)
    elif tipo in ("convocatoria", "campana"):
        draw.polygon([(x, y + 70), (x + 110, y + 20), (x + 110, y + 160), (x, y + 110)], blanco)
        draw.rectangle((x + 110, y + 60, x + 150, y + 120), outline=blanco, width=8)
    elif tipo == "historia":
        draw.rounded_rectangle((x, y + 10, x + 110, y + 90), 20, outline=blanco, width=8)
        draw.rounded_rectangle((x + 40, y + 80, x + 150, y + 160), 20, fill=blanco)
    else:  # noticia
        draw.rectangle((x, y + 10, x + 150, y + 170), outline=blanco, width=8)
        for i in range(4):
            draw.line((x + 25, y + 50 + i * 30, x + 125, y + 50 + i * 30), fill=blanco, width=8)


def dibujar(lugar, region_slug, tipo="noticia"):
    """PNG bytes of one card."""
    color, _nombre = COLORES.get(region_slug, COLORES["nacional"])
    imagen = Image.new("RGB", (ANCHO, ALTO), color)
    draw = ImageDraw.Draw(imagen)
    blanco = "#ffffff"
    draw.rectangle((0, ALTO - 24, ANCHO, ALTO), fill="#ffffff")
    _pictograma(draw, tipo, 80, 90, blanco)
    fuente = _ajustar(draw, lugar, ANCHO - 160, 110)
    draw.text((80, 330), lugar, font=fuente, fill=blanco)
    draw.text((80, 500), "Imagen ilustrativa de ejemplo", font=_fuente(40), fill=blanco)
    salida = io.BytesIO()
    imagen.save(salida, "PNG", optimize=True)
    return salida.getvalue()


def texto_alternativo(lugar, region_slug, tipo="noticia"):
    _color, nombre = COLORES.get(region_slug, COLORES["nacional"])
    return (
        f"Ilustración de ejemplo: la palabra «{lugar}» en letras blancas sobre fondo "
        f"{nombre}, junto al dibujo de {PICTOGRAMAS.get(tipo, 'un documento')}."
    )


def imagen(lugar, region, tipo="noticia"):
    """The card for ``lugar`` in ``region``'s collection (created once)."""
    from wagtail.images import get_image_model

    Imagen = get_image_model()
    titulo = f"Ilustración de ejemplo: {lugar} ({PICTOGRAMAS.get(tipo, tipo)})"
    existente = Imagen.objects.filter(title=titulo, collection=region.coleccion).first()
    if existente is not None:
        return existente
    nombre = f"ejemplo-{region.slug}-{tipo}-{slugify(lugar)}.png"
    archivo = ImageFile(io.BytesIO(dibujar(lugar, region.slug, tipo)), name=nombre)
    return Imagen.objects.create(
        title=titulo,
        file=archivo,
        collection=region.coleccion,
        description=texto_alternativo(lugar, region.slug, tipo),
    )


def pdf(titulo, lineas):
    """PDF bytes of one page that says it is an example document."""
    hoja = Image.new("RGB", (1240, 1754), "#ffffff")
    draw = ImageDraw.Draw(hoja)
    draw.rectangle((0, 0, 1240, 160), fill="#7a1f3d")
    draw.text((80, 50), "DOCUMENTO DE EJEMPLO · SIN VALIDEZ", font=_fuente(52), fill="#ffffff")
    y = 260
    for parrafo in [titulo, *lineas]:
        palabras, linea = parrafo.split(), ""
        for palabra in palabras:
            prueba = f"{linea} {palabra}".strip()
            if draw.textlength(prueba, font=_fuente(36)) > 1080:
                draw.text((80, y), linea, font=_fuente(36), fill="#111111")
                y, linea = y + 52, palabra
            else:
                linea = prueba
        draw.text((80, y), linea, font=_fuente(36), fill="#111111")
        y += 90
    salida = io.BytesIO()
    hoja.save(salida, "PDF", resolution=150)
    return salida.getvalue()


def documento(titulo, region, lineas, nombre):
    """A one-page example PDF in ``region``'s collection (created once, found by title)."""
    from wagtail.documents import get_document_model

    Documento = get_document_model()
    existente = Documento.objects.filter(title=titulo, collection=region.coleccion).first()
    if existente is not None:
        return existente
    return Documento.objects.create(
        title=titulo,
        file=SimpleUploadedFile(nombre, pdf(titulo, lineas), content_type="application/pdf"),
        collection=region.coleccion,
    )
