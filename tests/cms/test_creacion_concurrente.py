"""Two creations of one new page at the same moment make one page, never a 500 and never a
second page at the same address (cms/creacion.py): from one person (Wagtail's autosave and
the editor's «Enviar a moderación») the second saves what was typed on the page the first
created; from two people, the second gets an ordinary form error with its text kept.

The two requests run in two threads, each with its own database connection, as two server
processes would; both are held after validating their form until the other has validated
too, or for a few seconds when the other cannot get there (waiting for the parent's lock).
What they write is committed, so the test removes it at the end."""

import html
import json
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.test.utils.form_data import nested_form_data, streamfield

GUARD = "cms.creacion.CreacionDePaginasMiddleware"
#: Seconds a validated creation waits for the other one to validate too.
WAIT = 3
INTRO = "Las sesiones del pleno, abiertas al público."
DATA = {
    "title": "Calendario de sesiones abiertas",
    "introduccion": INTRO,
    **nested_form_data({"cuerpo": streamfield([])}),
}


def _in_own_connection(fn, *args):
    """Run ``fn`` in a thread with its own database connection (committed data only)."""
    out = {}

    def run():
        try:
            out["value"] = fn(*args)
        except BaseException as error:  # reported in the test's thread
            out["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "a request did not finish"
    if "error" in out:
        raise out["error"]
    return out.get("value")


def _create_users(name):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return [User.objects.create_superuser(f"{name}-{i}", password="clave").pk for i in (0, 1)]


def _remove(user_ids, slug, sessions):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from wagtail.models import Page

    for page in Page.objects.filter(slug=slug):
        page.delete()
    Session.objects.filter(session_key__in=sessions).delete()
    users = get_user_model().objects.filter(pk__in=user_ids)
    users.delete()
    return Page.objects.filter(slug=slug).count() + users.count()


def _pages(slug):
    """{page id: its revisions' introductions}."""
    from cms.models import PaginaBasica

    return {
        page.pk: [r.content.get("introduccion") for r in page.revisions.order_by("pk")]
        for page in PaginaBasica.objects.filter(slug=slug)
    }


def _race(monkeypatch, users, parent_id, slug, sessions):
    """Two simultaneous creations of the same page; their (status, body)."""
    barrier = threading.Barrier(2, timeout=WAIT)
    clean = WagtailAdminPageForm.clean

    def clean_then_wait(form):
        cleaned = clean(form)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return cleaned

    monkeypatch.setattr(WagtailAdminPageForm, "clean", clean_then_wait)
    url = reverse("wagtailadmin_pages:add", args=["cms", "paginabasica", parent_id])
    data = {**DATA, "slug": slug}
    answers = [None, None]

    def post(i):
        from django.contrib.auth import get_user_model

        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(pk=users[i]))
        sessions.append(client.session.session_key)
        response = client.post(url, data)
        answers[i] = (response.status_code, response.content.decode())

    threads = [threading.Thread(target=_in_own_connection, args=(post, i)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """A user and a parent page seen by every connection; what the test creates, removed."""
    from regiones.models import Region

    slug = f"sesiones-{uuid.uuid4().hex[:8]}"
    sessions = []
    with django_db_blocker.unblock():
        user_ids = _in_own_connection(_create_users, f"carrera-{slug}")
        parent_id = _in_own_connection(lambda: Region.objects.get(slug="norte").site.root_page_id)
        try:
            yield user_ids, parent_id, slug, sessions
        finally:
            assert _in_own_connection(_remove, user_ids, slug, sessions) == 0


def test_two_people_creating_one_page_at_once_make_one_page_and_a_form_error(
    committed, monkeypatch, django_db_blocker
):
    user_ids, parent_id, slug, sessions = committed
    with django_db_blocker.unblock():
        answers = _race(monkeypatch, user_ids, parent_id, slug, sessions)
        pages = _in_own_connection(_pages, slug)
    statuses = sorted(status for status, _body in answers)
    assert statuses == [200, 302], [(s, b[:300]) for s, b in answers]
    refused = next(body for status, body in answers if status == 200)
    text = html.unescape(refused)
    assert f"El slug '{slug}' ya se usa" in text
    # Everything typed is still in the form.
    assert INTRO in text
    assert len(pages) == 1


def test_an_autosave_and_a_submit_of_one_page_at_once_save_it_once(
    committed, monkeypatch, django_db_blocker
):
    """One person: the second creation is the same page, saved again with what was typed."""
    user_ids, parent_id, slug, sessions = committed
    same = [user_ids[0], user_ids[0]]
    with django_db_blocker.unblock():
        answers = _race(monkeypatch, same, parent_id, slug, sessions)
        pages = _in_own_connection(_pages, slug)
    assert [status for status, _body in answers] == [302, 302], answers
    assert len(pages) == 1
    assert list(pages.values()) == [[INTRO, INTRO]]


def test_a_submit_after_the_autosave_saved_goes_to_the_page_it_created(
    committed, django_db_blocker
):
    """The autosave saved and the form still points at the creation address: the submit
    saves the page the autosave created (a new revision) and sends it to moderation, never
    a second page and never a «slug in use» error. A page in moderation, or another
    person's, is never taken."""
    user_ids, parent_id, slug, sessions = committed
    url = reverse("wagtailadmin_pages:add", args=["cms", "paginabasica", parent_id])

    def post(user_id, intro, extra=None, autosave=False):
        from django.contrib.auth import get_user_model

        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(pk=user_id))
        sessions.append(client.session.session_key)
        data = {**DATA, "slug": slug, "introduccion": intro, **(extra or {})}
        # Wagtail's autosave asks for JSON.
        headers = {"Accept": "application/json"} if autosave else {}
        response = client.post(url, data, headers=headers)
        return response.status_code, html.unescape(response.content.decode())

    def created_ago(minutes):
        from django.utils import timezone
        from wagtail.models import Page, PageLogEntry

        when = timezone.now() - timedelta(minutes=minutes)
        page = Page.objects.get(slug=slug)
        PageLogEntry.objects.filter(page=page, action="wagtail.create").update(timestamp=when)

    def in_moderation():
        from wagtail.models import Page

        return Page.objects.get(slug=slug).workflow_in_progress

    def refused(answer, intro):
        status, body = answer
        return status == 200 and f"El slug '{slug}' ya se usa" in body and intro in body

    with django_db_blocker.unblock():
        status, body = _in_own_connection(post, user_ids[0], "Primera versión.", None, True)
        assert status == 200 and json.loads(body)["success"], body[:300]
        assert not _in_own_connection(in_moderation)
        # A draft created more than a minute ago is another page (another tab, the same
        # title): never taken.
        _in_own_connection(created_ago, 2)
        assert refused(_in_own_connection(post, user_ids[0], "Más tarde."), "Más tarde.")
        _in_own_connection(created_ago, 0)
        answer = _in_own_connection(post, user_ids[0], INTRO, {"action-submit": "1"})
        assert answer[0] == 302, answer[1][:300]
        assert list(_in_own_connection(_pages, slug).values()) == [["Primera versión.", INTRO]]
        assert _in_own_connection(in_moderation)
        # In moderation now: a creation with the same address is refused, its text kept.
        assert refused(_in_own_connection(post, user_ids[0], "Otra página."), "Otra página.")
        # Another person's page is never taken either.
        assert refused(_in_own_connection(post, user_ids[1], "De otra persona."), "De otra")
        assert list(_in_own_connection(_pages, slug).values()) == [["Primera versión.", INTRO]]


def test_without_the_guard_the_race_ends_in_a_server_error(
    committed, monkeypatch, django_db_blocker, settings
):
    """What the guard is for: the same two requests, without it."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != GUARD]
    user_ids, parent_id, slug, sessions = committed
    with django_db_blocker.unblock():
        answers = _race(monkeypatch, user_ids, parent_id, slug, sessions)
        pages = _in_own_connection(_pages, slug)
    statuses = sorted(status for status, _body in answers)
    assert 302 in statuses, statuses  # one of them created the page
    assert statuses[-1] == 500 or len(pages) > 1, statuses


def test_another_regions_editor_never_reaches_a_fresh_draft_through_the_creation_address(
    client, editor_of
):
    """The reroute to a fresh draft is no door into another region: another region's editor
    posting to the creation address under this region's page is refused (403) before it,
    and another editor of the same region gets the slug error; the draft keeps its one
    revision."""
    from regiones.models import Region

    parent = Region.objects.get(slug="norte").site.root_page
    url = reverse("wagtailadmin_pages:add", args=["cms", "paginabasica", parent.pk])
    slug = f"borrador-{uuid.uuid4().hex[:8]}"
    autor = editor_of("norte")
    client.force_login(autor)
    data = {**DATA, "slug": slug}
    response = client.post(url, data, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.json()["success"], response.content[:300]
    page = parent.get_children().get(slug=slug)

    client.force_login(editor_of("centro"))
    other = {**data, "introduccion": "Desde otra región.", "action-submit": "1"}
    assert client.post(url, other).status_code == 403
    client.force_login(editor_of("norte"))
    response = client.post(url, {**other, "introduccion": "Otra persona."})
    assert response.status_code == 200
    assert f"El slug '{slug}' ya se usa" in html.unescape(response.content.decode())
    assert page.revisions.count() == 1
    assert not page.specific_deferred.workflow_in_progress
    # The author, a regional editor (no superuser), submitting from the same form: the
    # submit saves the draft the autosave made, never a second page.
    client.force_login(autor)
    response = client.post(url, {**data, "introduccion": INTRO, "action-submit": "1"})
    assert response.status_code == 302, response.content[:300]
    assert parent.get_children().filter(slug=slug).count() == 1
    assert [r.content["introduccion"] for r in page.revisions.order_by("pk")] == [INTRO, INTRO]


def test_what_the_edit_raises_goes_through_the_middlewares_as_any_views_error(
    client, editor_of, monkeypatch
):
    """The reroute runs inside the creation view (Wagtail's before_create_page hook), so
    an error of the edit view it calls reaches the middlewares' exception handling as any
    view's does: here the plugin gate's answer to a page whose type is gone (a message
    on the admin's home page), not a server error."""
    from wagtail.admin.views.pages.edit import EditView
    from wagtail.exceptions import PageClassNotFoundError

    from regiones.models import Region

    parent = Region.objects.get(slug="norte").site.root_page
    url = reverse("wagtailadmin_pages:add", args=["cms", "paginabasica", parent.pk])
    data = {**DATA, "slug": f"borrador-{uuid.uuid4().hex[:8]}"}
    client.force_login(editor_of("norte"))
    response = client.post(url, data, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.json()["success"], response.content[:300]

    def gone(self, request, *args, **kwargs):
        raise PageClassNotFoundError("tipo de página retirado")

    monkeypatch.setattr(EditView, "dispatch", gone)
    client.raise_request_exception = False
    response = client.post(url, {**data, "action-submit": "1"})
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")
    assert "ya no está instalado" in html.unescape(
        client.get(response["Location"]).content.decode()
    )
