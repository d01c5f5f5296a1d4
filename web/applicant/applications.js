// My applications (Applicant): the organisation's applications, a page at a time, each with its
// call, status and reference, linking to the application's own page.
import { api, firstPageWithItems } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { localTime, statusName } from '../shared/format.js';

const rows = document.getElementById('rows');
const more = document.getElementById('more');
const roundTitles = new Map();
let cursor = null;

more.addEventListener('click', () => load(true));

if (await startPage({ requires: 'Applicant' })) {
  await load(false);
} else {
  document.getElementById('loading').hidden = true;
}

async function load(again) {
  more.disabled = true;
  const query = new URLSearchParams({ limit: '25' });
  if (cursor) {
    query.set('cursor', cursor);
  }

  const result = await firstPageWithItems((q) => api(`/api/applications?${q}`), query);
  document.getElementById('loading').hidden = true;
  more.disabled = false;
  if (!result.ok) {
    announce(document.getElementById('notice'), element('strong', result.problem.title ?? 'Your applications could not be loaded.'), result.problem.detail ?? '');
    return;
  }

  await titlesOf(result.data.items.map((item) => item.roundId));
  const added = result.data.items.map(row);
  rows.append(...added);
  cursor = result.data.nextCursor;
  more.hidden = !cursor;
  document.getElementById('list').hidden = rows.childElementCount === 0;
  document.getElementById('none').hidden = rows.childElementCount > 0 || Boolean(cursor);
  if (again && added.length > 0) {
    added[0].querySelector('a').focus();
  }
}

// Each call's title, read once per call (calls are public).
async function titlesOf(roundIds) {
  const unknown = [...new Set(roundIds)].filter((roundId) => !roundTitles.has(roundId));
  await Promise.all(unknown.map(async (roundId) => {
    const round = await api(`/api/rounds/${encodeURIComponent(roundId)}`, { on401: 'return' });
    roundTitles.set(roundId, round.ok ? round.data.title : 'A call that is no longer listed');
  }));
}

function row(application) {
  return element('tr', [
    element('th', element('a', application.title || 'Untitled application', { href: `/applicant/application.html?id=${encodeURIComponent(application.id)}` }), { scope: 'row' }),
    element('td', roundTitles.get(application.roundId) ?? ''),
    element('td', element('span', statusName(application.status), { class: `status status-${application.status.toLowerCase()}` })),
    element('td', application.reference ?? '—'),
    element('td', element('time', localTime(application.updatedAt), { datetime: application.updatedAt })),
  ]);
}
