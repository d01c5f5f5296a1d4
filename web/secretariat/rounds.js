// Funds and rounds (Secretariat): the funds with every round in any state, setting up a fund,
// setting up a round (round-setup.js) and each round's submissions (submissions.js).
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { deadlineOf, inRoundZone, roundStatusName } from '../shared/format.js';
import { editRound, setFunds, setUpRoundForm } from './round-setup.js';
import { setRounds, setUpSubmissions, showRound } from './submissions.js';
import { setReplyToFunds, setUpReplyTo } from './fund-reply-to.js';
import { nodes, t } from '../shared/i18n.js';

const fundForm = document.getElementById('fund-form');
const currencySelect = document.getElementById('fund-currency');
const currencyOther = document.getElementById('fund-currency-other');
let funds = [];
let rounds = [];

if (await startPage({ requires: 'Secretariat' })) {
  const fundList = await api('/api/funds');
  const roundList = fundList.ok ? await roundsOf(fundList.data) : [];
  document.getElementById('loading').hidden = true;
  if (!fundList.ok) {
    const main = document.getElementById('main');
    main.append(element('div', [element('strong', fundList.problem.title ?? t('js.secretariat.rounds.the-funds-could-not-be')), element('p', fundList.problem.detail ?? '')], { class: 'message message-warning', role: 'alert' }));
  } else {
    funds = fundList.data;
    rounds = roundList;
    setUpFundForm();
    setUpReplyTo();
    setUpRoundForm((round) => {
      rounds = [...rounds.filter((each) => each.id !== round.id), round];
      refresh();
    });
    setUpSubmissions();
    refresh();
    await editFromLink();
    document.getElementById('page').hidden = false;
  }
} else {
  document.getElementById('loading').hidden = true;
}

// Every round of every fund, in any state: closed rounds are where panels review and the
// Secretariat decides. A fund runs few rounds, so each fund's list is one unpaged read.
async function roundsOf(list) {
  const found = await Promise.all(list.map((fund) => api(`/api/funds/${encodeURIComponent(fund.id)}/rounds`)));
  const failed = found.filter((result) => !result.ok).length;
  if (failed > 0) {
    const notice = element('div', [
      element('strong', t('secRounds.failed', { count: failed })),
      element('p', t('js.secretariat.rounds.those-funds-show-no-rounds')),
    ], { class: 'message message-warning', role: 'alert' });
    document.getElementById('funds-title').after(notice);
  }

  return found.filter((result) => result.ok).flatMap((result) => result.data);
}

// rounds.html?edit=<id> (from the round's page) opens the set-up form on that round, while it has not opened.
async function editFromLink() {
  const id = new URLSearchParams(location.search).get('edit');
  if (!id) {
    return;
  }

  const read = await api(`/api/rounds/${encodeURIComponent(id)}`);
  if (read.ok && read.data.status === 'Upcoming') {
    editRound(read.data, read.headers.get('ETag') ?? '');
  } else {
    document.getElementById('round-form').before(element('div', element('p', read.ok ? t('js.secretariat.rounds.opened-no-edit') : (read.problem.detail ?? t('js.secretariat.round.could-not-be-read'))), { class: 'message message-warning', role: 'alert' }));
  }
}

function refresh() {
  // Newest first, as the API lists them, with a round set up here in its place among them.
  rounds.sort((a, b) => Date.parse(b.opensAt) - Date.parse(a.opensAt));
  const body = document.getElementById('funds');
  body.replaceChildren(...funds.map((fund) => {
    const own = rounds.filter((round) => round.fundId === fund.id);
    return element('tr', [
      element('th', [element('span', fund.name, { class: 'strong' }), fund.description ? element('span', fund.description, { class: 'cell-hint' }) : ''], { scope: 'row' }),
      element('td', fund.currency),
      element('td', own.length === 0 ? t('js.secretariat.rounds.none') : element('ul', own.map(roundItem), { class: 'plain-list' })),
    ]);
  }));
  document.getElementById('funds-list').hidden = funds.length === 0;
  document.getElementById('funds-none').hidden = funds.length > 0;
  setFunds(funds);
  setReplyToFunds(funds);
  setRounds(rounds, funds);
}

function roundItem(round) {
  const submissions = element('button', [t('js.secretariat.rounds.submissions'), element('span', ` ${t('js.secretariat.rounds.to-round', { title: round.title })}`, { class: 'visually-hidden' })], { type: 'button', class: 'link-button' });
  submissions.addEventListener('click', () => showRound(round.id));
  const about = element('span', ` ${t('js.secretariat.rounds.for-round', { title: round.title })}`, { class: 'visually-hidden' });
  return element('li', [
    element('a', round.title, { href: `/applicant/round.html?id=${encodeURIComponent(round.id)}` }),
    element('span', ` ${t(round.reviewDueAtLocal ? 'secRounds.lineWithReviews' : 'secRounds.line', { status: roundStatusName(round.status), deadline: deadlineOf(round), reviews: round.reviewDueAtLocal ? inRoundZone(round.reviewDueAtLocal, round.timeZone) : '' })} `, { class: 'cell-hint-inline' }),
    element('span', [
      element('a', [t('js.secretariat.rounds.schedule'), about.cloneNode(true)], { href: `/secretariat/round.html?id=${encodeURIComponent(round.id)}` }),
      submissions,
      element('a', [t('js.secretariat.rounds.review-panel'), about.cloneNode(true)], { href: `/secretariat/review-panel.html?roundId=${encodeURIComponent(round.id)}` }),
      element('a', [t('js.secretariat.rounds.ranking'), about], { href: `/secretariat/ranking.html?roundId=${encodeURIComponent(round.id)}` }),
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
  const result = await api('/api/funds', { method: 'POST', body: { name: fields.name, currency, description: fields.description || null, replyTo: fields.replyTo || null } });
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
  announce(notice, element('strong', t('secRounds.fundCreated', { name: result.data.name, currency: result.data.currency })), element('p', nodes('secRounds.chosenBelow', {}, element('a', '', { href: '#round-title' }))));
}
