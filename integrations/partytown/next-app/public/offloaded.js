// The third-party script: it reports where it ran and what it read of the page.
document.body.setAttribute(
  'data-offloaded',
  document.title + ' | ' + document.querySelector('h1').textContent,
);
