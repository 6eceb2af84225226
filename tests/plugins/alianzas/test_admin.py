"""Admin of the alliance tracker: region scoping per role, state changes, dashboard
panels, the national view and the organization import."""

import pytest
from django.urls import reverse

from plugins.alianzas.admin_views import (
    PanelCompromisosVencidos,
    PanelConveniosPorEstado,
    PanelOportunidades,
    PanelPorTerminar,
)
from plugins.alianzas.models import Compromiso, Convenio, HistorialConvenio, Organizacion
from tests.plugins.convenios import formsets_vacios, hoy_mas, importar

LIST = "wagtailsnippets_alianzas_convenio:list"
EDIT = "wagtailsnippets_alianzas_convenio:edit"
ADD = "wagtailsnippets_alianzas_convenio:add"
CHOOSE = "wagtailsnippetchoosers_alianzas_convenio:choose"
VINCULOS = "wagtailsnippets_alianzas_vinculo:list"


def _export(client):
    response = client.get(reverse(LIST), {"export": "csv"})
    assert response.status_code == 200
    return b"".join(response.streaming_content if response.streaming else [response.content])


@pytest.fixture
def dos(crear_convenio):
    return {
        "norte": crear_convenio("norte", "vigente", titulo="Convenio del norte"),
        "sureste": crear_convenio("sureste", "vigente", titulo="Convenio del sureste"),
    }


@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_norte_sees_and_edits_only_norte(client, editor_of, dos, role):
    client.force_login(editor_of("norte", role))
    body = client.get(reverse(LIST)).content.decode()
    assert "Convenio del norte" in body and "Convenio del sureste" not in body
    exported = _export(client)
    assert b"Convenio del norte" in exported
    assert b"Convenio del sureste" not in exported
    assert client.get(reverse(EDIT, args=[dos["norte"].pk])).status_code == 200
    assert client.get(reverse(EDIT, args=[dos["sureste"].pk])).status_code in (302, 403)
    chooser = client.get(reverse(CHOOSE)).content.decode()
    assert "Convenio del norte" in chooser and "Convenio del sureste" not in chooser


def test_national_coordination_sees_every_region(client, editor_of, dos):
    client.force_login(editor_of("nacional", "coordinacion"))
    body = client.get(reverse(LIST)).content.decode()
    assert "Convenio del norte" in body and "Convenio del sureste" in body
    exported = _export(client)
    assert b"Convenio del sureste" in exported
    # Coordinating is reading: another region's record is not the national coordination's to edit.
    assert client.get(reverse(EDIT, args=[dos["sureste"].pk])).status_code in (302, 403, 404)
    chooser = client.get(reverse(CHOOSE)).content.decode()
    assert "Convenio del norte" in chooser and "Convenio del sureste" in chooser


def test_vinculos_are_scoped_through_their_institution(client, editor_of, organizacion, vinculo):
    vinculo("istai-sonora", organizacion("Observatorio del Norte"))
    vinculo("cotaipec-campeche", organizacion("Observatorio del Sureste"))
    client.force_login(editor_of("norte", "edicion"))
    body = client.get(reverse(VINCULOS)).content.decode()
    assert "Observatorio del Norte" in body and "Observatorio del Sureste" not in body
    exported = client.get(reverse(VINCULOS), {"export": "csv"})
    exported = b"".join(exported.streaming_content if exported.streaming else [exported.content])
    assert b"Observatorio del Norte" in exported and b"Observatorio del Sureste" not in exported


def _alta(regions, organismo, titulo, estado, region="norte", **extra):
    return {
        "titulo": titulo,
        "objeto": "Capacitar a personas servidoras públicas.",
        "tipo": "capacitacion",
        "region": regions[region].pk,
        "estado": estado,
        "organismos": [organismo("istai-sonora").pk, organismo("ceaip-sinaloa").pk],
        **formsets_vacios("compromisos", "documentos"),
        **extra,
    }


