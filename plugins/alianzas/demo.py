"""Demo data: the organizations of the network's sourced data file, nothing invented."""

from regiones.bootstrap import DATA_DIR

from .organizaciones_csv import OrganizacionImporter

ARCHIVO = DATA_DIR / "snt" / "organizaciones_sociedad_civil.csv"


def load():
    """Organizations from ``organizaciones_sociedad_civil.csv`` (idempotent: updates by
    name). No relationships or agreements are invented: the data has none."""
    with open(ARCHIVO, "rb") as handle:
        result = OrganizacionImporter().run(handle)
    if not result.ok:
        detalle = "; ".join(str(e) for e in result.errors)
        raise ValueError(f"Alianzas: el archivo de organizaciones tiene errores: {detalle}")
    return (
        f"Alianzas: {result.created} organizaciones nuevas y {result.updated} actualizadas "
        "de organizaciones_sociedad_civil.csv; sin vínculos ni convenios inventados."
    )
