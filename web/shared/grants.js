// What the grant pages share: reading a grant with its ETag, sending a change under it (If-Match), and
// the words for the grant, tranche and report states, and the tables every grant page shows.
import { api } from './api.js';
import { element } from './dom.js';
import { formatMoney } from './format.js';
import { locale, t } from './i18n.js';

/** The grant and the ETag to send back with a change, or the failed result. */
export async function readGrant(id) {
  const result = await api(`/api/grants/${encodeURIComponent(id)}`);
  return result.ok ? { ok: true, grant: result.data, etag: result.headers.get('ETag'), result } : { ok: false, result };
}

/** A change to the grant (or its report) under the ETag last read. */
export function changeGrant(id, path, etag, { method = 'POST', body } = {}) {
  return api(`/api/grants/${encodeURIComponent(id)}${path}`, { method, body, headers: etag ? { 'If-Match': etag } : {} });
}

const grantStatuses = ['Draft', 'AwaitingSignature', 'Active', 'Suspended', 'Closed', 'Terminated'];
const reportStatuses = ['Draft', 'Submitted', 'Accepted', 'ReturnedForChanges'];
const trancheStatuses = ['Scheduled', 'Due', 'Requested', 'Approved', 'Paid'];
const named = (prefix, known) => (code) => (known.includes(code) ? t(`${prefix}.${code}`) : code);

export const grantStatusName = named('grants.status', grantStatuses);

export const reportStatusName = named('grants.reportStatus', reportStatuses);

export const trancheStatusName = named('grants.trancheStatus', trancheStatuses);

/** "interim" or "final" in words. */
export const reportKindName = named('grants.kind', ['interim', 'final']);

/** A ledger entry's kind in words: commitment, disbursement, refund, adjustment. */
export const ledgerKindName = named('grants.ledger', ['commitment', 'disbursement', 'refund', 'adjustment']);

const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });

/** A country's ISO code as its name in the reader's language (Intl, no list to fetch). */
function countryName(code) {
  try {
    return regions.of(code);
  } catch {
    return code;
  }
}

/** A calendar date ("2027-03-31") in the reader's language; the API's dates carry no time, so no zone can shift them. */
export function formatDay(date) {
  return date ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)) : '—';
}

/** A table of the grant's tranches; `actions(tranche)` may add a cell of buttons. */
export function trancheTable(grant, actions) {
  const head = ['tranche', 'amount', 'from', 'after-report', 'status', 'requested-by', 'approved-by', 'paid'].map((key) => t(`grants.tranches.${key}`));
  if (actions) {
    head.push(t('grants.tranches.action'));
  }

  const rows = grant.tranches.map((tranche) => {
    const cells = [
      element('th', String(tranche.number), { scope: 'row' }), element('td', formatMoney(tranche.amount)), element('td', formatDay(tranche.dueDate)),
      element('td', tranche.afterReport ? t('grants.reportN', { number: tranche.afterReport }) : '—'), element('td', trancheStatusName(tranche.status)),
      element('td', tranche.requestedBy ?? '—'), element('td', tranche.approvedBy ?? '—'),
      element('td', tranche.paymentReference ? t('grants.paidOn', { date: formatDay(tranche.valueDate), reference: tranche.paymentReference }) : '—'),
    ];
    if (actions) {
      cells.push(element('td', actions(tranche) ?? ''));
    }

    return element('tr', cells);
  });
  return table(t('grants.tranches.caption'), head, rows);
}

/** A table with a caption, a header row and body rows (stacked into rows on a phone, see tables.js). */
export function table(caption, head, rows) {
  return element('div', element('table', [
    element('caption', caption),
    element('thead', element('tr', head.map((h) => element('th', h, { scope: 'col' })))),
    element('tbody', rows),
  ]), { class: 'table-wrap' });
}

/** The grant's money: committed, paid, refunded, still to pay, refund owed. */
export function totalsList(grant) {
  const totals = grant.totals;
  return element('dl', [
    element('dt', t('grants.totals.committed')), element('dd', formatMoney(totals.committed)),
    element('dt', t('grants.totals.paid')), element('dd', formatMoney(totals.disbursed)),
    element('dt', t('grants.totals.refunded')), element('dd', formatMoney(totals.refunded)),
    element('dt', t('grants.totals.balance')), element('dd', formatMoney(totals.balance)),
    element('dt', t('grants.totals.refund-owed')), element('dd', formatMoney(totals.refundOwed)),
  ], { class: 'details' });
}

/** The agreement's terms in words: period, amount, budget, reports. */
export function termsSection(grant) {
  return element('section', [
    element('h2', t('grants.terms.title')),
    element('dl', [
      element('dt', t('grants.terms.organisation')), element('dd', grant.organisationName || '—'),
      element('dt', t('grants.terms.reference')), element('dd', grant.reference),
      element('dt', t('grants.terms.amount')), element('dd', formatMoney(grant.amount)),
      element('dt', t('grants.terms.period')), element('dd', grant.startDate ? t('grants.terms.from-to', { start: formatDay(grant.startDate), end: formatDay(grant.endDate) }) : t('grants.terms.not-set')),
      element('dt', t('grants.terms.countries')), element('dd', grant.countries.map(countryName).join(', ') || '—'),
    ], { class: 'details' }),
    table(t('grants.budget.caption'), ['line', 'category', 'description', 'amount', 'spent'].map((key) => t(`grants.budget.${key}`)),
      grant.budget.map((l) => element('tr', [element('td', String(l.line + 1)), element('th', l.category, { scope: 'row' }), element('td', l.description), element('td', formatMoney(l.amount)), element('td', formatMoney(l.spent))]))),
    table(t('grants.reports.caption'), ['report', 'kind', 'period-ends', 'due', 'status'].map((key) => t(`grants.reports.${key}`)),
      grant.reports.map((r) => element('tr', [element('th', String(r.number), { scope: 'row' }), element('td', reportKindName(r.kind)), element('td', formatDay(r.periodEnd)), element('td', formatDay(r.dueDate)), element('td', reportStatusName(r.status))]))),
  ]);
}