def test_editor_creates_only_internal_states_and_history_starts(
    client, editor_of, regions, organismo
):
    editor = editor_of("norte", "edicion")
    client.force_login(editor)
    form = client.get(reverse(ADD)).context["form"]
    assert [v for v, _ in form.fields["estado"].choices] == ["identificado", "en_negociacion"]
    client.post(
        reverse(ADD),
        _alta(
            regions,
            organismo,
            "Vigente sin permiso",
            "vigente",
            fecha_firma=hoy_mas(-5).isoformat(),
        ),
    )
    assert not Convenio.objects.filter(titulo="Vigente sin permiso").exists()
    client.post(reverse(ADD), _alta(regions, organismo, "En negociación", "en_negociacion"))
    convenio = Convenio.objects.get(titulo="En negociación")
    alta = convenio.historial.get()
    assert alta.estado_anterior == "" and alta.estado_nuevo == "en_negociacion"
    assert alta.usuario == editor


def test_creation_needs_two_parties_and_own_region(client, editor_of, regions, organismo):
    client.force_login(editor_of("norte", "coordinacion"))
    datos = _alta(regions, organismo, "Una sola parte", "identificado")
    datos["organismos"] = [organismo("istai-sonora").pk]
    response = client.post(reverse(ADD), datos)
    assert "al menos dos partes" in response.content.decode()
    client.post(reverse(ADD), _alta(regions, organismo, "Ajeno", "identificado", region="sureste"))
    assert not Convenio.objects.filter(titulo__in=["Una sola parte", "Ajeno"]).exists()
    client.post(
        reverse(ADD),
        _alta(
            regions,
            organismo,
            "Firmado por coordinación",
            "vigente",
            fecha_firma=hoy_mas(-5).isoformat(),
            vigencia_inicio=hoy_mas(-5).isoformat(),
        ),
    )
    assert Convenio.objects.get(titulo="Firmado por coordinación").estado == "vigente"


def test_editing_cannot_change_the_state(client, editor_of, crear_convenio, regions, organismo):
    convenio = crear_convenio("norte", "identificado", titulo="Sin cambio")
    client.force_login(editor_of("norte", "coordinacion"))
    datos = _alta(regions, organismo, "Sin cambio editado", "vigente")
    client.post(reverse(EDIT, args=[convenio.pk]), datos)
    convenio.refresh_from_db()
    assert convenio.estado == "identificado"


def _transicion(convenio):
    return reverse("alianzas_transicion", args=[convenio.pk])


def test_transition_form_offers_only_allowed_states_by_role(client, editor_of, crear_convenio):
    convenio = crear_convenio("norte", "en_negociacion")
    client.force_login(editor_of("norte", "edicion"))
    opciones = [
        v
        for v, _ in client.get(_transicion(convenio)).context["form"].fields["nuevo_estado"].choices
    ]
    assert opciones == ["identificado"]
    response = client.post(
        _transicion(convenio),
        {"nuevo_estado": "firmado", "comentario": "x", "fecha_firma": hoy_mas(0).isoformat()},
    )
    assert response.status_code in (200, 403)
    convenio.refresh_from_db()
    assert convenio.estado == "en_negociacion"
    client.force_login(editor_of("norte", "coordinacion"))
    opciones = [
        v
        for v, _ in client.get(_transicion(convenio)).context["form"].fields["nuevo_estado"].choices
    ]
    assert opciones == ["firmado", "cancelado", "identificado"]


