"""Each region's coordination edits its own site's social accounts, and no other site's."""

from django.urls import reverse

from cms.models import RedesSocialesSettings


def _url(site):
    return reverse("wagtailsettings:edit", args=["cms", "redessocialessettings", site.pk])


def test_coordination_edits_its_own_site_settings_only(client, editor_of, regions):
    client.force_login(editor_of("norte", "coordinacion"))
    norte, sureste = regions["norte"].site, regions["sureste"].site
    assert client.get(_url(norte)).status_code == 200
    response = client.post(_url(norte), {"facebook": "https://www.facebook.com/redsnt.norte"})
    assert response.status_code == 302
    assert RedesSocialesSettings.for_site(norte).facebook.endswith("redsnt.norte")
    assert client.get(_url(sureste)).status_code in (302, 403)
    client.post(_url(sureste), {"facebook": "https://www.facebook.com/intruso"})
    assert RedesSocialesSettings.for_site(sureste).facebook == ""


def test_editors_cannot_change_site_settings(client, editor_of, regions):
    client.force_login(editor_of("norte", "edicion"))
    assert client.get(_url(regions["norte"].site)).status_code in (302, 403)
