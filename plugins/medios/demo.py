"""Demo data: the official media of the network's sourced data file, nothing invented."""

from regiones.bootstrap import DATA_DIR

from .medios_csv import MedioImporter

ARCHIVO = DATA_DIR / "snt" / "medios_publicos.csv"


def load():
    """Outlets from ``medios_publicos.csv`` (idempotent: updates by name). The file has no
    stations, accounts, contacts, agreements or schedules, so none are invented."""
    with open(ARCHIVO, "rb") as handle:
        result = MedioImporter().run(handle)
    if not result.ok:
        detalle = "; ".join(str(e) for e in result.errors)
        raise ValueError(f"Medios: el archivo de medios públicos tiene errores: {detalle}")
    return (
        f"Medios: {result.created} medios oficiales nuevos y {result.updated} actualizados de "
        "medios_publicos.csv; sin estaciones, contactos, convenios ni pautas inventados."
    )