def test_coordinator_signs_with_comment_and_history(client, editor_of, crear_convenio):
    convenio = crear_convenio("norte", "en_negociacion")
    coordinadora = editor_of("norte", "coordinacion")
    client.force_login(coordinadora)
    sin_fecha = client.post(
        _transicion(convenio), {"nuevo_estado": "firmado", "comentario": "Firma"}
    )
    assert "fecha de firma" in sin_fecha.content.decode()
    response = client.post(
        _transicion(convenio),
        {
            "nuevo_estado": "firmado",
            "comentario": "Firma en sesión",
            "fecha_firma": hoy_mas(-1).isoformat(),
        },
    )
    assert response.status_code == 302
    convenio.refresh_from_db()
    assert convenio.estado == "firmado"
    entrada = HistorialConvenio.objects.get(registro=convenio)
    assert (entrada.usuario, entrada.comentario) == (coordinadora, "Firma en sesión")
    assert "Firma en sesión" in client.get(_transicion(convenio)).content.decode()


def test_no_transition_on_another_region(client, editor_of, crear_convenio):
    convenio = crear_convenio("sureste", "identificado")
    client.force_login(editor_of("norte", "coordinacion"))
    assert client.get(_transicion(convenio)).status_code in (302, 403)
    client.post(_transicion(convenio), {"nuevo_estado": "en_negociacion", "comentario": "x"})
    convenio.refresh_from_db()
    assert convenio.estado == "identificado"


# --- Dashboard --------------------------------------------------------------------------


@pytest.fixture
def tablero(por_estado, crear_convenio, organizacion, vinculo):
    hoy_vencido = por_estado[("norte", "vigente")]
    Compromiso.objects.create(
        convenio=hoy_vencido, descripcion="Informe trimestral", fecha_limite=hoy_mas(-3)
    )
    Compromiso.objects.create(
        convenio=hoy_vencido, descripcion="Cumplido", fecha_limite=hoy_mas(-3), cumplido=True
    )
    Compromiso.objects.create(convenio=hoy_vencido, descripcion="A tiempo", fecha_limite=hoy_mas(3))
    Compromiso.objects.create(
        convenio=por_estado[("sureste", "vigente")],
        descripcion="Del sureste",
        fecha_limite=hoy_mas(-3),
    )
    Compromiso.objects.create(
        convenio=por_estado[("norte", "cancelado")],
        descripcion="Cancelado",
        fecha_limite=hoy_mas(-3),
    )
    crear_convenio(
        "norte", "vigente", titulo="Termina pronto", fechas={"vigencia_fin": hoy_mas(60)}
    )
    crear_convenio(
        "sureste", "vigente", titulo="Termina pronto sureste", fechas={"vigencia_fin": hoy_mas(30)}
    )
    crear_convenio(
        "norte", "vigente", titulo="Termina tarde", fechas={"vigencia_fin": hoy_mas(120)}
    )
    return por_estado


def _ctx(panel, user):
    return panel(user).get_context_data()


def test_dashboard_numbers_for_a_regional_coordinator(editor_of, tablero):
    user = editor_of("norte", "coordinacion")
    tabla = _ctx(PanelConveniosPorEstado, user)["tabla"]
    assert [f["region"].slug for f in tabla["filas"]] == ["norte"]
    # One per state, plus the two extra vigentes of Norte.
    assert tabla["filas"][0]["valores"] == [1, 1, 1, 3, 1, 1, 1]
    compromisos = _ctx(PanelCompromisosVencidos, user)
    assert [c.descripcion for c in compromisos["compromisos"]] == ["Informe trimestral"]
    terminan = _ctx(PanelPorTerminar, user)
    assert [f["registro"].titulo for f in terminan["filas"]] == ["Termina pronto"]
    assert terminan["filas"][0]["url"] == reverse(EDIT, args=[terminan["filas"][0]["registro"].pk])


def test_dashboard_numbers_for_the_national_coordination(editor_of, tablero):
    user = editor_of("nacional", "coordinacion")
    tabla = _ctx(PanelConveniosPorEstado, user)["tabla"]
    assert tabla["total"] == 14 + 3
    assert {f["region"].slug: f["total"] for f in tabla["filas"]}["sureste"] == 8
    compromisos = {c.descripcion for c in _ctx(PanelCompromisosVencidos, user)["compromisos"]}
    assert compromisos == {"Informe trimestral", "Del sureste"}
    terminan = [f["registro"].titulo for f in _ctx(PanelPorTerminar, user)["filas"]]
    assert terminan == ["Termina pronto sureste", "Termina pronto"]


