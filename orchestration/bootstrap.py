"""Build the network: ``manage.py bootstrap_snt``.

Orchestration across the layers: the network's own rows (``regiones.bootstrap``), then for
every region a site with its home page and listings (``cms``), a media collection, editing,
coordination and translation groups with their permissions, a moderation workflow, the
languages it offers, its plugins (``cms.plugins``), and finally the national shared media
collection (``media.collections``). Every step is keyed by a stable identifier so that
running it again changes nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.coreutils import get_content_languages
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.models import INDICES, TITULOS_INDICES, HomePage
from cms.permissions import COORDINATOR_ACTIONS, grant_region_permissions
from cms.plugins import bootstrap_plugins
from cms.traducciones.idiomas import asegurar_inicio_traducido
from media.collections import ensure_shared_collection
from regiones.bootstrap import ensure_entidades, ensure_red, ensure_region, load_config
from regiones.models import IdiomaRegion, OrganismoGarante, Region
from regiones.permisos_raiz import neutralizar_grupos_de_wagtail

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
COORDINATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + [
    "publish_page",
    "lock_page",
    "unlock_page",
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


@dataclass
class BootstrapResult:
    created: list

    def note(self, what):
        self.created.append(what)


def hostname_for(region_conf, base_domain, overrides):
    if region_conf["slug"] in overrides:
        return overrides[region_conf["slug"]]
    sub = region_conf.get("subdominio") or ""
    return f"{sub}.{base_domain}" if sub else base_domain


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def bootstrap(config=None, base_domain=None, port=None, hostnames=None, log=lambda msg: None):
    config = config or load_config()
    base_domain = base_domain or settings.SNT_BASE_DOMAIN
    port = port or settings.SNT_SITE_PORT
    hostnames = hostnames or {}
    result = BootstrapResult(created=[])

    red = ensure_red(config, result.note)
    _remove_stock_welcome_page(result)
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    access_admin = _permission("wagtailadmin", "access_admin")
    _ensure_locales(result)

    for orden, region_conf in enumerate(config["regiones"]):
        region = ensure_region(red, orden, region_conf, result.note)
        home = _ensure_home(region, region_conf, root_page, result)
        _ensure_site(region, region_conf, home, base_domain, port, hostnames, result)
        _ensure_collection(region, root_collection, result)
        _ensure_groups(region, region_conf, access_admin, result)
        _ensure_workflow(region, result)
        _ensure_indexes(home, result)
        _ensure_idiomas(region, result)
        _ensure_translated_homes(region, region_conf, access_admin, result)
        # The institutions are the network's catalogue: the national coordination keeps
        # maintaining every region's (plugin records it only reads).
        grant_region_permissions(region, [OrganismoGarante], national_actions=COORDINATOR_ACTIONS)
        bootstrap_plugins(region)
        log(f"{region.nombre}: {region.site.hostname} ({region.site.site_name})")

    ensure_entidades(result.note)
    _ensure_shared_collection(result)
    # Wagtail's stock groups hold permissions at the root, across every region.
    neutralizar_grupos_de_wagtail(result.note)
    return result


def _ensure_shared_collection(result):
    """Every regional group chooses from the shared collection; the national coordination
    also adds and changes its items."""
    choosing, managing = [], []
    for region in Region.objects.select_related("grupo_edicion", "grupo_coordinacion"):
        choosing += [g for g in (region.grupo_edicion, region.grupo_coordinacion) if g]
        if region.es_nacional and region.grupo_coordinacion is not None:
            managing.append(region.grupo_coordinacion)
    _, changes = ensure_shared_collection(choosing, managing)
    for change in changes:
        result.note(change)


def _remove_stock_welcome_page(result):
    """Wagtail's migration leaves a 'Welcome' page and a default site: not ours."""
    stock = Page.objects.filter(depth=2, content_type__app_label="wagtailcore", slug="home")
    for page in stock:
        if page.get_children_count() == 0:
            Site.objects.filter(root_page=page).delete()
            page.delete()
            result.note("página de bienvenida de Wagtail retirada")


def _ensure_home(region, region_conf, root_page, result):
    if region.site_id:
        return region.site.root_page.specific
    home = HomePage.objects.filter(depth=2, slug=region.slug).first()
    if home is None:
        home = HomePage(
            title=region_conf.get("titulo_sitio", region.nombre),
            slug=region.slug,
            introduccion=region_conf.get("descripcion", ""),
        )
        root_page.add_child(instance=home)
        home.save_revision().publish()
        result.note(f"inicio {home.title}")
    return home


def _ensure_site(region, region_conf, home, base_domain, port, hostnames, result):
    hostname = hostname_for(region_conf, base_domain, hostnames)
    site = region.site or Site.objects.filter(root_page=home).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            site_name=region_conf.get("titulo_sitio", region.nombre),
            is_default_site=False,
        )
        result.note(f"sitio {hostname}")
    elif site.hostname != hostname or site.port != port:
        site.hostname, site.port = hostname, port
        site.save()
        result.note(f"sitio {hostname} actualizado")
    if region.site_id != site.pk:
        region.site = site
        region.save(update_fields=["site"])


def _ensure_collection(region, root_collection, result):
    if region.coleccion_id:
        return
    name = region.nombre
    collection = root_collection.get_children().filter(name=name).first()
    if collection is None:
        collection = root_collection.add_child(name=name)
        result.note(f"colección {name}")
    region.coleccion = collection
    region.save(update_fields=["coleccion"])


