"""The network, its regions, the states they group and the member institutions.

All of it is data: the network that succeeds the SNT after the 2024-2025 reforms runs on
the same install by editing these rows, not the code.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Red(models.Model):
    """A national network (the SNT of 2015, or the system that succeeds it)."""

    nombre = models.CharField(_("nombre"), max_length=255, unique=True)
    siglas = models.CharField(_("siglas"), max_length=40)
    descripcion = models.TextField(_("descripción"), blank=True)
    vigente_desde = models.DateField(_("vigente desde"), null=True, blank=True)
    vigente_hasta = models.DateField(_("vigente hasta"), null=True, blank=True)
    fundamento_legal = models.TextField(_("fundamento legal"), blank=True)
    fuente = models.URLField(_("fuente"), max_length=500, blank=True)
    sucesora = models.ForeignKey(
        "self",
        verbose_name=_("red sucesora"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="antecesoras",
    )
    es_actual = models.BooleanField(_("es la red que opera esta plataforma"), default=False)

    class Meta:
        verbose_name = _("red")
        verbose_name_plural = _("redes")
        ordering = ["-es_actual", "-vigente_desde"]
        constraints = [
            models.UniqueConstraint(
                fields=["es_actual"], condition=Q(es_actual=True), name="una_sola_red_actual"
            )
        ]

    def __str__(self):
        return f"{self.nombre} ({self.siglas})"

    def clean(self):
        if self.vigente_desde and self.vigente_hasta and self.vigente_hasta < self.vigente_desde:
            raise ValidationError(
                {"vigente_hasta": _("La fecha de término no puede ser anterior a la de inicio.")}
            )

    @classmethod
    def actual(cls):
        return cls.objects.filter(es_actual=True).first()


class RegionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Regions whose editorial groups the user belongs to (all of them for superusers)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        groups = user.groups.all()
        return self.filter(
            Q(grupo_edicion__in=groups) | Q(grupo_coordinacion__in=groups)
        ).distinct()

    def coordinated_by(self, user):
        """Regions whose coordination group the user belongs to (all of them for superusers).
        The one answer to "which regions does this person coordinate"."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(grupo_coordinacion__in=user.groups.all())


