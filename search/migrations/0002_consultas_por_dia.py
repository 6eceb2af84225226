"""The query log becomes daily aggregates: one row per day, normalised query, region and
engine. Existing rows are folded into their day's row before the constraint is added."""

from django.db import migrations, models
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone


def fold_rows(apps, schema_editor):
    ConsultaBusqueda = apps.get_model("snt_search", "ConsultaBusqueda")
    rows = ConsultaBusqueda.objects.all()
    for row in rows.iterator():
        row.dia = (
            timezone.localdate(row.creada) if timezone.is_aware(row.creada) else row.creada.date()
        )
        row.consulta = " ".join(row.consulta.lower().split())[:200]
        row.sin_resultados = 1 if row.resultados == 0 else 0
        row.save(update_fields=["dia", "consulta", "sin_resultados"])
    groups = (
        rows.values("dia", "consulta", "region", "motor")
        .annotate(n=Count("id"), vacias=Sum("sin_resultados"), primera=Min("id"), ultima=Max("id"))
        .filter(n__gt=1)
    )
    for group in groups:
        same = rows.filter(
            dia=group["dia"],
            consulta=group["consulta"],
            region=group["region"],
            motor=group["motor"],
        )
        last = same.get(pk=group["ultima"])
        same.filter(pk=group["primera"]).update(
            veces=group["n"], sin_resultados=group["vacias"], resultados=last.resultados
        )
        same.exclude(pk=group["primera"]).delete()


class Migration(migrations.Migration):
    dependencies = [("snt_search", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="consultabusqueda",
            name="dia",
            field=models.DateField(null=True, verbose_name="día"),
        ),
        migrations.AddField(
            model_name="consultabusqueda",
            name="veces",
            field=models.PositiveIntegerField(default=1, verbose_name="veces"),
        ),
        migrations.AddField(
            model_name="consultabusqueda",
            name="sin_resultados",
            field=models.PositiveIntegerField(default=0, verbose_name="veces sin resultados"),
        ),
        migrations.RunPython(fold_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consultabusqueda",
            name="dia",
            field=models.DateField(db_index=True, verbose_name="día"),
        ),
        migrations.AlterField(
            model_name="consultabusqueda",
            name="resultados",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Resultados de la última vez que se buscó.",
                verbose_name="resultados",
            ),
        ),
        migrations.RemoveField(model_name="consultabusqueda", name="creada"),
        migrations.RemoveField(model_name="consultabusqueda", name="filtros"),
        migrations.AddConstraint(
            model_name="consultabusqueda",
            constraint=models.UniqueConstraint(
                fields=("dia", "consulta", "region", "motor"), name="consulta_por_dia"
            ),
        ),
    ]