def _ensure_group(name, access_admin, home, collection, page_permissions, result):
    group, created = Group.objects.get_or_create(name=name)
    if created:
        result.note(f"grupo {name}")
    group.permissions.add(access_admin)
    for codename in page_permissions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=_permission("wagtailcore", codename)
        )
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )
    return group


def _ensure_groups(region, region_conf, access_admin, result):
    home = region.site.root_page
    collection = region.coleccion
    coordination_name = region_conf.get("grupo_coordinacion", f"{region.nombre} · Coordinación")
    coordination = _ensure_group(
        coordination_name, access_admin, home, collection, COORDINATOR_PAGE_PERMISSIONS, result
    )
    if region.es_nacional:
        coordination.permissions.add(_permission("regiones", "consultar_red"))
    # Each coordination keeps its own site's social accounts (a site setting), no other's.
    GroupSitePermission.objects.get_or_create(
        group=coordination,
        site=region.site,
        permission=_permission("cms", "change_redessocialessettings"),
    )
    editing_name = region_conf.get("grupo_edicion", f"{region.nombre} · Edición")
    editing = None
    if editing_name:
        editing = _ensure_group(
            editing_name, access_admin, home, collection, EDITOR_PAGE_PERMISSIONS, result
        )
    if region.grupo_coordinacion_id != coordination.pk or region.grupo_edicion_id != (
        editing.pk if editing else None
    ):
        region.grupo_coordinacion = coordination
        region.grupo_edicion = editing
        region.save(update_fields=["grupo_coordinacion", "grupo_edicion"])


def _ensure_workflow(region, result):
    """Editors submit; the region's coordination approves and publishes."""
    name = f"Moderación · {region.nombre}"
    workflow, created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if created:
        task = GroupApprovalTask.objects.create(name=f"Aprobación · {region.nombre}")
        task.groups.set([region.grupo_coordinacion])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        result.note(f"flujo {name}")
    WorkflowPage.objects.get_or_create(page=region.site.root_page, defaults={"workflow": workflow})


def _ensure_indexes(home, result):
    """The six listings under every site's home: noticias, eventos, convocatorias, historias,
    recursos, campanas. A child with the slug already there (of any type) is left alone."""
    for slug, model in INDICES.items():
        if home.get_children().filter(slug=slug).exists():
            continue
        index = model(title=str(TITULOS_INDICES[slug]), slug=slug)
        home.add_child(instance=index)
        index.save_revision().publish()
        result.note(f"índice {home.slug}/{slug}")


def _ensure_locales(result):
    """A wagtail Locale for every content language in the settings."""
    for code in get_content_languages():
        _, created = Locale.objects.get_or_create(language_code=code)
        if created:
            result.note(f"idioma {code}")


def idiomas_configurados(region):
    """The language codes settings.SNT_IDIOMAS_REGIONES gives a region ("*" = all regions)."""
    conf = getattr(settings, "SNT_IDIOMAS_REGIONES", {})
    codes = list(conf.get("*", [])) + list(conf.get(region.slug, []))
    return list(dict.fromkeys(codes))


def _ensure_idiomas(region, result):
    """Seed the languages a region's site offers; rows already there (even switched off by an
    administrator) are left alone."""
    default = Locale.get_default()
    for code in idiomas_configurados(region):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or locale.pk == default.pk:
            continue
        _, created = IdiomaRegion.objects.get_or_create(region=region, locale=locale)
        if created:
            result.note(f"idioma {code} en {region.nombre}")


TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def _ensure_translated_homes(region, region_conf, access_admin, result):
    """Each offered language gets a translation of the region's home (a draft until the
    region translates and publishes it). Translations live under that home, a sibling of the
    Spanish one under the tree root, so the Spanish home's page permissions do not reach them.

    They are granted to the region's translation group ("<Región> · Traducción": add and
    change, no publish; the region's workflow, attached to every translated home, has its
    coordination approve). The region's editing and coordination groups reach the translated
    trees through a derived page permission policy (cms/traducciones/permisos.py), not stored
    rows: stored rows would make the tree root their explorable root.
    """
    submit = _permission("wagtail_localize", "submit_translation")
    name = region_conf.get("grupo_traduccion", f"{region.nombre} · Traducción")
    group, created = Group.objects.get_or_create(name=name)
    if created:
        result.note(f"grupo {name}")
    group.permissions.add(access_admin, submit)
    for other in (region.grupo_edicion, region.grupo_coordinacion):
        if other:
            other.permissions.add(submit)
    for app_label, codename in COLLECTION_PERMISSIONS:
        if codename.startswith("choose_"):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=region.coleccion,
                permission=_permission(app_label, codename),
            )
    if region.grupo_traduccion_id != group.pk:
        region.grupo_traduccion = group
        region.save(update_fields=["grupo_traduccion"])
    workflow = WorkflowPage.objects.filter(page=region.site.root_page).first()
    for locale in region.locales().exclude(pk=Locale.get_default().pk):
        home, created = asegurar_inicio_traducido(region, locale)
        if created:
            result.note(f"inicio {region.slug} en {locale.language_code}")
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=_permission("wagtailcore", codename)
            )
        if workflow:
            WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow.workflow})
