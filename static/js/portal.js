// Start NHS.UK frontend's components. Loaded as an external module because the
// Content-Security-Policy forbids inline script.
import { initAll } from '../nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
