"""Platform URLs and Mexican telephone numbers."""

import pytest
from django.core.exceptions import ValidationError

from plugins.directorio.models import CuentaSocial
from plugins.directorio.validators import digitos_telefono, validar_telefono, validar_url_plataforma

BUENAS = [
    ("facebook", "https://www.facebook.com/TransparenciaSonora"),
    ("facebook", "https://m.facebook.com/TransparenciaSonora"),
    ("facebook", "https://fb.com/TransparenciaSonora"),
    ("instagram", "https://www.instagram.com/istai_sonora/"),
    ("instagram", "https://instagram.com/istai_sonora"),
    ("tiktok", "https://www.tiktok.com/@istai"),
    ("x", "https://x.com/transparenteSon"),
    ("x", "https://twitter.com/transparenteSon"),
    ("youtube", "https://www.youtube.com/@istai"),
    ("youtube", "https://youtu.be/abc123"),
    ("threads", "https://www.threads.net/@istai"),
    ("threads", "https://www.threads.com/@istai"),
    ("linkedin", "https://www.linkedin.com/company/istai"),
    ("whatsapp", "https://whatsapp.com/channel/0029VaABCDEF"),
    ("whatsapp", "https://www.whatsapp.com/channel/0029VaABCDEF"),
    ("spotify", "https://open.spotify.com/show/4rOoJ6Egrf8K2IrywzwOMk"),
    ("otra", "https://www.ejemplo.org.mx/podcast"),
]

MALAS = [
    ("facebook", "https://www.instagram.com/istai", "no corresponde a Facebook"),
    ("facebook", "https://facebook.com.example.com/istai", "no corresponde a Facebook"),
    ("facebook", "https://notfacebook.com/istai", "no corresponde a Facebook"),
    ("instagram", "https://www.facebook.com/istai", "no corresponde a Instagram"),
    ("tiktok", "https://www.youtube.com/@istai", "no corresponde a TikTok"),
    ("x", "https://threads.net/@istai", "no corresponde a X"),
    ("youtube", "https://vimeo.com/istai", "no corresponde a YouTube"),
    ("threads", "https://x.com/istai", "no corresponde a Threads"),
    ("linkedin", "https://facebook.com/istai", "no corresponde a LinkedIn"),
    ("whatsapp", "https://wa.me/526621234567", "no corresponde a un canal de WhatsApp"),
    ("whatsapp", "https://www.whatsapp.com/istai", "no corresponde a un canal de WhatsApp"),
    ("spotify", "https://spotify.com/show/abc", "no corresponde a Spotify"),
    ("instagram", "http://www.instagram.com/istai", "https://"),
    ("otra", "http://www.ejemplo.org.mx/", "https://"),
    ("otra", "ftp://ejemplo.org.mx/archivo", "https://"),
    ("instagram", "https://www.instagram.com/", "no a la página de inicio"),
    ("instagram", "https://usuario:clave@instagram.com/istai", "usuario ni contraseña"),
    ("instagram", "https://", "no es válida"),
]


@pytest.mark.parametrize(("plataforma", "url"), BUENAS)
def test_accepts_the_platform_hosts(plataforma, url):
    validar_url_plataforma(plataforma, url)


@pytest.mark.parametrize(("plataforma", "url", "mensaje"), MALAS)
def test_rejects_other_hosts_with_a_spanish_message(plataforma, url, mensaje):
    with pytest.raises(ValidationError) as exc:
        validar_url_plataforma(plataforma, url)
    assert mensaje in " ".join(exc.value.messages)


def test_every_platform_has_a_rule():
    for plataforma in CuentaSocial.Plataforma.values:
        validar_url_plataforma(
            plataforma, dict(BUENAS).get(plataforma, "https://www.ejemplo.org.mx/x")
        )


def test_exact_message_for_a_facebook_url_on_instagram():
    with pytest.raises(ValidationError) as exc:
        validar_url_plataforma("instagram", "https://www.facebook.com/istai")
    assert exc.value.messages == [
        "La URL no corresponde a Instagram: use una dirección de instagram.com."
    ]


def test_model_clean_reports_the_url_field(db, organismo):
    cuenta = CuentaSocial(
        organismo=organismo("istai-sonora"),
        plataforma="instagram",
        url="https://www.facebook.com/istai",
    )
    with pytest.raises(ValidationError) as exc:
        cuenta.full_clean()
    assert "url" in exc.value.message_dict


@pytest.mark.parametrize(
    "telefono",
    [
        "662 213 1543",
        "(662) 213-1543",
        "662.213.1543",
        "6622131543",
        "+52 662 213 1543",
        "+52 1 662 213 1543",
        "+526622131543",
        "55 5004 2400 ext. 120",
        "800 835 4324 extensión 3",
    ],
)
def test_mexican_telephones_are_accepted(telefono):
    validar_telefono(telefono)
    assert len(digitos_telefono(telefono)) == 10


@pytest.mark.parametrize(
    "telefono",
    ["213 1543", "+1 662 213 1543", "0662 213 1543", "66221315431", "llámenos", "662-213-15A3"],
)
def test_bad_telephones_are_rejected_with_a_clear_message(telefono):
    with pytest.raises(ValidationError) as exc:
        validar_telefono(telefono)
    assert "10 dígitos con lada" in exc.value.messages[0]
