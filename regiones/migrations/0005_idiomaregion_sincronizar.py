from django.db import migrations, models


def desde_locale_synchronization(apps, schema_editor):
    """wagtail-localize's "sync from" rows become the per-region switch of their locale in
    every region that offers it (Spanish is the source of every site), and are removed: they
    would alias every site's new pages into the locale."""
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    IdiomaRegion = apps.get_model("regiones", "IdiomaRegion")
    for sincronizacion in LocaleSynchronization.objects.all():
        IdiomaRegion.objects.filter(locale_id=sincronizacion.locale_id).update(sincronizar=True)
    LocaleSynchronization.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("regiones", "0004_estado_fuentes_derechos"),
        ("wagtail_localize", "0012_localesynchronization"),
    ]

    operations = [
        migrations.AddField(
            model_name="idiomaregion",
            name="sincronizar",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Copia como alias en este idioma las páginas en español de la región, las "
                    "que ya existen y las nuevas, hasta que alguien las traduzca. Solo en esta "
                    "región."
                ),
                verbose_name="sincronizar con el español",
            ),
        ),
        migrations.RunPython(desde_locale_synchronization, migrations.RunPython.noop),
    ]
