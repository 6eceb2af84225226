"""Admin forms: questions (options one per line), rounds, a new answer and the answer
sheet built from the round's questionnaire version. No model imports at module level
(models import these forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.formularios import AdminModelForm
from cms.permissions import RegionScopedForm
from regiones.models import Region

from . import validacion


class OpcionesField(forms.CharField):
    """A JSON list of options edited as a textarea, one option per line."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        texto = super().to_python(value) or ""
        return [renglon.strip() for renglon in texto.splitlines() if renglon.strip()]


class PreguntaForm(AdminModelForm):
    opciones = OpcionesField(
        label=_("Opciones"),
        required=False,
        help_text=_("Solo para opción única y opción múltiple: una opción por renglón."),
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Editing a question of a locked version is refused whatever section it moves to.
            from .models import CuestionarioBloqueado, Pregunta

            anterior = Pregunta.objects.filter(pk=self.instance.pk).first()
            if anterior is not None:
                try:
                    anterior.cuestionario.comprobar_editable()
                except CuestionarioBloqueado as error:
                    self.add_error(None, error)
        return cleaned

    def _post_clean(self):
        from .models import CuestionarioBloqueado

        try:
            super()._post_clean()
        except CuestionarioBloqueado as error:
            self.add_error(None, error)


class EdicionForm(AdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("cuestionario")
        if field is not None and self.instance.pk and self.instance.estado != "borrador":
            field.disabled = True
            field.help_text = _(
                "La edición ya se abrió: sus respuestas dependen de esta versión y no se cambia."
            )


class RespuestaAltaForm(RegionScopedForm):
    """Start an institution's answer: open rounds only, institutions of the user's region
    only (the national coordination sees every answer but fills in only its own
    institutions')."""

    region_field = "organismo"

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        from .models import Edicion

        if "edicion" in self.fields:
            self.fields["edicion"].queryset = Edicion.objects.filter(estado=Edicion.Estado.ABIERTA)
        field = self.fields.get("organismo")
        if field is not None and for_user is not None and not for_user.is_superuser:
            field.queryset = field.queryset.filter(region__in=Region.objects.for_user(for_user))
        if self.instance.pk:
            for nombre in ("edicion", "organismo"):
                if nombre in self.fields:
                    self.fields[nombre].disabled = True

    def clean(self):
        cleaned = super().clean()
        edicion, organismo = cleaned.get("edicion"), cleaned.get("organismo")
        if edicion and organismo and not self.instance.pk:
            from .models import Respuesta

            if Respuesta.objects.filter(edicion=edicion, organismo=organismo).exists():
                self.add_error(
                    "organismo",
                    _("Esta institución ya tiene su respuesta en esta edición: edítela."),
                )
        return cleaned


# --- The answer sheet ---------------------------------------------------------------------


class ValorLibreField(forms.Field):
    """Leaves parsing and checking to ``validacion`` so every message is the same."""

    def to_python(self, value):
        return value


class MultipleLibreField(forms.Field):
    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        return list(value or [])


SI_NO = [("si", _("Sí")), ("no", _("No"))]


def campo_para(pregunta, deshabilitado=False):
    etiqueta = pregunta.texto + ("" if pregunta.obligatoria else " (opcional)")
    comunes = {
        "label": etiqueta,
        "required": False,
        "help_text": pregunta.ayuda,
        "disabled": deshabilitado,
    }
    tipo = pregunta.tipo
    if tipo == "numero":
        attrs = {"inputmode": "decimal"}
        if pregunta.minimo is not None:
            attrs["data-minimo"] = pregunta.minimo
        if pregunta.maximo is not None:
            attrs["data-maximo"] = pregunta.maximo
        if pregunta.minimo is not None or pregunta.maximo is not None:
            comunes["help_text"] = " ".join(
                filter(
                    None,
                    [
                        pregunta.ayuda,
                        _("Entre %(min)s y %(max)s.")
                        % {
                            "min": validacion._formato(pregunta.minimo)
                            if pregunta.minimo is not None
                            else "−∞",
                            "max": validacion._formato(pregunta.maximo)
                            if pregunta.maximo is not None
                            else "∞",
                        },
                    ],
                )
            )
        return ValorLibreField(widget=forms.TextInput(attrs=attrs), **comunes)
    if tipo == "si_no":
        return ValorLibreField(widget=forms.RadioSelect(choices=SI_NO), **comunes)
    if tipo == "escala":
        return ValorLibreField(
            widget=forms.RadioSelect(choices=[(str(i), str(i)) for i in range(1, 6)]),
            **comunes,
        )
    if tipo == "opcion_unica":
        return ValorLibreField(
            widget=forms.RadioSelect(choices=[(o, o) for o in pregunta.opciones]), **comunes
        )
    if tipo == "opcion_multiple":
        return MultipleLibreField(
            widget=forms.CheckboxSelectMultiple(choices=[(o, o) for o in pregunta.opciones]),
            **comunes,
        )
    return ValorLibreField(
        widget=forms.TextInput(attrs={"maxlength": validacion.LARGO_TEXTO}), **comunes
    )


def inicial(pregunta, valor):
    if valor is None:
        return None
    if pregunta.tipo == "si_no":
        return "si" if valor else "no"
    if pregunta.tipo in ("numero", "escala"):
        return str(valor)
    return valor


class ResponderForm(forms.Form):
    """One field per question of the round's version, named ``p_<clave>``."""

    def __init__(self, *args, respuesta, preguntas, deshabilitado=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.respuesta = respuesta
        self.preguntas = preguntas
        guardadas = respuesta.respuestas or {}
        for pregunta in preguntas:
            nombre = self.nombre(pregunta)
            self.fields[nombre] = campo_para(pregunta, deshabilitado)
            self.initial[nombre] = inicial(pregunta, guardadas.get(pregunta.clave))

    @staticmethod
    def nombre(pregunta):
        return f"p_{pregunta.clave}"

    def datos(self):
        return {p.clave: self.cleaned_data.get(self.nombre(p)) for p in self.preguntas}

    def secciones(self):
        """[(seccion, [bound fields])] for the template."""
        grupos, actual = [], None
        for pregunta in self.preguntas:
            if actual is None or actual[0].pk != pregunta.seccion_id:
                actual = (pregunta.seccion, [])
                grupos.append(actual)
            actual[1].append(self[self.nombre(pregunta)])
        return grupos

    def agregar_errores(self, errores):
        por_clave = {p.clave: p for p in self.preguntas}
        for clave, mensaje in errores.items():
            destino = self.nombre(por_clave[clave]) if clave in por_clave else None
            for texto in mensaje if isinstance(mensaje, list) else [mensaje]:
                self.add_error(destino, texto)


class TransicionEdicionForm(forms.Form):
    nuevo_estado = forms.ChoiceField(label=_("Nuevo estado"), widget=forms.RadioSelect)

    def __init__(self, *args, edicion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nuevo_estado"].choices = [
            (estado, edicion.ETIQUETAS_TRANSICION.get(estado, estado))
            for estado in edicion.transiciones_permitidas()
        ]


class NuevaVersionForm(forms.Form):
    nombre = forms.CharField(label=_("Nombre de la nueva versión"), max_length=200)
