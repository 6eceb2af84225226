"""Validation of one institution's answers against a questionnaire version.

Answers are stored as a JSON dict ``{clave: valor}``. Values by question type:

- ``numero``: int (or float when it has decimals), within the question's min/max;
- ``si_no``: ``True`` / ``False``;
- ``opcion_unica``: one of the question's options (str);
- ``opcion_multiple``: list of the question's options, without repetitions;
- ``escala``: int from 1 to 5;
- ``texto``: str of at most ``LARGO_TEXTO`` characters.

A missing or empty answer is absent from the dict. A draft is checked for types and
ranges only; a submission also needs every required question.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

LARGO_TEXTO = 300
ESCALA_MIN, ESCALA_MAX = 1, 5

VERDADEROS = {"si", "sí", "true", "1", "s"}
FALSOS = {"no", "false", "0", "n"}


class ValorInvalido(Exception):
    pass


def vacio(valor):
    return (
        valor is None
        or valor == ""
        or valor == []
        or (isinstance(valor, str) and not valor.strip())
    )


def _numero(valor):
    if isinstance(valor, bool):
        raise ValorInvalido(_("escriba un número"))
    if isinstance(valor, int | float | Decimal):
        numero = Decimal(str(valor))
    else:
        texto = str(valor).strip().replace(",", "")
        try:
            numero = Decimal(texto)
        except InvalidOperation:
            raise ValorInvalido(_("escriba un número (por ejemplo 12 o 3.5)")) from None
    if not numero.is_finite():
        raise ValorInvalido(_("escriba un número (por ejemplo 12 o 3.5)"))
    return numero


def _formato(numero):
    return f"{numero:g}" if isinstance(numero, float) else str(numero)


def normalizar(pregunta, valor):
    """The value to store, or ValorInvalido with the reason (without the question)."""
    tipo = pregunta.tipo
    if tipo == "numero":
        numero = _numero(valor)
        if pregunta.minimo is not None and numero < Decimal(str(pregunta.minimo)):
            raise ValorInvalido(
                _("el valor mínimo es %(min)s; escribió %(valor)s")
                % {"min": _formato(pregunta.minimo), "valor": f"{numero.normalize():f}"}
            )
        if pregunta.maximo is not None and numero > Decimal(str(pregunta.maximo)):
            raise ValorInvalido(
                _("el valor máximo es %(max)s; escribió %(valor)s")
                % {"max": _formato(pregunta.maximo), "valor": f"{numero.normalize():f}"}
            )
        return int(numero) if numero == numero.to_integral_value() else float(numero)
    if tipo == "si_no":
        if isinstance(valor, bool):
            return valor
        texto = str(valor).strip().lower()
        if texto in VERDADEROS:
            return True
        if texto in FALSOS:
            return False
        raise ValorInvalido(_("responda «Sí» o «No»"))
    if tipo == "escala":
        try:
            numero = _numero(valor)
        except ValorInvalido:
            raise ValorInvalido(_("elija un valor de la escala, del 1 al 5")) from None
        if numero != numero.to_integral_value() or not ESCALA_MIN <= numero <= ESCALA_MAX:
            raise ValorInvalido(
                _("la escala va del 1 al 5; escribió %(valor)s") % {"valor": f"{numero:f}"}
            )
        return int(numero)
    if tipo == "opcion_unica":
        if not isinstance(valor, str) or valor not in pregunta.opciones:
            raise ValorInvalido(
                _("«%(valor)s» no es una de las opciones: %(opciones)s")
                % {"valor": valor, "opciones": lista(pregunta.opciones)}
            )
        return valor
    if tipo == "opcion_multiple":
        valores = [valor] if isinstance(valor, str) else list(valor or [])
        fuera = [v for v in valores if v not in pregunta.opciones]
        if fuera:
            raise ValorInvalido(
                _("%(valores)s no está entre las opciones: %(opciones)s")
                % {"valores": lista(fuera), "opciones": lista(pregunta.opciones)}
            )
        # Keep the questionnaire's order, without repetitions.
        return [opcion for opcion in pregunta.opciones if opcion in valores]
    if tipo == "texto":
        texto = str(valor).strip()
        if len(texto) > LARGO_TEXTO:
            raise ValorInvalido(
                _("escriba como máximo %(max)d caracteres; tiene %(n)d")
                % {"max": LARGO_TEXTO, "n": len(texto)}
            )
        return texto
    raise ValorInvalido(_("tipo de pregunta desconocido: %(tipo)s") % {"tipo": tipo})


def lista(valores):
    nombres = [f"«{v}»" for v in valores]
    if len(nombres) <= 1:
        return "".join(nombres)
    return ", ".join(nombres[:-1]) + " o " + nombres[-1]


def validar(preguntas, datos, completa=False):
    """(clean answers, {clave: message}). ``completa`` also requires required questions."""
    limpios, errores = {}, {}
    for pregunta in preguntas:
        valor = datos.get(pregunta.clave)
        if vacio(valor):
            if completa and pregunta.obligatoria:
                errores[pregunta.clave] = _("«%(texto)s»: esta pregunta es obligatoria.") % {
                    "texto": pregunta.texto
                }
            continue
        try:
            limpios[pregunta.clave] = normalizar(pregunta, valor)
        except ValorInvalido as error:
            errores[pregunta.clave] = f"«{pregunta.texto}»: {error}."
    return limpios, errores
