// "Copiar enlace" on the share box (cms/includes/compartir.html): shown only where the
// clipboard is available. A file, not an inline script: the sites' Content-Security-Policy
// allows scripts from the site only.
(function () {
  var boton = document.querySelector("[data-copiar]");
  if (!boton || !navigator.clipboard) return;
  var campo = document.getElementById(boton.getAttribute("data-copiar"));
  var estado = document.querySelector("[data-copiar-estado]");
  boton.hidden = false;
  boton.addEventListener("click", function () {
    navigator.clipboard.writeText(campo.value).then(function () {
      estado.textContent = estado.getAttribute("data-copiado");
    }, function () {
      campo.select();
      estado.textContent = estado.getAttribute("data-sin-portapapeles");
    });
  });
})();
