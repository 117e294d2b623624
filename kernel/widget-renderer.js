/* global window, document, URL */
// The widget renderer for nbconvert's HTML (`jupyter nbconvert --to html NOTEBOOK.ipynb
// --HTMLExporter.widget_renderer_url=file://$PWD/node_modules/emtd/kernel/widget-renderer.js`): the ipywidgets 8 HTML
// manager (`@jupyter-widgets/html-manager`'s dist/embed-amd.js, loaded from beside this package), after one repair.
//
// Why (issue 51, item 10): nbconvert 6.4 to 7.2.7 (Debian 12 ships 6.5.3) writes the notebook's widget state into
// its page as `{{ state | json_dumps | escape_html_keep_quotes }}` inside a <script> element, whose content is raw
// text: the browser never turns `&lt;` back into `<`. Every HTML string of the state, such as the outputs an
// `interact`'s Output widget holds (its table, its progress bar, its figure), then reaches the manager as
// `&lt;table …` and is drawn as source text. nbconvert 7.2.8 escapes only `</` (jupyter/nbconvert#1934). So before
// the manager reads them, each widget script whose text was HTML-escaped (no raw < or > in it, an entity in it) is
// unescaped; a page from a newer nbconvert is left as it is.
(function () {
  "use strict";
  var TYPES = ['script[type="application/vnd.jupyter.widget-state+json"]', 'script[type="application/vnd.jupyter.widget-view+json"]'];
  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'", "&amp;": "&" };

  /** `text` as it was before an HTML escape (`html.escape`), or unchanged when it was not escaped. */
  function unescaped(text) {
    if (/[<>]/.test(text) || !/&(lt|gt|quot|amp|#x27|#39);/.test(text)) return text;
    return text.replace(/&(lt|gt|quot|amp|#x27|#39);/g, function (entity) {
      return ENTITIES[entity];
    });
  }

  // What this script did, for whoever looks at the page (the tests do): the tags it repaired, the manager it loaded.
  var done = (window.emtdWidgetRenderer = { repaired: 0, manager: null });
  var tags = document.querySelectorAll(TYPES.join(", "));
  for (var i = 0; i < tags.length; i++) {
    var text = tags[i].textContent;
    var repaired = unescaped(text);
    if (repaired === text) continue;
    tags[i].textContent = repaired;
    done.repaired++;
  }

  // The manager: in this package's own node_modules (a clone, or a folder that linked it), else beside it (installed
  // from the registry or a tarball, where npm puts dependencies next to the package).
  var here = (document.currentScript && document.currentScript.src) || document.baseURI;
  var candidates = [
    new URL("../node_modules/@jupyter-widgets/html-manager/dist/embed-amd.js", here).href,
    new URL("../../@jupyter-widgets/html-manager/dist/embed-amd.js", here).href,
  ];
  function load(k) {
    if (k >= candidates.length) {
      window.console.error("emtd widget renderer: @jupyter-widgets/html-manager/dist/embed-amd.js not found at " + candidates.join(" or "));
      return;
    }
    var script = document.createElement("script");
    script.src = candidates[k];
    script.onload = function () {
      done.manager = candidates[k];
    };
    script.onerror = function () {
      script.remove();
      load(k + 1);
    };
    document.body.appendChild(script);
  }
  load(0);
})();
