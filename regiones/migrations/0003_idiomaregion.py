# Issue 8: per-region content languages and the region's translation group.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("regiones", "0002_complementoregion"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="region",
            name="grupo_traduccion",
            field=models.OneToOneField(
                blank=True,
                help_text=(
                    "Traduce las páginas de la región en los idiomas que ofrece su sitio; "
                    "su coordinación aprueba."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="region_traduccion",
                to="auth.group",
                verbose_name="grupo de traducción",
            ),
        ),
        migrations.CreateModel(
            name="IdiomaRegion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("activo", models.BooleanField(default=True, verbose_name="activo")),
                ("modificado", models.DateTimeField(auto_now=True, verbose_name="modificado")),
                (
                    "locale",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="regiones_snt",
                        to="wagtailcore.locale",
                        verbose_name="idioma",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="idiomas",
                        to="regiones.region",
                        verbose_name="región",
                    ),
                ),
            ],
            options={
                "verbose_name": "idioma de la región",
                "verbose_name_plural": "idiomas de las regiones",
                "ordering": ["region__orden", "locale__language_code"],
                "constraints": [
                    models.UniqueConstraint(fields=("region", "locale"), name="idioma_region_unico")
                ],
            },
        ),
    ]
