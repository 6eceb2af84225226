"""National curation: regions propose published pages, the national coordination accepts them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiones.models import Region, user_is_national


class PropuestaRedQuerySet(models.QuerySet):
    def vigentes(self, hoy=None):
        """Accepted, not expired, and its page still public (cms.visibilidad: a page made
        private or unpublished after it was accepted leaves the national home)."""
        from .visibilidad import paginas_publicas

        hoy = hoy or timezone.localdate()
        return (
            self.filter(estado=PropuestaRed.Estado.ACEPTADA, pagina__in=paginas_publicas())
            .filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=hoy))
            .select_related("pagina", "region")
            .order_by("orden", "-revisada_en", "pk")
        )

    def pendientes(self):
        return self.filter(estado=PropuestaRed.Estado.PENDIENTE)


class PropuestaRed(models.Model):
    """A regional page proposed to the whole network."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        ACEPTADA = "aceptada", _("Aceptada")
        RECHAZADA = "rechazada", _("No aceptada")

    pagina = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("página"),
        on_delete=models.CASCADE,
        related_name="propuestas_red",
    )
    region = models.ForeignKey(
        "regiones.Region",
        verbose_name=_("región"),
        on_delete=models.CASCADE,
        related_name="propuestas_red",
    )
    motivo = models.TextField(_("por qué interesa a toda la red"), blank=True)
    propuesta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("propuesta por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    propuesta_en = models.DateTimeField(_("propuesta el"), default=timezone.now)
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.PENDIENTE
    )
    comentario = models.TextField(_("comentario de la coordinación nacional"), blank=True)
    orden = models.PositiveSmallIntegerField(
        _("orden"), default=0, help_text=_("Las de menor número aparecen primero.")
    )
    vigente_hasta = models.DateField(
        _("mostrar hasta"), null=True, blank=True, help_text=_("Vacío: sin fecha de término.")
    )
    revisada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revisada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revisada_en = models.DateTimeField(_("revisada el"), null=True, blank=True)

    objects = PropuestaRedQuerySet.as_manager()

    class Meta:
        verbose_name = _("propuesta a la red")
        verbose_name_plural = _("propuestas a la red")
        ordering = ["estado", "orden", "-propuesta_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["pagina"],
                condition=Q(estado="pendiente"),
                name="una_propuesta_pendiente_por_pagina",
            )
        ]

    def __str__(self):
        return f"{self.pagina.title} ({self.region})"


def puede_proponer(user, page):
    """The coordination of the (regional) region that owns a public page may propose it."""
    from .campanas import region_de_pagina
    from .visibilidad import es_pagina_publica

    region = region_de_pagina(page)
    if region is None or region.es_nacional or not es_pagina_publica(page):
        return False
    return Region.objects.coordinated_by(user).filter(pk=region.pk).exists()


def proponer(page, user, motivo=""):
    from django.core.exceptions import PermissionDenied

    from .campanas import region_de_pagina

    if not puede_proponer(user, page):
        raise PermissionDenied
    existente = PropuestaRed.objects.pendientes().filter(pagina=page).first()
    if existente:
        return existente, False
    propuesta = PropuestaRed.objects.create(
        pagina=page, region=region_de_pagina(page), motivo=motivo, propuesta_por=user
    )
    return propuesta, True


def revisar(propuesta, user, estado, comentario="", orden=None, vigente_hasta=None):
    """The national coordination accepts or declines a proposal."""
    from django.core.exceptions import PermissionDenied

    if not user_is_national(user):
        raise PermissionDenied
    propuesta.estado = estado
    propuesta.comentario = comentario
    if orden is not None:
        propuesta.orden = orden
    propuesta.vigente_hasta = vigente_hasta
    propuesta.revisada_por = user
    propuesta.revisada_en = timezone.now()
    propuesta.save()
    avisar_decision(propuesta)
    return propuesta


def destinatarios_de_decision(propuesta):
    """Who hears the outcome: whoever proposed the page and the region's coordination."""
    from django.contrib.auth import get_user_model

    usuarios = get_user_model().objects.filter(is_active=True).exclude(email="")
    filtro = Q(pk=propuesta.propuesta_por_id)
    if propuesta.region.grupo_coordinacion_id:
        filtro |= Q(groups=propuesta.region.grupo_coordinacion_id)
    return sorted(set(usuarios.filter(filtro).values_list("email", flat=True)))


def avisar_decision(propuesta):
    """E-mail the region the national coordination's decision, with its comment."""
    from django.template.loader import render_to_string
    from wagtail.admin.mail import send_mail

    destinatarios = destinatarios_de_decision(propuesta)
    if not destinatarios:
        return 0
    contexto = {
        "propuesta": propuesta,
        "aceptada": propuesta.estado == PropuestaRed.Estado.ACEPTADA,
    }
    asunto = " ".join(render_to_string("cms/correo/decision_asunto.txt", contexto).split())
    cuerpo = render_to_string("cms/correo/decision.txt", contexto)
    return send_mail(asunto, cuerpo, destinatarios)
