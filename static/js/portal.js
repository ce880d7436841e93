// Start NHS.UK frontend's components. Loaded as an external module because the
// Content-Security-Policy forbids inline script.
import { initAll } from '../nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

// A text box under a radio button, shown while that choice is checked: NHS.UK frontend's
// conditional reveal, without the aria-expanded it puts on each radio (ARIA allows none on a
// radio; axe refuses it). The server marks boxes of unchecked choices hidden, which hides them
// only once this script has run: without it every box simply shows, labelled for its choice.
const revealing = new Set(
  [...document.querySelectorAll('input[type="radio"][data-reveals]')].map((radio) => radio.name),
);
for (const name of revealing) {
  const group = [...document.getElementsByName(name)];
  const sync = () => {
    for (const radio of group) {
      const box = radio.dataset.reveals && document.getElementById(radio.dataset.reveals);
      if (box) box.classList.toggle('nhsuk-radios__conditional--hidden', !radio.checked);
    }
  };
  group.forEach((radio) => radio.addEventListener('change', sync));
}

// "Copy the citation": shown only where the clipboard can be written (hidden otherwise, so the
// text stays there to select by hand).
if (navigator.clipboard) {
  for (const button of document.querySelectorAll('button[data-copies]')) {
    const source = document.getElementById(button.dataset.copies);
    if (!source) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = 'Citation copied';
    });
  }
}

// Keep the pathways a reader opens for reading offline: the service worker (static/js/sw.js) is
// served from the site root so that it covers every page. Where it cannot run (an old browser,
// a private window that refuses it) the portal works as before, online only.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error) => {
    console.warn('Pathways will not be kept for offline reading:', error);
  });
}
