// A grant for the Secretariat: set the terms of a draft and send it; request, approve (a second person)
// and record payments; review reports (accept, or return with comments); record refunds; read the ledger.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { formatMoney, localTime, tidyAmount } from '../shared/format.js';
import { changeGrant, formatDay, grantStatusName, ledgerKindName, readGrant, reportKindName, reportStatusName, table, termsSection, totalsList, trancheTable } from '../shared/grants.js';
import { t } from '../shared/i18n.js';

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
    announce(notice, element('strong', read.result.problem.title ?? t('js.grants.not-loaded')), read.result.problem.detail ?? '');
    return;
  }

  const grant = read.grant;
  etag = read.etag;
  document.getElementById('title').textContent = t('secretariatGrant.title', { title: grant.title });
  const ledger = await api(`/api/grants/${encodeURIComponent(id)}/ledger?limit=100`);
  document.getElementById('grant').replaceChildren(
    element('p', [t('js.grants.status-label'), ' ', element('strong', grantStatusName(grant.status), { id: 'grant-status' }), grant.statusReason ? ` (${grant.statusReason})` : '']),
    grant.status === 'Draft' ? termsForm(grant) : '',
    grant.status === 'Draft' && grant.tranches.length > 0 ? button(t('js.secretariat.grant.send'), () => act('/send')) : '',
    termsSection(grant),
    element('h2', t('js.secretariat.grant.money')),
    totalsList(grant),
    trancheTable(grant, (tranche) => trancheAction(tranche)),
    grant.totals.refundOwed.amount !== grant.totals.refunded.amount ? refundForm(grant) : '',
    element('h2', t('grants.reports.caption')),
    ...grant.reports.map((r) => reportReview(r)),
    ledger.ok ? table(t('js.secretariat.grant.ledger'), ['#', t('grants.reports.kind'), t('grants.tranches.amount'), t('js.secretariat.grant.when'), t('js.secretariat.grant.by'), t('js.secretariat.grant.note'), t('grants.terms.reference')], ledger.data.items.map((e) => element('tr', [
      element('td', String(e.sequence)), element('td', ledgerKindName(e.kind)), element('td', formatMoney(e.amount)), element('td', localTime(e.at)),
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

async function act(path, body, method = 'POST', done = t('js.secretariat.grant.done')) {
  const result = await changeGrant(id, path, etag, { method, body });
  await load();
  if (!result.ok) {
    const errors = Object.values(result.problem.errors ?? {}).flat().join(' ');
    announce(notice, element('strong', result.problem.title ?? t('js.secretariat.grant.did-not-work')), ` ${result.problem.detail ?? ''} ${errors}`);
    notice.className = 'message message-warning';
    return false;
  }

  notice.className = 'message message-success';
  announce(notice, done);
  return true;
}

function trancheAction(tranche) {
  const n = { number: tranche.number };
  switch (tranche.status) {
    case 'Due': return button(t('secretariatGrant.request', n), () => act(`/tranches/${tranche.number}/request`, undefined, 'POST', t('secretariatGrant.requested', n)));
    case 'Requested': return button(t('secretariatGrant.approve', n), () => act(`/tranches/${tranche.number}/approve`, undefined, 'POST', t('secretariatGrant.approved', n)));
    case 'Approved': {
      const reference = element('input', null, { type: 'text', 'aria-label': t('secretariatGrant.referenceLabel', n), maxlength: '100', id: `reference-${tranche.number}` });
      const date = element('input', null, { type: 'date', 'aria-label': t('secretariatGrant.valueDateLabel', n), value: today(), id: `value-date-${tranche.number}` });
      return element('span', [reference, ' ', date, ' ', button(t('secretariatGrant.record', n), () => act(`/tranches/${tranche.number}/pay`, { reference: reference.value.trim(), valueDate: date.value }, 'POST', t('secretariatGrant.recorded', n)))]);
    }

    default: return '';
  }
}

function reportReview(r) {
  const n = { number: r.number };
  const open = element('a', t('secretariatGrant.openReport', n), { href: `/secretariat/report.html?id=${encodeURIComponent(id)}&report=${r.number}` });
  const parts = [element('h3', t('secretariatGrant.reportHeading', { number: r.number, kind: reportKindName(r.kind), due: formatDay(r.dueDate), status: reportStatusName(r.status) })), element('p', open)];
  if (r.status === 'Submitted') {
    const comments = element('textarea', null, { id: `comments-${r.number}`, rows: '3', maxlength: '4000' });
    parts.push(
      button(t('secretariatGrant.accept', n), () => act(`/reports/${r.number}/accept`, undefined, 'POST', t('secretariatGrant.accepted', n))),
      element('label', t('secretariatGrant.comments', n), { for: `comments-${r.number}` }), comments,
      button(t('secretariatGrant.return', n), () => act(`/reports/${r.number}/return`, { comments: comments.value }, 'POST', t('secretariatGrant.returned', n)), { class: 'secondary' }),
    );
  }

  return element('section', parts);
}

function refundForm(grant) {
  const amount = element('input', null, { type: 'text', id: 'refund-amount', inputmode: 'decimal' });
  const reference = element('input', null, { type: 'text', id: 'refund-reference', maxlength: '100' });
  return element('section', [element('h3', t('secretariatGrant.refundOwed', { amount: formatMoney(grant.totals.refundOwed) })),
    element('label', t('js.secretariat.grant.amount-received'), { for: 'refund-amount' }), amount, element('label', t('js.secretariat.grant.bank-reference'), { for: 'refund-reference' }), reference,
    button(t('js.secretariat.grant.record-refund'), () => act('/refunds', { amount: { amount: tidyAmount(amount.value), currency: grant.amount.currency }, reference: reference.value.trim() }, 'POST', t('js.secretariat.grant.refund-recorded')))]);
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
    field(t('secretariatGrant.tranchePercent', { number: n }), `tranche-${n}-percent`, { type: 'number', min: '0', max: '100', step: '0.01', value: n === 3 ? '20' : '40' }),
    field(t('secretariatGrant.trancheFrom', { number: n }), `tranche-${n}-date`, { type: 'date', value: start }),
  ], { class: 'fieldset-row' }));
  const reportRows = [['interim', 1], ['final', 2]].map(([kind, n]) => element('div', [
    field(t('secretariatGrant.reportPeriod', { number: n, kind: reportKindName(kind) }), `report-${n}-period`, { type: 'date', value: kind === 'final' ? end : later(6) }),
    field(t('secretariatGrant.reportDue', { number: n, kind: reportKindName(kind) }), `report-${n}-due`, { type: 'date', value: kind === 'final' ? later(13) : later(7) }),
  ], { class: 'fieldset-row' }));
  const save = button(t('js.secretariat.grant.save-terms'), () => {
    const value = (inputId) => document.getElementById(inputId).value;
    const tranches = [1, 2, 3].filter((n) => value(`tranche-${n}-percent`) !== '').map((n) => ({ dueDate: value(`tranche-${n}-date`), percent: Number(value(`tranche-${n}-percent`)) }));
    const reports = [1, 2].map((n) => ({ kind: n === 2 ? 'final' : 'interim', periodEnd: value(`report-${n}-period`), dueDate: value(`report-${n}-due`) }));
    return act('/terms', { startDate: value('terms-start'), endDate: value('terms-end'), tranches, reports }, 'PUT', t('js.secretariat.grant.terms-saved'));
  });
  return element('section', [element('h2', t('js.secretariat.grant.set-terms')), element('p', t('secretariatGrant.termsAbout', { amount: formatMoney(grant.amount) })),
    field(t('js.secretariat.grant.start'), 'terms-start', { type: 'date', value: grant.startDate ?? start }), field(t('js.secretariat.grant.end'), 'terms-end', { type: 'date', value: grant.endDate ?? end }),
    ...trancheRows, ...reportRows, save]);
}
