// What the grant pages share: reading a grant with its ETag, sending a change under it (If-Match), and
// the words for the grant, tranche and report states.
import { api } from './api.js';
import { element } from './dom.js';
import { formatMoney } from './format.js';

/** The grant and the ETag to send back with a change, or the failed result. */
export async function readGrant(id) {
  const result = await api(`/api/grants/${encodeURIComponent(id)}`);
  return result.ok ? { ok: true, grant: result.data, etag: result.headers.get('ETag'), result } : { ok: false, result };
}

/** A change to the grant (or its report) under the ETag last read. */
export function changeGrant(id, path, etag, { method = 'POST', body } = {}) {
  return api(`/api/grants/${encodeURIComponent(id)}${path}`, { method, body, headers: etag ? { 'If-Match': etag } : {} });
}

const grantStatuses = {
  Draft: 'Draft (terms being set)', AwaitingSignature: 'Awaiting signature', Active: 'Active', Suspended: 'Suspended', Closed: 'Closed', Terminated: 'Terminated',
};

export const grantStatusName = (status) => grantStatuses[status] ?? status;

const reportStatuses = { Draft: 'Not submitted', Submitted: 'Submitted, under review', Accepted: 'Accepted', ReturnedForChanges: 'Returned for changes' };

export const reportStatusName = (status) => reportStatuses[status] ?? status;

export const trancheStatusName = (status) => ({ Due: 'Due for payment', Requested: 'Payment requested', Approved: 'Payment approved' }[status] ?? status);

/** A table of the grant's tranches; `actions(tranche)` may add a cell of buttons. */
export function trancheTable(grant, actions) {
  const head = ['Tranche', 'Amount', 'From', 'After report', 'Status', 'Requested by', 'Approved by', 'Paid'];
  if (actions) {
    head.push('Action');
  }

  const rows = grant.tranches.map((t) => {
    const cells = [
      element('th', String(t.number), { scope: 'row' }), element('td', formatMoney(t.amount)), element('td', t.dueDate),
      element('td', t.afterReport ? `Report ${t.afterReport}` : '—'), element('td', trancheStatusName(t.status)),
      element('td', t.requestedBy ?? '—'), element('td', t.approvedBy ?? '—'),
      element('td', t.paymentReference ? `${t.valueDate} (ref. ${t.paymentReference})` : '—'),
    ];
    if (actions) {
      cells.push(element('td', actions(t) ?? ''));
    }

    return element('tr', cells);
  });
  return table('Tranches', head, rows);
}

/** A table with a caption, a header row and body rows, wrapped to scroll sideways on a phone. */
export function table(caption, head, rows) {
  return element('div', element('table', [
    element('caption', caption),
    element('thead', element('tr', head.map((h) => element('th', h, { scope: 'col' })))),
    element('tbody', rows),
  ]), { class: 'table-wrap' });
}

/** The grant's money: committed, paid, refunded, still to pay, refund owed. */
export function totalsList(grant) {
  const t = grant.totals;
  return element('dl', [
    element('dt', 'Committed'), element('dd', formatMoney(t.committed)),
    element('dt', 'Paid'), element('dd', formatMoney(t.disbursed)),
    element('dt', 'Refunded'), element('dd', formatMoney(t.refunded)),
    element('dt', 'Still to pay'), element('dd', formatMoney(t.balance)),
    element('dt', 'Refund owed'), element('dd', formatMoney(t.refundOwed)),
  ], { class: 'summary-list' });
}

/** The agreement's terms in words: period, amount, budget, reports. */
export function termsSection(grant) {
  return element('section', [
    element('h2', 'Terms'),
    element('dl', [
      element('dt', 'Organisation'), element('dd', grant.organisationName || '—'),
      element('dt', 'Reference'), element('dd', grant.reference),
      element('dt', 'Amount'), element('dd', formatMoney(grant.amount)),
      element('dt', 'Period'), element('dd', grant.startDate ? `${grant.startDate} to ${grant.endDate}` : 'Not set yet'),
      element('dt', 'Countries'), element('dd', grant.countries.join(', ') || '—'),
    ], { class: 'summary-list' }),
    table('Approved budget', ['Line', 'Category', 'Description', 'Amount', 'Spent so far'],
      grant.budget.map((l) => element('tr', [element('td', String(l.line + 1)), element('th', l.category, { scope: 'row' }), element('td', l.description), element('td', formatMoney(l.amount)), element('td', formatMoney(l.spent))]))),
    table('Reports', ['Report', 'Kind', 'Period ends', 'Due', 'Status'],
      grant.reports.map((r) => element('tr', [element('th', String(r.number), { scope: 'row' }), element('td', r.kind), element('td', r.periodEnd), element('td', r.dueDate), element('td', reportStatusName(r.status))]))),
  ]);
}