def test_panels_render_for_coordinations_only(client, editor_of, tablero):
    client.force_login(editor_of("norte", "coordinacion"))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Convenios por estado y región" in body and "Oportunidades de alianza" in body
    assert "Informe trimestral" in body and "Del sureste" not in body
    assert "Convenios que terminan pronto" in body
    assert "Termina pronto" in body and "Termina pronto sureste" not in body
    client.force_login(editor_of("norte", "edicion"))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Oportunidades de alianza" not in body


def test_alliance_opportunities_ranking(editor_of, organizacion, vinculo, crear_convenio):
    tres = organizacion("Tres vínculos")
    dos_reciente = organizacion("Dos recientes")
    dos_antiguo = organizacion("Dos antiguos")
    uno = organizacion("Un vínculo")
    con_convenio = organizacion("Ya con convenio")
    cancelado = organizacion("Convenio cancelado")
    for dias in (-100, -50, -40):
        vinculo("istai-sonora", tres, dias)
    for org, dias in ((dos_reciente, -2), (dos_antiguo, -300)):
        vinculo("istai-sonora", org, dias)
        vinculo("ceaip-sinaloa", org, -400)
    vinculo("istai-sonora", uno, -1)
    for org in (con_convenio, cancelado):
        vinculo("istai-sonora", org, -5)
        vinculo("istai-sonora", org, -6)
    crear_convenio("norte", "en_negociacion", organizaciones=[con_convenio])
    crear_convenio("norte", "cancelado", organizaciones=[cancelado])
    # Sureste's relationships do not count for Norte.
    sureste = organizacion("Solo en el sureste")
    vinculo("cotaipec-campeche", sureste, -1)
    vinculo("cotaipec-campeche", sureste, -2)
    vinculo("istai-sonora", sureste, -3)

    norte = _ctx(PanelOportunidades, editor_of("norte", "coordinacion"))
    assert [(o.nombre, o.num_vinculos) for o in norte["organizaciones"]] == [
        ("Tres vínculos", 3),
        ("Dos recientes", 2),
        ("Convenio cancelado", 2),
        ("Dos antiguos", 2),
    ]
    nacional = _ctx(PanelOportunidades, editor_of("nacional", "coordinacion"))
    nombres = [o.nombre for o in nacional["organizaciones"]]
    assert nombres[0] in ("Tres vínculos", "Solo en el sureste")
    assert "Solo en el sureste" in nombres and "Ya con convenio" not in nombres
    assert "Un vínculo" not in nombres


# --- National view ----------------------------------------------------------------------


