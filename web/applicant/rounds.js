// Open calls (anyone): the rounds that take applications now or soon, a page at a time.
import { api, firstPageWithItems } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { deadlineOf, formatMoney, inRoundZone, roundStatusName } from '../shared/format.js';

const list = document.getElementById('calls');
const more = document.getElementById('more');
const notice = document.getElementById('notice');
let cursor = null;

more.addEventListener('click', () => load(true));

await startPage();
await load(false);

async function load(again) {
  more.disabled = true;
  const query = new URLSearchParams({ limit: '25' });
  if (cursor) {
    query.set('cursor', cursor);
  }

  const result = await firstPageWithItems((q) => api(`/api/rounds?${q}`, { on401: 'return' }), query);
  document.getElementById('loading').hidden = true;
  more.disabled = false;
  if (!result.ok) {
    announce(notice, element('strong', result.problem.title ?? 'The calls could not be loaded.'), result.problem.detail ?? 'Please try again in a few minutes.');
    return;
  }

  const items = result.data.items.map(call);
  list.append(...items);
  list.hidden = list.childElementCount === 0;
  cursor = result.data.nextCursor;
  more.hidden = !cursor;
  document.getElementById('none').hidden = list.childElementCount > 0 || Boolean(cursor);

  // After "More calls", the first new call takes focus so a keyboard or screen reader user reads on from there.
  if (again && items.length > 0) {
    items[0].querySelector('a').focus();
  }
}

function call(round) {
  const headingId = `call-${round.id}`;
  const details = element('dl', [
    ...(round.status === 'Upcoming' ? row('Opens', inRoundZone(round.opensAtLocal, round.timeZone)) : row('Status', roundStatusName(round.status))),
    ...row('Deadline', deadlineOf(round)),
    ...row('Funding available', formatMoney(round.envelope)),
    ...row('Grants', `${formatMoney(round.minGrant)} to ${formatMoney(round.maxGrant)}`),
  ], { class: 'details compact' });
  return element('li', [
    element('h2', element('a', round.title, { href: `/applicant/round.html?id=${encodeURIComponent(round.id)}` }), { id: headingId }),
    details,
  ], { 'aria-labelledby': headingId });
}

function row(term, description) {
  return [element('dt', term), element('dd', description)];
}
