// The app's own code, on the main thread: a counter, to show the page stays interactive.
const button = document.getElementById('count');
button.addEventListener(
  'click',
  () => (button.textContent = String(Number(button.textContent) + 1)),
);
document.body.dataset.appReady = '1';
