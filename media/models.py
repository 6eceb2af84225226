"""What Wagtail's stock document model lacks: the transcript of an audio file."""

from django.db import models
from wagtail.documents import get_document_model_string


class Transcripcion(models.Model):
    """The text alternative of an audio document (required when the file is audio)."""

    documento = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="transcripcion",
        verbose_name="documento",
    )
    texto = models.TextField("transcripción")
    actualizada = models.DateTimeField("actualizada", auto_now=True)

    class Meta:
        verbose_name = "transcripción"
        verbose_name_plural = "transcripciones"

    def __str__(self):
        return f"Transcripción de {self.documento}"
