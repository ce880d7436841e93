// The SCN Pathways service worker: keeps the pathway pages a reader has opened for reading
// without a network, and never passes a kept copy off as current.
//
// Served at /sw.js by public_site/app_views.py, which puts `self.SCN_WORKER` (the static files
// this release's pages use, with their content-hashed names) before this source.
//
// Pathway pages (/pathways/<slug>/ and /pathways/<slug>/versions/<n.n>/) are network-first.
// Whenever the portal answers, its answer is what the reader sees, and it decides the kept
// copy: a 200 replaces it, a 304 (asked with the kept copy's ETag) confirms it, anything else
// (moved, not found, gone) removes it. Only when no answer comes at all (or the portal fails,
// 5xx) is the kept copy shown, and then always with a warning at the top of the main content:
// "Saved copy from <date and time>. It may not be current: connect to check." The warning is
// written into the HTML here, so it shows without the page's own script (and under its CSP).
'use strict';

const CONFIG = self.SCN_WORKER || { precache: [], staticUrl: '/static/', version: 'dev' };
const PAGES = 'scn-pages-v1';
const STATIC_PREFIX = 'scn-static-';
const STATIC = STATIC_PREFIX + CONFIG.version;
// When the kept copy was last given or confirmed by the portal (ISO 8601), kept with it.
const SAVED_AT = 'X-SCN-Saved-At';
const PATHWAY_PAGE = /^\/pathways\/[-a-zA-Z0-9_]+\/(?:versions\/[1-9][0-9]{0,3}\.[0-9]{1,4}\/)?$/;
// collectstatic's content-hashed names (name.0123456789ab.ext) never change their content.
const HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;
const STATIC_PATH = new URL(CONFIG.staticUrl, self.location.href).pathname;
// The empty element every page has at the top of its main content (templates/base.html).
const MARKER = /<div\b[^>]*\bdata-offline-banner\b[^>]*>\s*<\/div>/;
const TIME_ZONE = 'Europe/London';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC);
      await cache.addAll(CONFIG.precache);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // The kept pages stay (each is revalidated when next read); an earlier release's static
      // files go.
      for (const name of await caches.keys()) {
        if (name.startsWith(STATIC_PREFIX) && name !== STATIC) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (PATHWAY_PAGE.test(url.pathname) && !url.search) {
    event.respondWith(pathwayPage(request, url));
  } else if (url.pathname.startsWith(STATIC_PATH)) {
    event.respondWith(staticFile(request, url));
  }
  // Everything else (search, lists, the workspace, forms) goes to the network as usual.
});

async function pathwayPage(request, url) {
  const key = url.origin + url.pathname;
  const cache = await caches.open(PAGES);
  const kept = await cache.match(key, { ignoreVary: true });
  let response;
  try {
    response = await fetch(revalidation(request, kept));
  } catch (error) {
    if (kept) return savedCopy(kept); // no answer at all: offline, or the portal unreachable
    throw error;
  }
  if (response.status === 304 && kept) {
    // Still true: serve it as the portal's answer, confirmed now.
    const confirmed = await stamped(kept.clone());
    await cache.put(key, confirmed.clone());
    return confirmed;
  }
  if (response.status >= 500 && kept) return savedCopy(kept);
  if (response.status === 200 && keepable(response)) {
    await cache.put(key, await stamped(response.clone()));
  } else if (response.status < 500) {
    // Moved, gone, not found, or a page for one person only: the kept copy can no longer be
    // shown as this address's page.
    await cache.delete(key);
  }
  return response;
}

function revalidation(request, kept) {
  const headers = new Headers({ Accept: request.headers.get('Accept') || 'text/html' });
  const etag = kept && kept.headers.get('ETag');
  if (etag) headers.set('If-None-Match', etag);
  return new Request(request.url, {
    headers,
    credentials: 'same-origin',
    // A navigation's redirect is followed by the browser, as without this worker.
    redirect: request.redirect,
    // Straight to the portal: with a validator the 304 comes back here, without one the
    // browser's own cache must revalidate too.
    cache: etag ? 'no-store' : 'no-cache',
  });
}

function keepable(response) {
  // Only a page anyone may read: the portal marks a page `private` when it is one person's.
  const control = (response.headers.get('Cache-Control') || '').toLowerCase();
  const type = response.headers.get('Content-Type') || '';
  return (
    response.type === 'basic' &&
    !response.redirected &&
    type.startsWith('text/html') &&
    !/\b(private|no-store)\b/.test(control)
  );
}

async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, new Date().toISOString());
  headers.delete('Content-Length');
  headers.delete('Content-Encoding');
  return new Response(await response.arrayBuffer(), {
    status: 200,
    statusText: response.statusText,
    headers,
  });
}

async function savedCopy(kept) {
  const html = await kept.clone().text();
  const headers = new Headers(kept.headers);
  headers.delete('ETag'); // never taken for the portal's own answer
  headers.set('Cache-Control', 'no-store');
  return new Response(withBanner(html, kept.headers.get(SAVED_AT)), { status: 200, headers });
}

function withBanner(html, savedAt) {
  const banner = bannerHtml(savedAt);
  // Replacer functions, so nothing in the text is read as a replacement pattern.
  if (MARKER.test(html)) return html.replace(MARKER, () => banner);
  const opening = /<main\b[^>]*>/.exec(html) || /<body\b[^>]*>/.exec(html);
  if (!opening) return banner + html;
  const end = opening.index + opening[0].length;
  return html.slice(0, end) + banner + html.slice(end);
}

function bannerHtml(savedAt) {
  const when = new Date(savedAt || NaN);
  const known = !Number.isNaN(when.getTime());
  const text = known
    ? `<time datetime="${when.toISOString()}">${readable(when)}</time>`
    : 'an unknown time';
  return (
    '<div class="nhsuk-warning-callout portal-offline-banner" data-offline-copy>' +
    '<h2 class="nhsuk-warning-callout__label"><span role="text">' +
    '<span class="nhsuk-u-visually-hidden">Important: </span>Saved copy</span></h2>' +
    `<p>Saved copy from ${text}. It may not be current: connect to check.</p>` +
    '</div>'
  );
}

function readable(when) {
  // As the portal writes dates ("3 March 2025"), with the time: "3 March 2025 at 14:05".
  const day = when.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TIME_ZONE,
  });
  const time = when.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  });
  return `${day} at ${time}`;
}

async function staticFile(request, url) {
  const cache = await caches.open(STATIC);
  if (HASHED.test(url.pathname)) {
    // A hashed name's content never changes: the kept file is the file.
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) return kept;
    const response = await fetch(request);
    if (response.status === 200 && response.type === 'basic') {
      await cache.put(request, response.clone());
    }
    return response;
  }
  // An unhashed name (under DEBUG) may change: the network's file, the kept one offline.
  try {
    const response = await fetch(request);
    if (response.status === 200 && response.type === 'basic') {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}
