"""The starting rules of the language checker. The national coordination edits them afterwards."""

from django.db import migrations

INTERNA = "Guía interna de la comisión de comunicación"
CDPD = "Convención sobre los Derechos de las Personas con Discapacidad (ONU, 2006)"
UNESCO = "UNESCO, Recomendaciones para un uso no sexista del lenguaje (1999)"

# (tipo, frase, sugerencia, explicación, fuente, es_regex)
REGLAS = [
    ("incluyente", "los ciudadanos", "la ciudadanía",
     "El masculino genérico deja fuera a las mujeres; un colectivo nombra a todas las personas.",
     UNESCO, False),
    ("incluyente", "el ciudadano", "la persona; la ciudadanía",
     "Nombra a todas las personas, no solo a los hombres.", UNESCO, False),
    ("incluyente", "los derechos del hombre", "los derechos humanos",
     "«Hombre» como sinónimo de humanidad invisibiliza a las mujeres.", UNESCO, False),
    ("incluyente", r"el hombre\s+(?:moderno|actual|mexicano|de hoy)",
     "la humanidad; las personas; la sociedad",
     "«El hombre» como sinónimo de humanidad invisibiliza a las mujeres.", UNESCO, True),
    ("incluyente", r"(?:los|el) (?:servidor|servidores|funcionario|funcionarios) publicos?",
     "las personas servidoras públicas; el personal del servicio público",
     "Nombra a mujeres y hombres que trabajan en el servicio público.", INTERNA, True),
    ("incluyente", r"los funcionarios", "el funcionariado; las personas funcionarias",
     "Usa un colectivo o «personas» más adjetivo.", INTERNA, True),
    ("incluyente", r"(?:los|el) usuarios?", "las personas usuarias; la persona usuaria",
     "Usa «persona» más adjetivo.", INTERNA, True),
    ("incluyente", r"(?:los|el) solicitantes?", "las personas solicitantes; la persona solicitante",
     "Usa «persona» más adjetivo.", INTERNA, True),
    ("incluyente", r"(?:los|el) trabajadore?s?", "las personas trabajadoras; el personal",
     "Usa «persona» más adjetivo o un colectivo.", INTERNA, True),
    ("incluyente", "los mexicanos", "las personas mexicanas; la población mexicana",
     "El masculino genérico deja fuera a las mujeres.", INTERNA, False),
    ("incluyente", "los niños", "niñas, niños y adolescentes; la niñez; las infancias",
     "Nombra a niñas y niños.", INTERNA, False),
    ("incluyente", "los jóvenes", "las personas jóvenes; las juventudes",
     "Nombra a mujeres y hombres jóvenes.", INTERNA, False),
    ("incluyente", "los alumnos", "el alumnado; el estudiantado",
     "Usa un colectivo.", INTERNA, False),
    ("incluyente", "los maestros", "el profesorado; el personal docente",
     "Usa un colectivo.", INTERNA, False),
    ("incluyente", "los adultos mayores", "las personas mayores; las personas adultas mayores",
     "Nombra a las personas, no a un grupo en masculino.", INTERNA, False),
    ("incluyente", "tercera edad", "personas mayores",
     "Evita etiquetas que reducen a las personas a su edad.", INTERNA, False),
    ("incluyente", r"discapacitad[oa]s?", "personas con discapacidad",
     "Primero la persona: la discapacidad es una condición, no la identidad.", CDPD, True),
    ("incluyente", r"minusv[aá]lid[oa]s?", "personas con discapacidad",
     "Término peyorativo: usa «personas con discapacidad».", CDPD, True),
    ("incluyente", r"(?:personas )?con capacidades diferentes", "personas con discapacidad",
     "Eufemismo: el término aceptado es «personas con discapacidad».", CDPD, True),
    ("incluyente", r"invidentes?", "personas ciegas; personas con discapacidad visual",
     "Nombra primero a la persona.", CDPD, True),
    ("incluyente", r"sordomud[oa]s?", "personas sordas",
     "Muchas personas sordas hablan: «sordomudo» es inexacto.", CDPD, True),
    ("incluyente", "los indígenas", "las personas indígenas; los pueblos y comunidades indígenas",
     "Usa «personas» o «pueblos» indígenas.", INTERNA, False),
    ("incluyente", "sexo débil", "las mujeres",
     "Expresión sexista.", UNESCO, False),
    ("incluyente", r"(?:los|el) periodistas? y sus esposas", "las personas periodistas y sus familias",
     "No supongas el sexo ni la familia de las personas.", INTERNA, True),
    ("ciudadano", r"sujetos? obligados?",
     "la institución pública (explica el término la primera vez: «sujeto obligado»)",
     "Término técnico: explícalo en palabras de todos los días.", INTERNA, True),
    ("ciudadano", "coadyuvar", "ayudar; colaborar",
     "Palabra poco usual: prefiere la más sencilla.", INTERNA, False),
    ("ciudadano", "a efecto de", "para",
     "Frase larga: dilo en menos palabras.", INTERNA, False),
    ("ciudadano", "en tiempo y forma", "a tiempo y como se pide",
     "Fórmula burocrática: di qué se espera.", INTERNA, False),
    ("ciudadano", r"derivado de", "por; debido a",
     "Fórmula burocrática: usa una palabra sencilla.", INTERNA, True),
    ("ciudadano", "en el marco de", "en; durante",
     "Frase larga: dilo en menos palabras.", INTERNA, False),
]


def cargar(apps, schema_editor):
    ReglaLenguaje = apps.get_model("cms", "ReglaLenguaje")
    for tipo, frase, sugerencia, explicacion, fuente, es_regex in REGLAS:
        ReglaLenguaje.objects.get_or_create(
            frase=frase,
            es_regex=es_regex,
            defaults={
                "tipo": tipo,
                "sugerencia": sugerencia,
                "explicacion": explicacion,
                "fuente": fuente,
                "activa": True,
            },
        )


def retirar(apps, schema_editor):
    ReglaLenguaje = apps.get_model("cms", "ReglaLenguaje")
    for _tipo, frase, _s, _e, _f, es_regex in REGLAS:
        ReglaLenguaje.objects.filter(frase=frase, es_regex=es_regex).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_paginas_regionales")]

    operations = [migrations.RunPython(cargar, retirar)]
