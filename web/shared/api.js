// Every call the portal makes to the API goes through here, so each one carries the session cookie
// and the header the API requires of cookie-authenticated changes (X-TFG-Request), and every failure
// arrives in one shape: { ok: false, status, problem } with the API's problem details.
import { t } from './i18n.js';

const signInPage = '/signin.html';

/** True once the session ended and the page is on its way to sign-in: its unsaved work is kept in the browser, so no leave warning is due. */
export let leavingToSignIn = false;

/**
 * Calls the API and answers { ok, status, data, problem, headers }.
 * A 401 sends the person to sign in, unless `on401: 'return'` says the caller handles it
 * (pages anyone may see, and the sign-in exchange itself).
 * A `body` that is a Blob (a File from a file input) goes as its raw bytes, for uploads; anything
 * else goes as JSON.
 */
export async function api(path, { method = 'GET', body, headers = {}, on401 = 'redirect' } = {}) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json', 'X-TFG-Request': '1', ...headers },
  };
  if (body instanceof Blob) {
    init.headers = { 'Content-Type': body.type || 'application/octet-stream', ...init.headers };
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(path, init);
  } catch {
    return failure(0, new Headers(), {
      title: t('js.shared.api.the-service-cannot-be-reached'),
      detail: t('js.shared.api.check-your-internet-connection-then'),
    });
  }

  const data = await readJson(response);
  if (response.ok) {
    return { ok: true, status: response.status, data, problem: null, headers: response.headers };
  }

  if (response.status === 401 && on401 === 'redirect') {
    rememberReturn();
    leavingToSignIn = true;
    location.assign(`${signInPage}?expired`);
  }

  return failure(response.status, response.headers, data ?? {
    title: t('js.shared.api.something-went-wrong'),
    detail: t('api.failed', { status: response.status }),
  });
}

/**
 * Reads a list page by page (`?limit=&cursor=`) until a page has items or there are no more: storage
 * may answer a filtered query with an empty page and a cursor. `read(query)` calls the API.
 */
export async function firstPageWithItems(read, query, maxPages = 10) {
  let result = await read(query);
  for (let page = 1; page < maxPages && result.ok && result.data.items.length === 0 && result.data.nextCursor; page++) {
    query.set('cursor', result.data.nextCursor);
    result = await read(query);
  }

  return result;
}

/** The Retry-After of a 429 as words a person can act on, e.g. "about 3 minutes". */
export function waitInWords(headers) {
  const seconds = Number.parseInt(headers.get('Retry-After') ?? '', 10);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return t('api.wait.few');
  }

  if (seconds < 60) {
    return t('api.wait.seconds', { count: seconds });
  }

  const minutes = Math.ceil(seconds / 60);
  return t('api.wait.minutes', { count: minutes });
}

// Where to come back to after signing in again. Kept in localStorage, not the URL: the sign-in link
// often opens in a new tab, which must still return the person to the page they were working on.
const returnKey = 'tfg-return-to';

function rememberReturn() {
  try {
    localStorage.setItem(returnKey, JSON.stringify({ path: location.pathname + location.search, at: Date.now() }));
  } catch {
    // Without storage the person lands on Home after signing in, as before.
  }
}

/** The page to go to after signing in: the one a session ended on within the last day, else Home. Read once. */
export function takeReturnPath() {
  let saved;
  try {
    saved = JSON.parse(localStorage.getItem(returnKey) ?? 'null');
    localStorage.removeItem(returnKey);
  } catch {
    return '/';
  }

  const fresh = saved && Date.now() - saved.at < 86_400_000;
  // Only a path on this site: never "//elsewhere" or a full address.
  return fresh && /^\/(?!\/)[^\s]*$/.test(saved.path) && !saved.path.startsWith('/signin.html') ? saved.path : '/';
}

function failure(status, headers, problem) {
  return { ok: false, status, data: null, problem, headers };
}

async function readJson(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (response.status === 204 || !type.includes('json')) {
    return null;
  }

  try {
    return await response.json();
  } catch {
    return null;
  }
}
