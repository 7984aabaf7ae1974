// The report page's own JavaScript (runs in the browser, so it is plain ES5-style text, not compiled):
// an error hook installed before anything else, and the script that creates every chart from the
// embedded specs and then marks the page: body[data-rendered] = charts drawn, body[data-blank] = ids of
// canvases left without a single painted pixel, body[data-errors] = captured JS errors.

/** Installed first: any later script error is written into the page (and body[data-errors]). */
export const REPORT_ERROR_HOOK = `
window.__reportErrors = [];
window.__reportFail = function (message) {
  window.__reportErrors.push(String(message));
  document.body.setAttribute('data-errors', window.__reportErrors.join(' | '));
  var box = document.getElementById('errors');
  if (box) { box.hidden = false; box.textContent = 'Errors while drawing the charts: ' + window.__reportErrors.join(' | '); }
};
window.addEventListener('error', function (event) {
  window.__reportFail((event.message || 'error') + (event.filename ? ' (' + event.filename + ':' + event.lineno + ')' : ''));
});
`;

/** Creates the charts, then checks that each canvas got painted. */
export const REPORT_PAGE_SCRIPT = `
(function () {
  try {
    if (typeof Chart === 'undefined') throw new Error('Chart.js did not load');
    var specs = JSON.parse(document.getElementById('chart-specs').textContent);
    var drawn = 0;
    specs.forEach(function (spec) {
      var canvas = document.getElementById(spec.id);
      if (!canvas) throw new Error('no canvas ' + spec.id);
      var config = spec.config;
      config.options = config.options || {};
      config.options.plugins = config.options.plugins || {};
      config.options.plugins.tooltip = {
        callbacks: {
          afterLabel: function (context) {
            var notes = context.dataset.notes;
            return notes ? notes[context.dataIndex] || '' : '';
          }
        }
      };
      new Chart(canvas, config);
      drawn++;
    });
    setTimeout(function () {
      var blank = specs.filter(function (spec) {
        var canvas = document.getElementById(spec.id);
        if (canvas.width === 0 || canvas.height === 0) return true;
        var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (var i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return false;
        return true;
      }).map(function (spec) { return spec.id; });
      document.body.setAttribute('data-blank', blank.join(' '));
      document.body.setAttribute('data-rendered', String(drawn));
    }, 0);
  } catch (error) {
    window.__reportFail(error && error.stack ? error.stack : error);
  }
})();
`;
