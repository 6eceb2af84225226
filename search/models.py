from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexOutbox(models.Model):
    """Durable index work: written in the same transaction as the change it reflects,
    applied to the engine in order by the task worker, retried with backoff."""

    class Accion(models.TextChoices):
        UPSERT = "upsert", _("Indexar")
        DELETE = "delete", _("Retirar")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        HECHO = "hecho", _("Aplicado")
        FALLIDO = "fallido", _("Fallido")

    accion = models.CharField(max_length=10, choices=Accion.choices)
    doc_id = models.CharField(max_length=200)
    source = models.CharField(max_length=60)
    model_label = models.CharField(max_length=120)
    object_pk = models.CharField(max_length=64)
    estado = models.CharField(
        max_length=12, choices=Estado.choices, default=Estado.PENDIENTE, db_index=True
    )
    intentos = models.PositiveIntegerField(default=0)
    siguiente_intento = models.DateTimeField(null=True, blank=True)
    ultimo_error = models.TextField(blank=True)
    creado = models.DateTimeField(auto_now_add=True)
    aplicado = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("trabajo de indexación")
        verbose_name_plural = _("trabajos de indexación")
        ordering = ["pk"]
        indexes = [models.Index(fields=["estado", "id"], name="outbox_estado_id")]

    def __str__(self):
        return f"{self.accion} {self.doc_id} ({self.estado})"


class ConsultaBusqueda(models.Model):
    """One anonymous search: what was asked and how many results it had. No personal data:
    no IP address, no user, no session."""

    consulta = models.CharField(max_length=200, db_index=True)
    region = models.CharField(max_length=50, blank=True, db_index=True)
    resultados = models.PositiveIntegerField()
    filtros = models.JSONField(default=dict, blank=True)
    motor = models.CharField(max_length=20)
    creada = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("consulta de búsqueda")
        verbose_name_plural = _("consultas de búsqueda")

    def __str__(self):
        return self.consulta


class PromocionSitio(models.Model):
    """Which site a Wagtail search promotion belongs to. Without a row, a promotion is the
    national coordination's and applies to the whole network."""

    promocion = models.OneToOneField(
        "wagtailsearchpromotions.SearchPromotion",
        on_delete=models.CASCADE,
        related_name="sitio",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("sitio"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Vacío: toda la red."),
    )

    class Meta:
        verbose_name = _("promoción por sitio")
        verbose_name_plural = _("promociones por sitio")

    def __str__(self):
        return f"{self.promocion} · {self.site or 'red'}"
