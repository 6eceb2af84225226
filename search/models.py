from django.db import connection, models
from django.utils import timezone
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


def normalizar_consulta(texto):
    """The form a query is counted under: lower case, single spaces, at most 200 characters."""
    return " ".join(str(texto).lower().split())[:200]


class ConsultaBusqueda(models.Model):
    """Searches of one day: one row per day, normalised query, region and engine, with how
    many times it was asked and how many of those found nothing (the way Wagtail's search
    promotions keep daily hits). Anonymous: no IP address, no user, no session, no time of
    day. The table grows with distinct queries per day, never with traffic;
    ``podar_tablas`` drops the days past ``SEARCH_QUERY_LOG_DAYS``."""

    dia = models.DateField(_("día"), db_index=True)
    consulta = models.CharField(max_length=200, db_index=True)
    region = models.CharField(max_length=50, blank=True, db_index=True)
    motor = models.CharField(max_length=20)
    veces = models.PositiveIntegerField(_("veces"), default=1)
    sin_resultados = models.PositiveIntegerField(_("veces sin resultados"), default=0)
    resultados = models.PositiveIntegerField(
        _("resultados"), default=0, help_text=_("Resultados de la última vez que se buscó.")
    )

    class Meta:
        verbose_name = _("consulta de búsqueda")
        verbose_name_plural = _("consultas de búsqueda")
        constraints = [
            models.UniqueConstraint(
                fields=["dia", "consulta", "region", "motor"], name="consulta_por_dia"
            )
        ]

    def __str__(self):
        return f"{self.consulta} ({self.dia})"

    @classmethod
    def registrar(cls, consulta, region, resultados, motor, dia=None):
        """Count one search in today's row (created if missing), in one statement: safe
        with any number of processes searching at once."""
        consulta = normalizar_consulta(consulta)
        if not consulta:
            return
        dia = dia or timezone.localdate()
        table = connection.ops.quote_name(cls._meta.db_table)
        vacia = 1 if resultados == 0 else 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (dia, consulta, region, motor, veces, sin_resultados, "
                "resultados) VALUES (%s, %s, %s, %s, 1, %s, %s) "
                "ON CONFLICT (dia, consulta, region, motor) DO UPDATE SET "
                f"veces = {table}.veces + 1, "
                f"sin_resultados = {table}.sin_resultados + EXCLUDED.sin_resultados, "
                "resultados = EXCLUDED.resultados",
                [dia, consulta, region or "", motor, vacia, resultados],
            )


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
