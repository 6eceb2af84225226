// Inclusive-language check in the editor's "Checks" side panel: the page form is sent to the
// project's check (cms/lenguaje_admin.py) whenever it changed, and the findings, grouped per
// field, replace the panel's list. Warnings only: nothing here stops the form.
(function () {
  'use strict';

  var INTERVALO = 1500;

  function datosDelFormulario(form) {
    var datos = new FormData(form);
    Array.from(datos.keys()).forEach(function (nombre) {
      if (datos.getAll(nombre).some(function (v) { return v instanceof File; })) {
        datos.delete(nombre);
      }
    });
    return datos;
  }

  function firma(datos) {
    return new URLSearchParams(datos).toString();
  }

  function iniciar(seccion) {
    var form = document.getElementById('page-edit-form');
    var url = seccion.getAttribute('data-lenguaje-url');
    if (!form || !url || seccion.hasAttribute('data-lenguaje-activo')) return;
    seccion.setAttribute('data-lenguaje-activo', '');
    var total = seccion.querySelector('[data-lenguaje-total]');
    var lista = seccion.querySelector('[data-lenguaje-hallazgos]');
    var ultima = null;
    var enCurso = false;

    function revisar() {
      if (enCurso) return;
      var datos = datosDelFormulario(form);
      var actual = firma(datos);
      if (actual === ultima) return;
      ultima = actual;
      enCurso = true;
      fetch(url, {
        method: 'POST',
        body: datos,
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (r) {
          if (!r) return;
          total.textContent = r.total;
          lista.innerHTML = r.html;
        })
        .catch(function () { ultima = null; })
        .finally(function () { enCurso = false; });
    }

    form.addEventListener('input', function () { window.setTimeout(revisar, 400); });
    window.setInterval(revisar, INTERVALO);
    revisar();
  }

  function todas() {
    document.querySelectorAll('[data-lenguaje-url]').forEach(iniciar);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', todas);
  } else {
    todas();
  }
})();
