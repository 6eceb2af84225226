"""What the pending draft of a live page links to.

Wagtail's reference index reads a page as saved in the database: for a live page, its live
version. A document or image that an editor adds in a draft of a live page (waiting for
moderation, scheduled, or just saved) is therefore held by nothing as far as the index knows,
and a document nothing holds is public by its collection's rule. ``ReferenciaBorrador`` keeps
the references of those drafts, so that the draft counts as a holder that is not public
(``cms.documentos_registros``).

The references are extracted by Wagtail's own reference-index extraction from the latest
revision, after every save of the page (saving a revision, publishing, unpublishing); a page
with nothing pending keeps no rows.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page, ReferenceIndex, Revision


class ReferenciaBorrador(models.Model):
    """An object (document, image, page, snippet) the pending draft of a live page links to."""

    pagina = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    to_content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    to_object_id = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pagina", "to_content_type", "to_object_id"],
                name="referencia_borrador_unica",
            )
        ]
        indexes = [models.Index(fields=["to_content_type", "to_object_id"])]

    def __str__(self):
        return f"{self.pagina_id} → {self.to_content_type_id}:{self.to_object_id}"

    @classmethod
    def paginas_con_borrador_que_enlaza(cls, objeto):
        """The live pages whose pending draft links to ``objeto``."""
        tipo = ReferenceIndex._get_base_content_type(objeto)
        ids = cls.objects.filter(to_content_type=tipo, to_object_id=str(objeto.pk)).values(
            "pagina_id"
        )
        return Page.objects.filter(pk__in=ids)


def actualizar_borrador(page_id):
    """Store the references of the pending draft of page ``page_id`` (none if it has none)."""
    ReferenciaBorrador.objects.filter(pagina_id=page_id).delete()
    estado = (
        Page.objects.filter(pk=page_id)
        .values("live", "has_unpublished_changes", "latest_revision_id")
        .first()
    )
    if not estado or not (estado["live"] and estado["has_unpublished_changes"]):
        return
    revision = Revision.objects.filter(pk=estado["latest_revision_id"]).first()
    if revision is None:
        return
    referencias = {
        (tipo, objeto)
        for tipo, objeto, *_ruta in ReferenceIndex._extract_references_from_object(
            revision.as_object()
        )
    }
    ReferenciaBorrador.objects.bulk_create(
        [
            ReferenciaBorrador(pagina_id=page_id, to_content_type_id=t, to_object_id=o)
            for t, o in referencias
        ],
        ignore_conflicts=True,
    )


@receiver(post_save, dispatch_uid="cms.borradores")
def pagina_guardada(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    actualizar_borrador(instance.pk)
