// Funds and rounds (Secretariat): the funds with their open and upcoming rounds, setting up a fund,
// setting up a round (round-setup.js) and each round's submissions (submissions.js).
import { api } from './api.js';
import { startPage } from './nav.js';
import { element } from './dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from './forms.js';
import { deadlineOf, roundStatusName } from './format.js';
import { setFunds, setUpRoundForm } from './round-setup.js';
import { setRounds, setUpSubmissions, showRound } from './submissions.js';

const fundForm = document.getElementById('fund-form');
const currencySelect = document.getElementById('fund-currency');
const currencyOther = document.getElementById('fund-currency-other');
let funds = [];
let rounds = [];

if (await startPage({ requires: 'Secretariat' })) {
  const [fundList, roundList] = await Promise.all([api('/api/funds'), allRounds()]);
  roundList.push(...await roundsInReview(roundList));
  document.getElementById('loading').hidden = true;
  if (!fundList.ok) {
    const main = document.getElementById('main');
    main.append(element('div', [element('strong', fundList.problem.title ?? 'The funds could not be loaded.'), element('p', fundList.problem.detail ?? '')], { class: 'message message-warning', role: 'alert' }));
  } else {
    funds = fundList.data;
    rounds = roundList;
    setUpFundForm();
    setUpRoundForm((round) => {
      rounds.push(round);
      refresh();
    });
    setUpSubmissions();
    refresh();
    document.getElementById('page').hidden = false;
  }
} else {
  document.getElementById('loading').hidden = true;
}

// Every open and upcoming round, following the cursor to the end.
async function allRounds() {
  const found = [];
  let cursor = null;
  for (let page = 0; page < 50; page++) {
    const query = new URLSearchParams({ limit: '100' });
    if (cursor) {
      query.set('cursor', cursor);
    }

    const result = await api(`/api/rounds?${query}`);
    if (!result.ok) {
      break;
    }

    found.push(...result.data.items);
    cursor = result.data.nextCursor;
    if (!cursor) {
      break;
    }
  }

  return found;
}

// GET /api/rounds lists only open and upcoming calls, yet a closed round is where panels review and
// the Secretariat decides. Such a round still holds eligible applications, so their rounds are
// found through the Secretariat's list of applications across rounds.
async function roundsInReview(listed) {
  const known = new Set(listed.map((round) => round.id));
  const ids = new Set();
  const query = new URLSearchParams({ status: 'Eligible', limit: '100' });
  for (let page = 0; page < 20; page++) {
    const result = await api(`/api/applications?${query}`);
    if (!result.ok) {
      break;
    }

    result.data.items.filter((item) => !known.has(item.roundId)).forEach((item) => ids.add(item.roundId));
    if (!result.data.nextCursor) {
      break;
    }

    query.set('cursor', result.data.nextCursor);
  }

  const found = await Promise.all([...ids].map((id) => api(`/api/rounds/${encodeURIComponent(id)}`)));
  return found.filter((result) => result.ok).map((result) => result.data);
}

function refresh() {
  const body = document.getElementById('funds');
  body.replaceChildren(...funds.map((fund) => {
    const own = rounds.filter((round) => round.fundId === fund.id);
    return element('tr', [
      element('th', [element('span', fund.name, { class: 'strong' }), fund.description ? element('span', fund.description, { class: 'cell-hint' }) : ''], { scope: 'row' }),
      element('td', fund.currency),
      element('td', own.length === 0 ? 'None' : element('ul', own.map(roundItem), { class: 'plain-list' })),
    ]);
  }));
  document.getElementById('funds-list').hidden = funds.length === 0;
  document.getElementById('funds-none').hidden = funds.length > 0;
  setFunds(funds);
  setRounds(rounds, funds);
}

function roundItem(round) {
  const submissions = element('button', ['Submissions', element('span', ` to ${round.title}`, { class: 'visually-hidden' })], { type: 'button', class: 'link-button' });
  submissions.addEventListener('click', () => showRound(round.id));
  const about = element('span', ` for ${round.title}`, { class: 'visually-hidden' });
  return element('li', [
    element('a', round.title, { href: `/round.html?id=${encodeURIComponent(round.id)}` }),
    element('span', ` ${roundStatusName(round.status)}, deadline ${deadlineOf(round)}. `, { class: 'cell-hint-inline' }),
    element('span', [
      submissions,
      element('a', ['Review panel', about.cloneNode(true)], { href: `/review-panel.html?roundId=${encodeURIComponent(round.id)}` }),
      element('a', ['Ranking', about], { href: `/ranking.html?roundId=${encodeURIComponent(round.id)}` }),
    ], { class: 'round-actions' }),
  ]);
}

function setUpFundForm() {
  currencySelect.addEventListener('change', () => {
    const other = currencySelect.value === 'other';
    document.getElementById('fund-currency-other-field').hidden = !other;
    currencyOther.disabled = !other;
    // Errors about the currency go to the control the person used.
    currencySelect.closest('.field').dataset.field = other ? '' : 'currency';
    currencyOther.closest('.field').dataset.field = other ? 'currency' : '';
    if (other) {
      currencyOther.focus();
    }
  });
  currencyOther.closest('.field').dataset.field = '';
  fundForm.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(fundForm, createFund);
  });
}

async function createFund() {
  clearProblems(fundForm);
  const notice = document.getElementById('fund-notice');
  notice.hidden = true;
  const fields = values(fundForm);
  const currency = fields.currency === 'other' ? (fields.currencyOther ?? '').toUpperCase() : fields.currency;
  const result = await api('/api/funds', { method: 'POST', body: { name: fields.name, currency, description: fields.description || null } });
  if (!result.ok) {
    showProblem(fundForm, result.problem);
    return;
  }

  funds.push(result.data);
  funds.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  fundForm.reset();
  currencySelect.dispatchEvent(new Event('change'));
  refresh();
  document.getElementById('round-fund').value = result.data.id;
  document.getElementById('round-fund').dispatchEvent(new Event('change'));
  announce(notice, element('strong', `${result.data.name} is set up, in ${result.data.currency}.`), element('p', [
    'It is chosen in ', element('a', 'the round form below', { href: '#round-title' }), ' so you can set up its first round.',
  ]));
}
