// Placeholder for the client-side weekly roundup widget. The sample site ships no roundup
// data, so articles/weekly-roundup.html stays a navigation-only page (empty extraction).
document.addEventListener('DOMContentLoaded', function () {
  var app = document.getElementById('roundup-app');
  if (app) { app.setAttribute('data-loading', 'false'); }
});
