// A grant for the Secretariat: set the terms of a draft and send it; request, approve (a second person)
// and record payments; review reports (accept, or return with comments); record refunds; read the ledger.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { formatMoney } from '../shared/format.js';
import { changeGrant, grantStatusName, readGrant, reportStatusName, table, termsSection, totalsList, trancheTable } from '../shared/grants.js';

const id = new URLSearchParams(location.search).get('id') ?? '';
const notice = document.getElementById('notice');
const today = () => new Date().toISOString().slice(0, 10);
let etag = null;

const me = await startPage({ requires: 'Secretariat' });
if (me) {
  await load();
}

document.getElementById('loading').hidden = true;

async function load() {
  const read = await readGrant(id);
  if (!read.ok) {
    announce(notice, element('strong', read.result.problem.title ?? 'This grant could not be loaded.'), read.result.problem.detail ?? '');
    return;
  }

  const grant = read.grant;
  etag = read.etag;
  document.getElementById('title').textContent = `Grant: ${grant.title}`;
  const ledger = await api(`/api/grants/${encodeURIComponent(id)}/ledger?limit=100`);
  document.getElementById('grant').replaceChildren(
    element('p', ['Status: ', element('strong', grantStatusName(grant.status), { id: 'grant-status' }), grant.statusReason ? ` (${grant.statusReason})` : '']),
    grant.status === 'Draft' ? termsForm(grant) : '',
    grant.status === 'Draft' && grant.tranches.length > 0 ? button('Send the agreement for signature', () => act('/send')) : '',
    termsSection(grant),
    element('h2', 'Money'),
    totalsList(grant),
    trancheTable(grant, (t) => trancheAction(t)),
    grant.totals.refundOwed.amount !== grant.totals.refunded.amount ? refundForm(grant) : '',
    element('h2', 'Reports'),
    ...grant.reports.map((r) => reportReview(r)),
    ledger.ok ? table('Ledger', ['#', 'Kind', 'Amount', 'When', 'By', 'Note', 'Reference'], ledger.data.items.map((e) => element('tr', [
      element('td', String(e.sequence)), element('td', e.kind), element('td', formatMoney(e.amount)), element('td', e.at.slice(0, 16).replace('T', ' ')),
      element('td', e.by), element('td', e.note), element('td', e.reference ?? '—')]))) : '',
  );
}

function button(text, onClick, attributes = {}) {
  const node = element('button', text, { type: 'button', ...attributes });
  node.addEventListener('click', async () => {
    node.disabled = true;
    try {
      await onClick();
    } finally {
      node.disabled = false;
    }
  });
  return node;
}

async function act(path, body, method = 'POST', done = 'Done.') {
  const result = await changeGrant(id, path, etag, { method, body });
  await load();
  if (!result.ok) {
    const errors = Object.values(result.problem.errors ?? {}).flat().join(' ');
    announce(notice, element('strong', result.problem.title ?? 'That did not work.'), ` ${result.problem.detail ?? ''} ${errors}`);
    notice.className = 'message message-warning';
    return false;
  }

  notice.className = 'message message-success';
  announce(notice, done);
  return true;
}

function trancheAction(t) {
  switch (t.status) {
    case 'Due': return button(`Request payment of tranche ${t.number}`, () => act(`/tranches/${t.number}/request`, undefined, 'POST', `Payment of tranche ${t.number} requested; a second person approves it.`));
    case 'Requested': return button(`Approve payment of tranche ${t.number}`, () => act(`/tranches/${t.number}/approve`, undefined, 'POST', `Payment of tranche ${t.number} approved.`));
    case 'Approved': {
      const reference = element('input', null, { type: 'text', 'aria-label': `Payment reference for tranche ${t.number}`, maxlength: '100', id: `reference-${t.number}` });
      const date = element('input', null, { type: 'date', 'aria-label': `Value date for tranche ${t.number}`, value: today(), id: `value-date-${t.number}` });
      return element('span', [reference, ' ', date, ' ', button(`Record tranche ${t.number} paid`, () => act(`/tranches/${t.number}/pay`, { reference: reference.value.trim(), valueDate: date.value }, 'POST', `Tranche ${t.number} recorded paid.`))]);
    }

    default: return '';
  }
}

