"""Every admin URL, walked from the URL resolver, attacked by a regional person.

The crawler enumerates every URL pattern under ``/admin/`` (Wagtail's, wagtail-localize's, the
plugins' and ours; a pattern added by an upgrade or a new plugin is walked without touching this
file), fills each path converter with an object of ANOTHER region (a private page with an
unpublished revision in moderation, a draft, media, records of every region-scoped model,
workflow states, translations, the region's people...) whose title carries that region's secret
marker, and requests it with GET and with an empty POST, adding ``?q=`` (the markers' common
prefix) and ``?id=`` (the other region's object) to every request. An editor and a coordinator
of Norte must get a refusal or a page without any other region's marker, never a 5xx, and the
other regions' content must be intact afterwards.

One object per converter per target region is sampled; routes whose path does not name an
object are requested once (with every target region's ids); routes whose path names a model
are requested with one model of each kind (pages, images, documents, people, region-scoped
records, settings), the record model taken in turn. Every registered admin route is walked,
or listed below with the reason it is not: a new route cannot escape the crawl unnoticed.
"""

import io
import itertools
import zipfile
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Page,
    Revision,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
)

from cms.models import PaginaBasica
from regiones.models import EntidadFederativa, Region
from tests.conftest import REGION_SLUGS

from .secretos import PREFIJO, intactos, marca, objeto_de, sembrar

OWN = "norte"
TARGETS = [slug for slug in REGION_SLUGS if slug != OWN]

# URL names the crawl does not request, each for a reason that has nothing to do with regions.
NO_RASTREAR_POST = {
    # Wagtail's link chooser form crashes (500) on a POST without its "url" field, which its
    # own modal always sends; nothing of any region is involved (a Wagtail bug).
    "wagtailadmin_choose_page_external_link",
}

NO_RASTREAR = {
    # Ends the session the crawl runs in (every later answer would be a login redirect).
    "wagtailadmin_logout",
    # Wagtail's deliberate error page ("failwhale"), a 500 by design.
    "wagtailadmin_error_test",
    # Its uidb64/token address a person's password reset, not content of any region.
    "wagtailadmin_password_reset_confirm",
}

#: The model of the ``pk`` of views that declare none (Wagtail's admin API and workflow
#: views, the plugins' own admin views), by URL name; a plugin's absent model is skipped.
MODELOS_DE_RUTA = {
    "wagtailadmin_api:pages:detail": "wagtailcore.Page",
    "wagtailadmin_api:pages:action": "wagtailcore.Page",
    "wagtailadmin_api:documents:detail": "wagtaildocs.Document",
    "wagtailadmin_api:images:detail": "wagtailimages.Image",
    "wagtailadmin_pages:revisions_compare": "wagtailcore.Page",
    "wagtailadmin_workflows:enable": "wagtailcore.Workflow",
    "wagtailadmin_workflows:edit_task": "wagtailcore.Task",
    "wagtailadmin_workflows:enable_task": "wagtailcore.Task",
    "wagtaildocs_chooser:chosen": "wagtaildocs.Document",
    "diagnostico_transicion": "diagnostico.Edicion",
    "diagnostico_nueva_version": "diagnostico.Cuestionario",
    "diagnostico_responder": "diagnostico.Respuesta",
    "diagnostico_resultados": "diagnostico.Edicion",
    "diagnostico_respuestas_xlsx": "diagnostico.Edicion",
    "diagnostico_agregados_xlsx": "diagnostico.Edicion",
    "diagnostico_crear_evento": "diagnostico.Edicion",
    "medios_campana": "cms.Campana",
}

#: Routes the crawl has no object to fill with: listed by name, so that every other
#: registered admin route must be requested (one added by an upgrade or a plugin fails the
#: crawl until it is walked or listed here). Every model an admin route names gets an object
#: (``sembrar`` and ``secretos.objeto_de``), so none is listed today.
SIN_OBJETO = set()

#: Values for converters that name no object: (candidates).
LITERALES = {
    "action_name": ("approve", "reject", "copy", "delete"),
    "filter_spec": ("original",),
    "mode": ("desktop",),
    # A plugin's label (the national switch of a plugin per region).
    "label": ("testdummy",),
}


@dataclass(frozen=True)
class Ruta:
    name: str
    kwargs: tuple
    model: type | None


