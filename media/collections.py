"""The national shared media library ("Compartida").

Every regional group may *choose* its images and documents; only the national coordination
may add or change them. ``ensure_shared_collection()`` is idempotent: call it after the
regions and their groups exist (end of ``regiones.bootstrap.bootstrap``).
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission

SHARED_COLLECTION_NAME = "Compartida"

CHOOSE_PERMISSIONS = [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")]
MANAGE_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant(group, collection, permissions, created):
    for app_label, codename in permissions:
        _, new = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )
        if new:
            created.append(f"{group.name}: {codename} en {collection.name}")


@transaction.atomic
def ensure_shared_collection(name=SHARED_COLLECTION_NAME):
    """Create the shared collection and its permissions; return (collection, changes)."""
    from regiones.models import Region

    changes = []
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
        changes.append(f"colección {name}")

    for region in Region.objects.select_related("grupo_edicion", "grupo_coordinacion"):
        groups = [g for g in (region.grupo_edicion, region.grupo_coordinacion) if g is not None]
        for group in groups:
            _grant(group, collection, CHOOSE_PERMISSIONS, changes)
        if region.es_nacional and region.grupo_coordinacion is not None:
            _grant(region.grupo_coordinacion, collection, MANAGE_PERMISSIONS, changes)
    return collection, changes
