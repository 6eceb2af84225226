from search.documents import SearchDocument

from .models import Ficha


class FichaDocument(SearchDocument):
    kind = "ficha"
    model = Ficha

    def to_document(self, obj):
        return {"title": obj.titulo, "region": obj.region.slug}


def documents():
    return [FichaDocument]
