/* Slow or broken connections: the page keeps working and says what is happening.
 *
 * Dash talks to the server with fetch (layout, dependencies, one POST per callback). This
 * wraps window.fetch for those requests only:
 *
 * - the server cannot be reached (a dropped link, a restart): the request is sent again
 *   after 1, 2, 4, 8 and then every 10 seconds for up to two minutes, under a notice that
 *   says so; when the server answers, the page gets its answer as if nothing had happened
 *   and the notice goes away, without a reload. A newer request for the same output makes
 *   the older one give up, so a late answer never overwrites a newer view.
 * - the server answers with an error (a callback raised, 5xx): it is asked once more after
 *   1.5 s (a transient failure is never seen); if it fails again, the notice says that part
 *   of the page could not be updated while the rest keeps working, until that same part
 *   is updated successfully.
 *
 * The notice is an aria-live region (read out by screen readers), in the page's language.
 * Dash 2.18+ has server-side callback error handlers (`on_error`), but they cannot see a
 * request that never reached the server, so this lives in the browser.
 */
(function () {
  "use strict";

  var realFetch = window.fetch.bind(window);
  var RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];
  var RETRY_EVERY_MS = 10000;
  var GIVE_UP_AFTER_MS = 120000;
  var SERVER_ERROR_RETRY_MS = 1500;
  var TEXTS = {
    es: {
      offline:
        "Sin conexión con el servidor. Reintentando… Lo que ve sigue disponible y se actualizará solo al volver la conexión.",
      failed:
        "Una parte de la página no se pudo actualizar. El resto sigue funcionando; vuelva a intentarlo cambiando un filtro.",
      lost: "No hubo respuesta del servidor. Vuelva a intentarlo cambiando un filtro o más tarde.",
    },
    en: {
      offline:
        "The server cannot be reached. Retrying… What you see stays available and updates by itself when the connection returns.",
      failed:
        "Part of the page could not be updated. The rest keeps working; try again by changing a filter.",
      lost: "The server did not answer. Try again by changing a filter, or later.",
    },
  };

  var waiting = {}; // output -> true while its request waits for the server to come back
  var failed = {}; // output -> "failed" | "lost" until that output updates successfully
  var generation = {}; // output -> number of its newest request

  function lang() {
    return document.documentElement.lang === "en" ? "en" : "es";
  }

  function banner() {
    var el = document.getElementById("obs-connection");
    if (!el) {
      el = document.createElement("div");
      el.id = "obs-connection";
      el.className = "obs-connection";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      el.hidden = true;
      document.body.appendChild(el);
    }
    return el;
  }

  function show() {
    if (!document.body) {
      return;
    }
    var kinds = Object.keys(failed).map(function (k) {
      return failed[k];
    });
    var state = Object.keys(waiting).length
      ? "offline"
      : kinds.indexOf("lost") !== -1
        ? "lost"
        : kinds.length
          ? "failed"
          : null;
    var el = banner();
    if (state === null) {
      el.hidden = true;
      el.removeAttribute("data-state");
      el.textContent = "";
      return;
    }
    var text = TEXTS[lang()][state];
    if (el.textContent !== text) {
      el.textContent = text;
    }
    el.setAttribute("data-state", state);
    el.hidden = false;
  }

  function outputOf(init) {
    // a callback's body names its output(s); other Dash requests are keyed by their path
    if (init && typeof init.body === "string") {
      try {
        var body = JSON.parse(init.body);
        if (body && body.output) {
          return String(body.output);
        }
      } catch (_error) {
        return "?";
      }
    }
    return null;
  }

  function wait(ms) {
    return new Promise(function (resolve) {
      window.setTimeout(resolve, ms);
    });
  }

  function superseded() {
    var error = new Error("a newer request replaced this one");
    error.name = "AbortError";
    return error;
  }

  function send(input, init, key, mine, started, attempt, retriedServerError) {
    return realFetch(input, init).then(
      function (response) {
        if (response.status >= 500 && !retriedServerError) {
          return wait(SERVER_ERROR_RETRY_MS).then(function () {
            return send(input, init, key, mine, started, attempt, true);
          });
        }
        delete waiting[key];
        if (response.ok) {
          delete failed[key];
        } else {
          failed[key] = "failed";
        }
        show();
        return response;
      },
      function (error) {
        var aborted = init && init.signal && init.signal.aborted;
        if (aborted || generation[key] !== mine) {
          delete waiting[key];
          show();
          throw aborted ? error : superseded();
        }
        if (Date.now() - started > GIVE_UP_AFTER_MS) {
          delete waiting[key];
          failed[key] = "lost";
          show();
          throw error;
        }
        waiting[key] = true;
        show();
        var delay = attempt < RETRY_DELAYS_MS.length ? RETRY_DELAYS_MS[attempt] : RETRY_EVERY_MS;
        return wait(delay).then(function () {
          if (generation[key] !== mine) {
            delete waiting[key];
            show();
            throw superseded();
          }
          return send(input, init, key, mine, started, attempt + 1, retriedServerError);
        });
      }
    );
  }

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || String(input);
    if (url.indexOf("/_dash-") === -1) {
      return realFetch(input, init);
    }
    var key = outputOf(init) || url.split("?")[0];
    generation[key] = (generation[key] || 0) + 1;
    return send(input, init, key, generation[key], Date.now(), 0, false);
  };

  // The language of the notice follows the page's.
  new MutationObserver(function () {
    if (document.body) {
      show();
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
})();