function reportReview(r) {
  const open = element('a', `Open report ${r.number}`, { href: `/secretariat/report.html?id=${encodeURIComponent(id)}&report=${r.number}` });
  const parts = [element('h3', `Report ${r.number} (${r.kind}), due ${r.dueDate}: ${reportStatusName(r.status)}`), element('p', open)];
  if (r.status === 'Submitted') {
    const comments = element('textarea', null, { id: `comments-${r.number}`, rows: '3', maxlength: '4000' });
    parts.push(
      button(`Accept report ${r.number}`, () => act(`/reports/${r.number}/accept`, undefined, 'POST', `Report ${r.number} accepted.`)),
      element('label', `Comments for the NGO (to return report ${r.number})`, { for: `comments-${r.number}` }), comments,
      button(`Return report ${r.number} with comments`, () => act(`/reports/${r.number}/return`, { comments: comments.value }, 'POST', `Report ${r.number} returned.`), { class: 'secondary' }),
    );
  }

  return element('section', parts);
}

function refundForm(grant) {
  const amount = element('input', null, { type: 'text', id: 'refund-amount', inputmode: 'decimal' });
  const reference = element('input', null, { type: 'text', id: 'refund-reference', maxlength: '100' });
  return element('section', [element('h3', `Refund owed: ${formatMoney(grant.totals.refundOwed)}`),
    element('label', 'Amount received', { for: 'refund-amount' }), amount, element('label', 'Bank reference', { for: 'refund-reference' }), reference,
    button('Record the refund', () => act('/refunds', { amount: { amount: amount.value.trim(), currency: grant.amount.currency }, reference: reference.value.trim() }, 'POST', 'Refund recorded.'))]);
}

function termsForm(grant) {
  const field = (label, inputId, attributes) => element('div', [element('label', label, { for: inputId }), element('input', null, { id: inputId, ...attributes })], { class: 'field' });
  const start = today();
  const later = (months) => {
    const date = new Date();
    date.setMonth(date.getMonth() + months);
    return date.toISOString().slice(0, 10);
  };
  const end = later(12);
  const trancheRows = [1, 2, 3].map((n) => element('div', [
    field(`Tranche ${n}: percentage`, `tranche-${n}-percent`, { type: 'number', min: '0', max: '100', step: '0.01', value: n === 3 ? '20' : '40' }),
    field(`Tranche ${n}: first day it may be paid`, `tranche-${n}-date`, { type: 'date', value: start }),
  ], { class: 'fieldset-row' }));
  const reportRows = [['interim', 1], ['final', 2]].map(([kind, n]) => element('div', [
    field(`Report ${n} (${kind}): period ends`, `report-${n}-period`, { type: 'date', value: kind === 'final' ? end : later(6) }),
    field(`Report ${n} (${kind}): due`, `report-${n}-due`, { type: 'date', value: kind === 'final' ? later(13) : later(7) }),
  ], { class: 'fieldset-row' }));
  const save = button('Save the terms', () => {
    const value = (inputId) => document.getElementById(inputId).value;
    const tranches = [1, 2, 3].filter((n) => value(`tranche-${n}-percent`) !== '').map((n) => ({ dueDate: value(`tranche-${n}-date`), percent: Number(value(`tranche-${n}-percent`)) }));
    const reports = [1, 2].map((n) => ({ kind: n === 2 ? 'final' : 'interim', periodEnd: value(`report-${n}-period`), dueDate: value(`report-${n}-due`) }));
    return act('/terms', { startDate: value('terms-start'), endDate: value('terms-end'), tranches, reports }, 'PUT', 'Terms saved.');
  });
  return element('section', [element('h2', 'Set the terms'), element('p', `Tranches add up to ${formatMoney(grant.amount)}; the last takes any rounding remainder. Each tranche after the first waits for the report before it.`),
    field('Start date', 'terms-start', { type: 'date', value: grant.startDate ?? start }), field('End date', 'terms-end', { type: 'date', value: grant.endDate ?? end }),
    ...trancheRows, ...reportRows, save]);
}
