// A stand-in for a heavy third-party tag: every round it reads cookies and layout like an
// analytics script does, computes for ~60 ms (a long task, were it on the main thread),
// appends a line to the page, and every fifth round sends a beacon to the collector.
// It knows nothing of Offstage: the demo page runs it either offloaded or on the main thread.
(function () {
  var script = document.currentScript;
  var collector = '/collect/' + script.getAttribute('data-collector');
  var rounds = Number(script.getAttribute('data-rounds') || 60);
  var out = document.getElementById('tag-output');
  var started = Date.now();
  var done = 0;

  function compute(ms) {
    var end = Date.now() + ms;
    var x = 0;
    while (Date.now() < end) x += Math.sqrt(x + 1);
    return x;
  }

  function round() {
    done++;
    var reads = 0;
    for (var i = 0; i < 20; i++) {
      reads +=
        document.cookie.length + document.body.getBoundingClientRect().height + window.innerWidth;
    }
    compute(60);
    var line = document.createElement('li');
    line.textContent =
      'round ' + done + ' at ' + (Date.now() - started) + ' ms (' + Math.round(reads) + ')';
    out.prepend(line);
    if (done % 5 === 0)
      navigator.sendBeacon(
        collector + '?round=' + done,
        JSON.stringify({ round: done, title: document.title }),
      );
    if (done < rounds) setTimeout(round, 10);
  }

  document.cookie =
    'demo_visitor=' + Math.random().toString(36).slice(2) + '; path=/; max-age=3600; SameSite=Lax';
  round();
})();