class Region(models.Model):
    class Tipo(models.TextChoices):
        REGIONAL = "regional", _("Región")
        NACIONAL = "nacional", _("Coordinación nacional")

    red = models.ForeignKey(
        Red, verbose_name=_("red"), on_delete=models.PROTECT, related_name="regiones"
    )
    nombre = models.CharField(_("nombre"), max_length=100)
    slug = models.SlugField(_("identificador"), max_length=50, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices, default=Tipo.REGIONAL)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    descripcion = models.TextField(_("descripción"), blank=True)
    fuente = models.TextField(
        _("fuentes de la integración"),
        blank=True,
        help_text=_("URL de las fuentes, una por línea."),
    )
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("sitio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="region",
    )
    coleccion = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("colección de medios"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="region",
    )
    grupo_edicion = models.OneToOneField(
        "auth.Group",
        verbose_name=_("grupo de edición"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="region_edicion",
    )
    grupo_coordinacion = models.OneToOneField(
        "auth.Group",
        verbose_name=_("grupo de coordinación"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="region_coordinacion",
    )
    grupo_traduccion = models.OneToOneField(
        "auth.Group",
        verbose_name=_("grupo de traducción"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="region_traduccion",
        help_text=_(
            "Traduce las páginas de la región en los idiomas que ofrece su sitio; "
            "su coordinación aprueba."
        ),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("región")
        verbose_name_plural = _("regiones")
        ordering = ["orden", "nombre"]
        permissions = [
            ("consultar_red", _("Puede consultar el contenido de todas las regiones")),
        ]

    def __str__(self):
        return self.nombre

    @property
    def es_nacional(self):
        return self.tipo == self.Tipo.NACIONAL

    @property
    def home_page(self):
        return self.site.root_page if self.site_id else None

    def locales(self):
        """The content languages this region's site serves: Spanish plus the enabled ones."""
        from wagtail.models import Locale

        return Locale.objects.filter(
            Q(pk=Locale.get_default().pk) | Q(regiones_snt__region=self, regiones_snt__activo=True)
        ).distinct()

    def ofrece(self, locale):
        """True if the site serves this Locale (Spanish always)."""
        from wagtail.models import Locale

        if locale is None:
            return False
        if locale.pk == Locale.get_default().pk:
            return True
        return self.idiomas.filter(locale=locale, activo=True).exists()

    @classmethod
    def for_page(cls, page):
        """The region whose site tree (in any language) holds the page."""
        from wagtail.models import Page

        if page is None or page.depth < 2:
            return None
        home = Page.objects.filter(path=page.path[: 2 * Page.steplen]).first()
        if home is None:
            return None
        return (
            cls.objects.filter(site__root_page__translation_key=home.translation_key)
            .select_related("site__root_page")
            .first()
        )

    @classmethod
    def rutas_de_inicio(cls):
        """{path of every home page, in every language: its region}. A translated home
        shares its translation key with the site's root page; two queries, for code that
        needs the region of many pages (``region_de_ruta``)."""
        from wagtail.models import Page

        por_clave = {
            r.site.root_page.translation_key: r
            for r in cls.objects.filter(site__isnull=False).select_related("site__root_page")
        }
        homes = Page.objects.filter(depth=2, translation_key__in=por_clave)
        return {path: por_clave[key] for path, key in homes.values_list("path", "translation_key")}

    @staticmethod
    def region_de_ruta(path, rutas):
        """The region of a page path, given ``rutas_de_inicio()``."""
        from wagtail.models import Page

        return rutas.get(path[: 2 * Page.steplen])

    def paginas(self, inclusive=True):
        """Every page of the region's site tree, in every language (its homes included
        unless ``inclusive`` is False)."""
        from django.db.models import Q
        from wagtail.models import Page

        rutas = [ruta for ruta, region in self.rutas_de_inicio().items() if region.pk == self.pk]
        if not rutas:
            return Page.objects.none()
        dentro = Q()
        for ruta in rutas:
            dentro |= Q(path__startswith=ruta)
        paginas = Page.objects.filter(dentro)
        return paginas if inclusive else paginas.exclude(path__in=rutas)

    @classmethod
    def for_site(cls, site):
        if site is None:
            return None
        return cls.objects.filter(site=site).first()

    @classmethod
    def for_request(cls, request):
        from wagtail.models import Site

        return cls.for_site(Site.find_for_request(request))


class EntidadFederativa(models.Model):
    nombre = models.CharField(_("nombre"), max_length=100, unique=True)
    slug = models.SlugField(_("identificador"), max_length=60, unique=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("región"),
        on_delete=models.PROTECT,
        related_name="entidades",
    )
    region_verificada = models.BooleanField(
        _("región verificada con fuente"),
        default=False,
        help_text=_("Falso cuando la región se asignó por exclusión, sin fuente."),
    )
    fuente_region = models.CharField(_("fuente de la región"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("entidad federativa")
        verbose_name_plural = _("entidades federativas")
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre


class OrganismoGaranteQuerySet(models.QuerySet):
    def vigentes(self):
        return self.exclude(estado=OrganismoGarante.Estado.EXTINTA)

    def de_region(self, region):
        """A regional site's institutions; the national site's (or no site's) cover every
        region. The same name and rule as ``de_region()`` of every region-scoped record
        (``cms.convenios_base.RegionQuerySet``)."""
        if region is None or region.es_nacional:
            return self.all()
        return self.filter(region=region)


class OrganismoGarante(models.Model):
    """A member of the network, with its history: state, dates, legal basis, successor."""

    class Tipo(models.TextChoices):
        GARANTE_NACIONAL = "garante_nacional", _("Organismo garante nacional")
        GARANTE_ESTATAL = "garante_estatal", _("Organismo garante estatal")
        INTEGRANTE = "integrante", _("Otro integrante del sistema")
        SUCESOR = "sucesor", _("Autoridad sucesora")

    class Estado(models.TextChoices):
        VIGENTE = "vigente", _("Vigente")
        EN_EXTINCION = "en_extincion", _("En extinción")
        EXTINTA = "extinta", _("Extinta")
        POR_ASUMIR = "por_asumir", _("Por asumir funciones")

    class Derechos(models.TextChoices):
        AMBOS = "ambos", _("Acceso a la información y protección de datos personales")
        ACCESO = "acceso", _("Solo acceso a la información")
        DATOS = "datos", _("Solo protección de datos personales")

    #: Fields whose change must cite a public source (see clean()).
    CAMPOS_ESTADO = ("estado", "fecha_extincion", "sucesor_id", "sucesor_datos_id")

    clave = models.SlugField(_("clave"), max_length=80, unique=True)
    nombre = models.CharField(_("nombre"), max_length=300)
    siglas = models.CharField(_("siglas"), max_length=60, blank=True)
    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices)
    entidad = models.ForeignKey(
        EntidadFederativa,
        verbose_name=_("entidad federativa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organismos",
        help_text=_("Vacío para los integrantes federales."),
    )
    region = models.ForeignKey(
        Region, verbose_name=_("región"), on_delete=models.PROTECT, related_name="organismos"
    )
    sitio_web = models.URLField(_("sitio web"), max_length=500, blank=True)
    fuente_sitio_web = models.CharField(_("fuente del sitio web"), max_length=500, blank=True)
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.VIGENTE
    )
    fecha_inicio = models.DateField(_("inicio de funciones"), null=True, blank=True)
    fecha_extincion = models.DateField(_("fecha de extinción"), null=True, blank=True)
    fundamento_legal = models.TextField(_("fundamento legal"), blank=True)
    fuente_fundamento = models.URLField(_("fuente del fundamento"), max_length=500, blank=True)
    sucesor = models.ForeignKey(
        "self",
        verbose_name=_("institución sucesora"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="antecesores",
    )
    derechos = models.CharField(
        _("derechos que garantiza"),
        max_length=10,
        choices=Derechos.choices,
        default=Derechos.AMBOS,
    )
    sucesor_datos = models.ForeignKey(
        "self",
        verbose_name=_("sucesora en protección de datos personales"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="antecesores_datos",
        help_text=_("Solo si es distinta de la institución sucesora (por ejemplo, la del INAI)."),
    )
    fuentes_estado = models.TextField(
        _("fuentes del estado"),
        blank=True,
        help_text=_(
            "URL de las fuentes públicas del estado, la fecha de extinción y la sucesora, "
            "separadas por « | ». Para cambiar cualquiera de esos datos, indique la fuente "
            "que respalda el cambio."
        ),
    )
    fecha_fuente_estado = models.CharField(
        _("fecha de las fuentes del estado"),
        max_length=60,
        blank=True,
        help_text=_("La más reciente de las citadas, por ejemplo «2026-01-23»."),
    )
    notas_estado = models.TextField(_("notas sobre el estado"), blank=True)
    fuentes = models.TextField(_("fuentes"), blank=True, help_text=_("URL separadas por « | »."))
    notas = models.TextField(_("notas"), blank=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = OrganismoGaranteQuerySet.as_manager()

    class Meta:
        verbose_name = _("institución integrante")
        verbose_name_plural = _("instituciones integrantes")
        ordering = ["region__orden", "entidad__nombre", "nombre"]

    def __str__(self):
        return f"{self.siglas} · {self.nombre}" if self.siglas else self.nombre

    def clean(self):
        errors = {}
        if self.fecha_inicio and self.fecha_extincion and self.fecha_extincion < self.fecha_inicio:
            errors["fecha_extincion"] = _(
                "La fecha de extinción no puede ser anterior al inicio de funciones."
            )
        if self.estado == self.Estado.VIGENTE and self.fecha_extincion:
            errors["estado"] = _(
                "Una institución con fecha de extinción no puede estar vigente: "
                "márquela en extinción o extinta."
            )
        if (
            self.fecha_extincion
            and self.fecha_extincion > timezone.localdate()
            and (self.estado == self.Estado.EXTINTA)
        ):
            errors["fecha_extincion"] = _(
                "Una institución extinta no puede tener una fecha de extinción futura."
            )
        if self.sucesor_id and self.sucesor_id == self.pk:
            errors["sucesor"] = _("Una institución no puede sucederse a sí misma.")
        if self.sucesor_datos_id and self.sucesor_datos_id == self.pk:
            errors["sucesor_datos"] = _("Una institución no puede sucederse a sí misma.")
        error_fuente = self._error_fuente_estado()
        if error_fuente:
            errors["fuentes_estado"] = error_fuente
        if errors:
            raise ValidationError(errors)

    def valores_estado(self):
        return {campo: getattr(self, campo) for campo in self.CAMPOS_ESTADO}

    def cambios_estado(self):
        """Names of the status fields that differ from the stored row (all for a new one)."""
        if self.pk is None:
            return [c for c in self.CAMPOS_ESTADO if getattr(self, c) not in (None, "vigente")]
        original = type(self).objects.filter(pk=self.pk).values(*self.CAMPOS_ESTADO).first()
        if original is None:
            return list(self.CAMPOS_ESTADO)
        return [c for c in self.CAMPOS_ESTADO if original[c] != getattr(self, c)]

    def _error_fuente_estado(self):
        validar = URLValidator(schemes=["http", "https"])
        for url in self.lista_fuentes_estado():
            try:
                validar(url)
            except ValidationError:
                return _("«%(url)s» no es una dirección web válida: escriba la URL completa.") % {
                    "url": url
                }
        if not self.cambios_estado():
            return None
        anteriores = ""
        if self.pk is not None:
            anteriores = (
                type(self).objects.filter(pk=self.pk).values_list("fuentes_estado", flat=True)
            ).first() or ""
        if not self.lista_fuentes_estado() or (
            self.pk is not None and self.fuentes_estado.strip() == anteriores.strip()
        ):
            return _(
                "Para cambiar el estado, la fecha de extinción o la institución sucesora, "
                "indique en «Fuentes del estado» la URL de la fuente pública que respalda "
                "el cambio."
            )
        return None

    def lista_fuentes_estado(self):
        return [u.strip() for u in self.fuentes_estado.split("|") if u.strip()]

    def garantiza(self, derecho):
        """True if this body guarantees ``derecho`` ("acceso" or "datos")."""
        return self.derechos in (self.Derechos.AMBOS, derecho)

    def opera(self, hoy=None):
        """True if the body works today: in force, or in extinction before its end date."""
        hoy = hoy or timezone.localdate()
        if self.estado == self.Estado.VIGENTE:
            return self.fecha_inicio is None or self.fecha_inicio <= hoy
        if self.estado == self.Estado.EN_EXTINCION:
            return self.fecha_extincion is None or hoy < self.fecha_extincion
        return False

    def discrepancias(self):
        """Status records whose extinction date disagrees with another record's."""
        registros = [r for r in self.registros_estado.all() if r.fecha_extincion]
        fechas = {r.fecha_extincion for r in registros}
        return registros if len(fechas) > 1 else []

    @property
    def activa(self):
        return self.estado != self.Estado.EXTINTA

    def lista_fuentes(self):
        return [u.strip() for u in self.fuentes.split("|") if u.strip()]

    def cadena_sucesion(self):
        """The successors, in order, stopping at a loop."""
        chain, seen, current = [], {self.pk}, self.sucesor
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.sucesor
        return chain


class RegistroEstado(models.Model):
    """What one source (a data file, a person in the admin) said about an institution's
    status. The institution keeps the current values; these rows keep every source, so that
    where two disagree both are shown."""

    organismo = models.ForeignKey(
        OrganismoGarante,
        verbose_name=_("institución"),
        on_delete=models.CASCADE,
        related_name="registros_estado",
    )
    estado = models.CharField(_("estado"), max_length=20, choices=OrganismoGarante.Estado.choices)
    fecha_extincion = models.DateField(_("fecha de extinción"), null=True, blank=True)
    fundamento_legal = models.TextField(_("fundamento legal"), blank=True)
    sucesor = models.ForeignKey(
        OrganismoGarante,
        verbose_name=_("institución sucesora"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fuentes = models.TextField(_("fuentes"), blank=True)
    fecha_fuente = models.CharField(_("fecha de las fuentes"), max_length=60, blank=True)
    notas = models.TextField(_("notas"), blank=True)
    origen = models.CharField(_("origen"), max_length=120)
    registrado_el = models.DateTimeField(_("registrado el"), default=timezone.now)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("registro de estado")
        verbose_name_plural = _("registros de estado")
        ordering = ["registrado_el", "pk"]

    def __str__(self):
        return f"{self.organismo} · {self.get_estado_display()} ({self.origen})"

    def lista_fuentes(self):
        return [u.strip() for u in self.fuentes.split("|") if u.strip()]

    @classmethod
    def desde(cls, organismo, origen, usuario=None):
        """A record of the institution's current status values."""
        return cls(
            organismo=organismo,
            estado=organismo.estado,
            fecha_extincion=organismo.fecha_extincion,
            fundamento_legal=organismo.fundamento_legal,
            sucesor=organismo.sucesor,
            fuentes=organismo.fuentes_estado,
            fecha_fuente=organismo.fecha_fuente_estado,
            notas=organismo.notas_estado,
            origen=origen,
            registrado_por=usuario,
        )


def user_is_national(user):
    """True for superusers and members of the national coordination."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(region_coordinacion__tipo=Region.Tipo.NACIONAL).exists()


class ComplementoRegion(models.Model):
    """An installed plugin switched off (or back on) for one region's site."""

    region = models.ForeignKey(
        Region, verbose_name=_("región"), on_delete=models.CASCADE, related_name="complementos"
    )
    complemento = models.CharField(_("complemento"), max_length=60)
    activo = models.BooleanField(_("activo"), default=True)
    modificado = models.DateTimeField(_("modificado"), auto_now=True)

    class Meta:
        verbose_name = _("complemento por región")
        verbose_name_plural = _("complementos por región")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "complemento"], name="complemento_region_unico"
            )
        ]

    def __str__(self):
        estado = _("activo") if self.activo else _("desactivado")
        return f"{self.complemento} · {self.region} ({estado})"


class IdiomaRegionQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(activo=True)


class IdiomaRegion(models.Model):
    """A content language (wagtail Locale) one region's site offers besides Spanish.

    Wagtail's locales are global; this row is what makes them per site: a site serves, offers
    in its language switcher and translates its tree only into the languages enabled here.
    Spanish (the default locale, source of every site) is always served.
    """

    region = models.ForeignKey(
        Region, verbose_name=_("región"), on_delete=models.CASCADE, related_name="idiomas"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("idioma"),
        on_delete=models.CASCADE,
        related_name="regiones_snt",
    )
    activo = models.BooleanField(_("activo"), default=True)
    sincronizar = models.BooleanField(
        _("sincronizar con el español"),
        default=False,
        help_text=_(
            "Copia como alias en este idioma las páginas en español de la región, las que ya "
            "existen y las nuevas, hasta que alguien las traduzca. Solo en esta región."
        ),
    )
    modificado = models.DateTimeField(_("modificado"), auto_now=True)

    objects = IdiomaRegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("idioma de la región")
        verbose_name_plural = _("idiomas de las regiones")
        ordering = ["region__orden", "locale__language_code"]
        constraints = [
            models.UniqueConstraint(fields=["region", "locale"], name="idioma_region_unico")
        ]

    def __str__(self):
        estado = _("activo") if self.activo else _("desactivado")
        return f"{self.locale.get_display_name()} · {self.region} ({estado})"
