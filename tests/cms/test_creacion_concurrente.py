"""Two creations of one new page at the same moment (Wagtail's autosave and the editor's
«Enviar a moderación») make one page and an ordinary form error: never a 500 and never a
second page at the same address (cms/creacion.py).

The two requests run in two threads, each with its own database connection, as two server
processes would; both are held after validating their form until the other has validated
too, or for a few seconds when the other cannot get there (waiting for the parent's lock).
What they write is committed, so the test removes it at the end."""

import html
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.test.utils.form_data import nested_form_data, streamfield

GUARD = "cms.creacion.CreacionDePaginasMiddleware"
#: Seconds a validated creation waits for the other one to validate too.
WAIT = 3


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


def _create_user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(name, password="clave-de-prueba").pk


def _remove(user_id, slug, sessions):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from wagtail.models import Page

    for page in Page.objects.filter(slug=slug):
        page.delete()
    Session.objects.filter(session_key__in=sessions).delete()
    get_user_model().objects.filter(pk=user_id).delete()
    return (
        Page.objects.filter(slug=slug).count() + get_user_model().objects.filter(pk=user_id).count()
    )


def _pages(slug):
    from cms.models import PaginaBasica

    return list(PaginaBasica.objects.filter(slug=slug).values_list("pk", flat=True))


def _race(monkeypatch, user_id, parent_id, slug, sessions):
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
    data = {
        "title": "Calendario de sesiones abiertas",
        "slug": slug,
        "introduccion": "Las sesiones del pleno, abiertas al público.",
        **nested_form_data({"cuerpo": streamfield([])}),
    }
    answers = [None, None]

    def post(i):
        from django.contrib.auth import get_user_model

        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(pk=user_id))
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
        user_id = _in_own_connection(_create_user, f"carrera-{slug}")
        parent_id = _in_own_connection(lambda: Region.objects.get(slug="norte").site.root_page_id)
        try:
            yield user_id, parent_id, slug, sessions
        finally:
            assert _in_own_connection(_remove, user_id, slug, sessions) == 0


def test_two_creations_of_one_page_at_once_make_one_page_and_a_form_error(
    committed, monkeypatch, django_db_blocker
):
    user_id, parent_id, slug, sessions = committed
    with django_db_blocker.unblock():
        answers = _race(monkeypatch, user_id, parent_id, slug, sessions)
        pages = _in_own_connection(_pages, slug)
    statuses = sorted(status for status, _body in answers)
    assert statuses == [200, 302], [(s, b[:300]) for s, b in answers]
    refused = next(body for status, body in answers if status == 200)
    text = html.unescape(refused)
    assert f"El slug '{slug}' ya se usa" in text
    # Everything typed is still in the form.
    assert "Las sesiones del pleno, abiertas al público." in text
    assert len(pages) == 1


def test_without_the_guard_the_race_ends_in_a_server_error(
    committed, monkeypatch, django_db_blocker, settings
):
    """What the guard is for: the same two requests, without it."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != GUARD]
    user_id, parent_id, slug, sessions = committed
    with django_db_blocker.unblock():
        answers = _race(monkeypatch, user_id, parent_id, slug, sessions)
        pages = _in_own_connection(_pages, slug)
    statuses = sorted(status for status, _body in answers)
    assert 302 in statuses, statuses  # one of them created the page
    assert statuses[-1] == 500 or len(pages) > 1, statuses
