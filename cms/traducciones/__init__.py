"""Issue 8: translations with wagtail-localize, per-region language sets, switcher and report.

Spanish (es-MX) is the source of every site. Each region's site offers the languages enabled in
``regiones.IdiomaRegion`` (seeded from ``SNT_IDIOMAS_REGIONES``); translations are made on
demand with wagtail-localize (editor, PO export/import) and live under the translation of the
region's home page in that language, which bootstrap creates and grants to the region's groups.
"""