def _view_model(callback, name):
    from django.apps import apps

    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(getattr(callback, "view_class", None), "model", None)
    if not isinstance(model, type) and name in MODELOS_DE_RUTA:
        try:
            model = apps.get_model(MODELOS_DE_RUTA[name])
        except LookupError:  # a removed plugin's
            model = None
    return model if isinstance(model, type) else None


def rutas_admin():
    """Every named URL pattern under /admin/, with the names of its path arguments."""

    def walk(patterns, prefix, namespaces, kwargs):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            names = kwargs | set(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                ns = namespaces + ([pattern.namespace] if pattern.namespace else [])
                yield from walk(pattern.url_patterns, route, ns, names)
            elif route.startswith("admin/"):
                # Unnamed patterns (Wagtail's test404 and the catch-all 404) cannot be reversed
                # and serve nothing of any region.
                if pattern.name:
                    name = ":".join(namespaces + [pattern.name])
                    yield Ruta(name, tuple(sorted(names)), _view_model(pattern.callback, name))

    return list(dict.fromkeys(walk(get_resolver().url_patterns, "", [], set())))


class Objetivos:
    """What each converter is filled with, per target region."""

    def __init__(self, secrets):
        self.secrets = secrets  # {slug: sembrar(...)}

    def by_model(self, slug):
        s = self.secrets[slug]
        region = s["region"]
        objects = {
            Page: s["page"],
            PaginaBasica: s["page"],
            get_image_model(): s["image"],
            get_document_model(): s["document"],
            Collection: s["collection"],
            Site: s["site"],
            Region: region,
            Revision: s["revision"],
            WorkflowState: s["workflow_state"],
            TaskState: s["task_state"],
            Task: s["task"],
            type(s["task"]): s["task"],
            Workflow: s["workflow"],
            type(s["translation"]): s["translation"],
            type(s["translation_source"]): s["translation_source"],
            get_user_model(): s["autor"],
            type(region.grupo_coordinacion): region.grupo_coordinacion,
            EntidadFederativa: EntidadFederativa.objects.filter(region=region).first(),
            type(s["session"]): s["session"],
            type(s["uploaded_file"]): s["uploaded_file"],
            type(s["redirect"]): s["redirect"],
        }
        objects.update(s["records"])
        objects.update(s.get("otros", {}))
        for setting in settings_registry:
            objects[setting] = s["site"]
        return {model: obj for model, obj in objects.items() if obj is not None}

    def kinds(self):
        """Models to put in URLs that name a model (bulk actions, the snippet API, settings,
        tags, editing sessions, page types), grouped by kind: content models only, not the
        workflow and translation machinery, which no such URL takes. The models of one kind
        go through the same generic views and the same permission policy."""
        s = self.secrets[TARGETS[0]]
        return [
            [Page, PaginaBasica],
            [get_image_model()],
            [get_document_model()],
            [get_user_model()],
            list(s["records"]),
            list(settings_registry),
        ]

    def models(self, turno):
        """One model of each kind, taken in turn (``turno``) so that every region-scoped
        record model is put in the model-naming URLs across the routes and the two roles."""
        return [kind[turno % len(kind)] for kind in self.kinds() if kind]

    def value(self, slug, kwarg, model):
        s = self.secrets[slug]
        objects = self.by_model(slug)
        direct = {
            # The draft (never published, not in moderation: Wagtail's workflow views speak
            # of it); the private live page as a parent (its child is the draft).
            "page_id": s["draft"],
            "parent_page_id": s["page"],
            "page_to_move_id": s["draft"],
            "destination_id": s["page"],
            "page_pk": s["page"],
            "image_id": s["image"],
            "document_id": s["document"],
            "doc_id": s["document"],
            "revision_id": s["draft_revision"],
            "revision_id_a": s["revision"],
            "revision_id_b": s["revision"],
            "task_state_id": s["task_state"],
            "workflow_state_id": s["workflow_state"],
            "task_id": s["task"],
            "workflow_pk": s["workflow"],
            "collection_id": s["collection"],
            "translation_id": s["translation"],
            "translation_source_id": s["translation_source"],
            "string_segment_id": s["string_segment"],
            "overridable_segment_id": s["string_segment"],
            "session_id": s["session"],
            "uploaded_file_id": s["uploaded_file"],
            "redirect_id": s["redirect"],
            "query_id": s["query"],
            "region_id": s["region"],
        }
        if kwarg in direct:
            return direct[kwarg].pk
        if kwarg in ("pk", "object_id"):
            obj = objects.get(model) if model else None
            if obj is None and model is not None:
                obj = next((o for m, o in objects.items() if issubclass(m, model)), None)
            return obj.pk if obj is not None else None
        raise AssertionError(
            f"No sé con qué rellenar «{kwarg}»: añádalo a Objetivos.value (un objeto de la "
            "región atacada) o a LITERALES, o la ruta a NO_RASTREAR con su motivo."
        )


MODEL_KWARGS = {
    ("app_label", "model_name"),
    ("app_name", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
}


def _model_pairs(ruta):
    for app, name in MODEL_KWARGS:
        if app in ruta.kwargs and name in ruta.kwargs:
            return app, name
    return None


def peticiones(ruta, objetivos, turno):
    """(url, model, target slugs) for every way of filling the route. A path naming objects is
    filled from one target region, taken in turn (``turno``) so that every region is attacked
    through every kind of URL across the routes and the two roles."""
    pair = _model_pairs(ruta)
    models = objetivos.models(turno) if pair else [ruta.model]
    for n, model in enumerate(models):
        base = {}
        if pair:
            base[pair[0]] = model._meta.app_label
            base[pair[1]] = model._meta.model_name
        rest = [k for k in ruta.kwargs if k not in base]
        literal = [k for k in rest if k in LITERALES or k == "action"]
        objectual = [k for k in rest if k not in literal]
        literal_values = []
        for k in literal:
            if k == "action":
                actions = bulk_action_registry.get_bulk_actions_for_model(
                    model._meta.app_label, model._meta.model_name
                )
                literal_values.append([a.action_type for a in actions])
            else:
                literal_values.append(LITERALES[k])
        # The region in turn, or the next one that has an object of the kind (the national
        # site has no states, for instance): one target region per route and model.
        start = turno + n
        targets = [TARGETS[(start + k) % len(TARGETS)] for k in range(len(TARGETS))]
        for slug in targets if objectual else [None]:
            kwargs = dict(base)
            for k in objectual:
                value = objetivos.value(slug, k, model)
                if value is None:
                    break
                kwargs[k] = value
            else:
                for combo in itertools.product(*literal_values):
                    full = {**kwargs, **dict(zip(literal, combo, strict=True))}
                    try:
                        path = reverse(ruta.name, kwargs=full)
                    except NoReverseMatch:
                        continue
                    yield path, model, [slug] if slug else TARGETS
                break


def _query(model, slugs, objetivos):
    params = [("q", PREFIJO)]
    if model is not None:
        for slug in slugs:
            obj = objetivos.by_model(slug).get(model)
            if obj is not None:
                params.append(("id", obj.pk))
    return params


def _texto(response):
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if body[:4] == b"PK\x03\x04":  # spreadsheets and other zip containers
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    messages = getattr(response.wsgi_request, "_messages", None)
    queued = [str(m) for m in getattr(messages, "_queued_messages", [])]
    return " ".join(
        [body.decode("utf-8", "replace"), response.get("Location", ""), *queued]
    ).lower()


@pytest.fixture
def secretos(regions):
    User = get_user_model()
    planted = {}
    # The person's own region first: "latest edited" columns then show another region's.
    for slug in [OWN, *TARGETS]:
        region = regions[slug]
        m = marca(slug)
        autor = User.objects.create_user(
            username=f"{m}-persona", first_name=m, last_name="Persona", email=f"{m}@example.org"
        )
        autor.groups.add(region.grupo_coordinacion)
        planted[slug] = sembrar(region, autor)
        planted[slug]["region"] = region
        planted[slug]["autor"] = autor
    return planted


@pytest.fixture
def extras(secretos):
    """Objects the admin addresses by id that belong to a person or a site of the region."""
    from wagtail.admin.models import EditingSession
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import UploadedFile

    query = Query.get("consulta de prueba")
    for slug, s in secretos.items():
        m = marca(slug)
        s["session"] = EditingSession.objects.create(
            user=s["autor"],
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(s["page"].pk),
            last_seen_at=timezone.now(),
            is_editing=True,
        )
        from django.core.files.uploadedfile import SimpleUploadedFile

        s["uploaded_file"] = UploadedFile.objects.create(
            uploaded_by_user=s["autor"],
            for_content_type=ContentType.objects.get_for_model(get_image_model()),
            file=SimpleUploadedFile(f"{m}.txt", m.encode()),
        )
        s["redirect"] = Redirect.objects.create(
            old_path=f"/{m}-antes", site=s["site"], redirect_page=s["page"]
        )
        SearchPromotion.objects.create(query=query, page=s["page"], sort_order=0)
        s["query"] = query
    # An object of every other model an admin URL names (network-wide records, a region's
    # proposals and languages, a draft campaign, the plugins' own): so no route is left
    # without one to attack.
    objetivos = Objetivos(secretos)
    nombrados = {r.model for r in rutas_admin() if {"pk", "object_id"} & set(r.kwargs)} - {None}
    # Models some region already has an object of (the national region has no states: the
    # crawl takes another region's).
    conocidos = {m for slug in TARGETS for m in objetivos.by_model(slug)}
    for slug in TARGETS:
        s = secretos[slug]
        s["otros"] = {}
        # Their foreign keys point to the region's own objects (its page, its person...).
        creados = objetivos.by_model(slug)
        for model in nombrados:
            if not any(issubclass(m, model) for m in conocidos | set(creados)):
                if (obj := objeto_de(model, s["region"], creados)) is not None:
                    s["otros"][model] = creados[model] = obj
    return secretos


def crawl(client, objetivos, offset):
    markers = {slug: marca(slug) for slug in TARGETS}
    leaks, errors, own_seen = [], [], 0
    requests = 0
    crawled = set()
    routes = [r for r in rutas_admin() if r.name not in NO_RASTREAR]
    for turno, ruta in enumerate(routes, start=offset):
        for path, model, slugs in peticiones(ruta, objetivos, turno):
            crawled.add(ruta.name)
            variants = [_query(model, slugs, objetivos)]
            if _model_pairs(ruta) and "action" in ruta.kwargs:
                variants.append([("id", "all")])
            methods = ("get",) if ruta.name in NO_RASTREAR_POST else ("get", "post")
            for params, method in itertools.product(variants, methods):
                url = path + "?" + "&".join(f"{k}={v}" for k, v in params)
                response = getattr(client, method)(url)
                requests += 1
                if response.status_code == 400:
                    # An API refusing unknown parameters: the bare path, then.
                    response = getattr(client, method)(path)
                    requests += 1
                client.cookies.pop("messages", None)
                if response.status_code >= 500:
                    errors.append(f"{method.upper()} {url} → {response.status_code}")
                    continue
                text = _texto(response)
                found = [slug for slug, m in markers.items() if m in text]
                if found:
                    leaks.append(
                        f"{method.upper()} {url} ({ruta.name}) → {response.status_code}: {found}"
                    )
                own_seen += marca(OWN) in text
    return crawled, requests, leaks, errors, own_seen


def test_no_admin_url_shows_another_regions_content(editor_of, extras):
    """An editor, then a coordinator of Norte (one planting of secrets for both)."""
    problems = []
    for role, offset in [("edicion", 0), ("coordinacion", 2)]:
        client = Client(raise_request_exception=False)
        client.force_login(editor_of(OWN, role))
        crawled, requests, leaks, errors, own_seen = crawl(client, Objetivos(extras), offset)
        print(f"\n{role}: {len(crawled)} rutas, {requests} peticiones")
        # The crawl really reaches the admin: the region's own secrets show where they belong.
        assert own_seen > 10, f"{role}: el rastreo no vio ni el contenido propio"
        # Every registered admin route was requested, or is listed with its reason.
        registered = {r.name for r in rutas_admin()}
        assert registered - crawled - NO_RASTREAR - SIN_OBJETO == set(), role
        assert crawled & SIN_OBJETO == set(), f"{role}: ya se rastrean, quítelas de SIN_OBJETO"
        assert len(crawled) > 300
        problems += [f"{role}: {leak}" for leak in leaks]
        problems += [f"{role}: 5xx {error}" for error in errors]
    assert not problems, f"{len(problems)} problemas:\n" + "\n".join(problems)
    for slug in TARGETS:
        assert not intactos(extras[slug]), (slug, intactos(extras[slug]))
