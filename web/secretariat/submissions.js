// The submissions table (Secretariat): one round's applications, filtered by status, a page at a
// time, with each organisation's name and a link to the application.
import { api, firstPageWithItems } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { clearProblems, showProblem, whileBusy } from '../shared/forms.js';
import { formatMoney, localTime, statusName } from '../shared/format.js';

const form = document.getElementById('submissions-form');
const rows = document.getElementById('submissions');
const more = document.getElementById('submissions-more');
const result = document.getElementById('submissions-result');
const organisations = new Map();
let query = null;
let shown = 0;

export function setUpSubmissions() {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, () => show(false));
  });
  more.addEventListener('click', async () => {
    more.disabled = true;
    await show(true);
    more.disabled = false;
  });
}

/** The rounds to choose from, grouped by fund. */
export function setRounds(rounds, funds) {
  const select = document.getElementById('submissions-round');
  const chosen = select.value;
  const groups = funds.map((fund) => {
    const own = rounds.filter((round) => round.fundId === fund.id);
    return own.length === 0 ? null : element('optgroup', own.map((round) => element('option', round.title, { value: round.id })), { label: fund.name });
  }).filter(Boolean);
  select.replaceChildren(element('option', 'Choose a round', { value: '' }), ...groups);
  select.value = chosen;
}

/** Chooses a round and shows its applications. */
export async function showRound(roundId) {
  document.getElementById('submissions-round').value = roundId;
  document.getElementById('submissions-title').focus();
  await whileBusy(form, () => show(false));
}

async function show(again) {
  clearProblems(form);
  if (!again) {
    const roundId = form.elements.namedItem('roundId').value;
    if (!roundId) {
      showProblem(form, { errors: { roundId: ['Choose the round whose applications you want to see.'] } });
      return;
    }

    query = new URLSearchParams({ roundId, limit: '25' });
    const status = form.elements.namedItem('status').value;
    if (status) {
      query.set('status', status);
    }

    rows.replaceChildren();
    shown = 0;
  }

  const page = await firstPageWithItems((q) => api(`/api/applications?${q}`), query);
  if (!page.ok) {
    showProblem(form, page.problem);
    return;
  }

  await namesOf(page.data.items.map((item) => item.organisationId));
  const added = page.data.items.map(row);
  rows.append(...added);
  shown += added.length;
  if (page.data.nextCursor) {
    query.set('cursor', page.data.nextCursor);
  }

  more.hidden = !page.data.nextCursor;
  document.getElementById('submissions-list').hidden = shown === 0;
  const select = form.elements.namedItem('roundId');
  const roundName = select.options[select.selectedIndex]?.textContent ?? 'this round';
  const status = form.elements.namedItem('status');
  const filter = status.value ? ` with the status ${status.options[status.selectedIndex].textContent}` : '';
  document.getElementById('submissions-caption').textContent = `Applications to ${roundName}${filter}`;
  result.textContent = shown === 0
    ? `No applications to ${roundName}${filter}.`
    : `${shown} application${shown === 1 ? '' : 's'} to ${roundName}${filter}${page.data.nextCursor ? ' so far; there are more' : ''}.`;
  if (again && added.length > 0) {
    added[0].querySelector('a').focus();
  }
}

async function namesOf(ids) {
  const unknown = [...new Set(ids)].filter((id) => !organisations.has(id));
  await Promise.all(unknown.map(async (id) => {
    const organisation = await api(`/api/organisations/${encodeURIComponent(id)}`);
    organisations.set(id, organisation.ok ? organisation.data.name : 'Unknown organisation');
  }));
}

function row(application) {
  return element('tr', [
    element('th', element('a', application.title || 'Untitled application', { href: `/applicant/application.html?id=${encodeURIComponent(application.id)}` }), { scope: 'row' }),
    element('td', organisations.get(application.organisationId) ?? ''),
    element('td', formatMoney(application.requestedAmount), { class: 'number' }),
    element('td', element('span', statusName(application.status), { class: `status status-${application.status.toLowerCase()}` })),
    element('td', application.reference ?? '—'),
    element('td', element('time', localTime(application.updatedAt), { datetime: application.updatedAt })),
  ]);
}