def test_national_view_charts_without_javascript(client, editor_of, tablero):
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.get(reverse("alianzas_vista_nacional"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<figure class="grafica-barras"') == 3
    assert body.count('role="img"') >= 3
    assert '<title id="por-estado-titulo">Convenios por estado</title>' in body
    assert '<desc id="por-region-desc">' in body and "Sureste: 8" in body
    assert "<script" not in body.split("grafica-barras", 1)[1].split("</main>")[0]
    assert '<th scope="row">Vigente</th><td>5</td>' in body
    client.force_login(editor_of("norte", "coordinacion"))
    assert client.get(reverse("alianzas_vista_nacional")).status_code in (302, 403)


# --- Organizations ----------------------------------------------------------------------


def test_import_needs_the_state_of_a_state_organization_and_reads_lists(client, editor_of):
    """What only organizations have (the shared rules: tests/plugins/test_convenios.py)."""
    client.force_login(editor_of("norte", "coordinacion"))
    url = "alianzas_importar_organizaciones"
    malo = "nombre,tipo,ambito,entidad\nMala C,osc,estatal,\nMala D,osc,estatal,Atlántida\n"
    body = importar(client, url, malo).content.decode()
    assert "Fila 2:" in body and "necesita la entidad federativa" in body
    assert "Fila 3:" in body and "«Atlántida» no existe" in body
    assert not Organizacion.objects.filter(nombre__startswith="Mala").exists()
    bueno = (
        "nombre,siglas,tipo,ambito,entidad,sitio_web,temas\n"
        "Buena A,BA,osc,nacional,,https://a.mx/,datos abiertos | rendición de cuentas\n"
        "Buena E,,academia,estatal,nuevo leon | Sonora,,\n"
    )
    assert importar(client, url, bueno).status_code == 302
    a = Organizacion.objects.get(nombre="Buena A")
    assert sorted(t.name for t in a.temas.all()) == ["datos abiertos", "rendición de cuentas"]
    e = Organizacion.objects.get(nombre="Buena E")
    assert sorted(x.nombre for x in e.entidades.all()) == ["Nuevo León", "Sonora"]


def test_editors_cannot_import_or_add_organizations(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    assert client.get(reverse("alianzas_importar_organizaciones")).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_alianzas_organizacion:list")).status_code == 200
    add = client.get(reverse("wagtailsnippets_alianzas_organizacion:add"))
    assert add.status_code in (302, 403)


def test_demo_loader_seeds_the_shared_csv(db):
    from plugins.alianzas.demo import ORGANIZACIONES, load

    resumen = load()
    # The 27 real organizations of the shared file, plus the demo's fictional counterparts
    # (named «…de Ejemplo», never mixed with the real ones).
    ficticias = {nombre for nombre, _tipo in ORGANIZACIONES}
    assert Organizacion.objects.exclude(nombre__in=ficticias).count() == 27
    assert Organizacion.objects.filter(nombre__in=ficticias).count() == len(ficticias)
    assert "27 organizaciones nuevas" in resumen
    cimtra = Organizacion.objects.get(siglas="CIMTRA")
    assert [e.nombre for e in cimtra.entidades.all()] == ["Jalisco"]
    assert Organizacion.objects.get(siglas="COPARMEX").tipo == "camara_empresarial"
    assert "0 organizaciones nuevas y 27 actualizadas" in load()


def test_coordination_adds_an_organization_with_topics(client, editor_of):
    from regiones.models import EntidadFederativa

    client.force_login(editor_of("norte", "coordinacion"))
    add = reverse("wagtailsnippets_alianzas_organizacion:add")
    assert client.get(add).status_code == 200
    sonora = EntidadFederativa.objects.get(nombre="Sonora")
    sin_entidad = client.post(
        add, {"nombre": "Estatal sin entidad", "tipo": "osc", "ambito": "estatal"}
    )
    assert "al menos una entidad" in sin_entidad.content.decode()
    client.post(
        add,
        {
            "nombre": "Sonora Abierta",
            "tipo": "osc",
            "ambito": "estatal",
            "entidades": [sonora.pk],
            "temas": "datos abiertos, presupuesto",
        },
    )
    org = Organizacion.objects.get(nombre="Sonora Abierta")
    assert list(org.entidades.all()) == [sonora]
    assert sorted(t.name for t in org.temas.all()) == ["datos abiertos", "presupuesto"]


def test_state_button_only_for_agreements_the_user_may_change(editor_of, crear_convenio):
    from wagtail import hooks

    propio = crear_convenio("norte", "en_negociacion")
    ajeno = crear_convenio("sureste", "en_negociacion")
    final = crear_convenio("norte", "cancelado")
    coordinacion = editor_of("norte", "coordinacion")

    def botones(convenio):
        return [
            b.label
            for fn in hooks.get_hooks("register_snippet_listing_buttons")
            for b in fn(convenio, coordinacion)
        ]

    assert "Cambiar estado" in botones(propio)
    assert "Cambiar estado" not in botones(ajeno)
    assert "Cambiar estado" not in botones(final)
