/* Ahual kiosk helper for shared school computers. Optional: every page works without it.
   - After a while without any input (data-idle-seconds on <body>: 10 minutes on the survey, 30 seconds
     on the thank-you page), the page returns to the start (the form is discarded).
   - "Leave now" clears the form and returns to the start without leaving a history entry.
   - If the browser restores this page from its back-forward cache (Back after sending), it is wiped and
     replaced by the start page, so the next pupil never sees the previous pupil's ticks.
   Written in ES5 for old browsers. */
(function () {
  var idleSeconds = parseInt(document.body.getAttribute('data-idle-seconds'), 10);
  var IDLE_MS = (idleSeconds > 0 ? idleSeconds : 600) * 1000;
  var home = document.body.getAttribute('data-home') || '/';
  var timer;
  function goHome() {
    var form = document.forms[0];
    if (form) { form.reset(); }
    window.location.replace(home);
  }
  function restart() {
    clearTimeout(timer);
    timer = setTimeout(goHome, IDLE_MS);
  }
  var events = ['click', 'keydown', 'change', 'touchstart', 'scroll', 'mousemove'];
  for (var i = 0; i < events.length; i++) {
    document.addEventListener(events[i], restart, true);
  }
  restart();
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) { goHome(); }
  });
  var leave = document.getElementById('leave');
  if (leave) {
    leave.addEventListener('click', function (event) {
      event.preventDefault();
      goHome();
    });
  }
})();
