"""The national shared media library ("Compartida").

Every regional group may *choose* its images and documents; only the national coordination
may add or change them. ``ensure_shared_collection()`` is idempotent; the network's
bootstrap (``orchestration.bootstrap``) calls it with the regions' groups once they exist.
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
def ensure_shared_collection(choosing_groups=(), managing_groups=(), name=SHARED_COLLECTION_NAME):
    """Create the shared collection; ``choosing_groups`` may choose its images and documents,
    ``managing_groups`` may also add and change them. Return (collection, changes)."""
    changes = []
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
        changes.append(f"colección {name}")

    for group in choosing_groups:
        _grant(group, collection, CHOOSE_PERMISSIONS, changes)
    for group in managing_groups:
        _grant(group, collection, MANAGE_PERMISSIONS, changes)
    return collection, changes
