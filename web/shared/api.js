// Every call the portal makes to the API goes through here, so each one carries the session cookie
// and the header the API requires of cookie-authenticated changes (X-TFG-Request), and every failure
// arrives in one shape: { ok: false, status, problem } with the API's problem details.

const signInPage = '/signin.html';

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
      title: 'The service cannot be reached.',
      detail: 'Check your internet connection, then try again.',
    });
  }

  const data = await readJson(response);
  if (response.ok) {
    return { ok: true, status: response.status, data, problem: null, headers: response.headers };
  }

  if (response.status === 401 && on401 === 'redirect') {
    location.assign(`${signInPage}?expired`);
  }

  return failure(response.status, response.headers, data ?? {
    title: 'Something went wrong.',
    detail: `The service answered ${response.status}. Please try again in a few minutes.`,
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
    return 'a few minutes';
  }

  if (seconds < 60) {
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  }

  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
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
