// Grants (Secretariat): payments awaiting approval and awaiting payment (who requested, who approved),
// reports waiting for review, and every grant filtered by status, country or an overdue report.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { formatMoney } from '../shared/format.js';
import { grantStatusName, table } from '../shared/grants.js';

const notice = document.getElementById('notice');
const link = (grantId, text) => element('a', text, { href: `/secretariat/grant.html?id=${encodeURIComponent(grantId)}` });

document.getElementById('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadGrants(new FormData(event.currentTarget));
});

if (await startPage({ requires: 'Secretariat' })) {
  await Promise.all([payments('awaiting-approval', 'to-approve', 'Payments to approve'), payments('awaiting-payment', 'to-pay', 'Payments to pay'), reports(), loadGrants(new FormData())]);
}

async function payments(state, target, caption) {
  const result = await api(`/api/grants/payments?state=${state}&limit=100`);
  if (!result.ok) {
    announce(notice, result.problem.detail ?? 'Payments could not be loaded.');
    return;
  }

  const rows = result.data.items.map((p) => element('tr', [
    element('th', link(p.grantId, `${p.title} (${p.reference})`), { scope: 'row' }), element('td', p.organisationName), element('td', `Tranche ${p.tranche}`),
    element('td', formatMoney(p.amount)), element('td', p.requestedBy ?? '—'), element('td', p.approvedBy ?? '—'),
  ]));
  document.getElementById(target).replaceChildren(rows.length === 0 ? element('p', `${caption}: none.`)
    : table(caption, ['Grant', 'Organisation', 'Tranche', 'Amount', 'Requested by', 'Approved by'], rows));
}

async function reports() {
  const result = await api('/api/reports?state=submitted&limit=100');
  if (!result.ok) {
    return;
  }

  const rows = result.data.items.map((r) => element('tr', [
    element('th', link(r.grantId, `${r.title} (${r.reference})`), { scope: 'row' }), element('td', r.organisationName), element('td', `Report ${r.report} (${r.kind})`), element('td', r.dueDate),
  ]));
  document.getElementById('to-review').replaceChildren(rows.length === 0 ? element('p', 'No reports wait for review.') : table('Reports submitted', ['Grant', 'Organisation', 'Report', 'Due'], rows));
}

async function loadGrants(filters) {
  const query = new URLSearchParams({ limit: '100' });
  for (const name of ['status', 'country', 'overdue']) {
    const value = String(filters.get(name) ?? '').trim().toUpperCase();
    if (value) {
      query.set(name, name === 'country' ? value : String(filters.get(name)));
    }
  }

  const result = await api(`/api/grants?${query}`);
  if (!result.ok) {
    announce(notice, result.problem.detail ?? 'Grants could not be loaded.');
    return;
  }

  const rows = result.data.items.map((g) => element('tr', [
    element('th', link(g.id, g.title || g.reference), { scope: 'row' }), element('td', g.organisationName), element('td', grantStatusName(g.status)),
    element('td', formatMoney(g.amount)), element('td', formatMoney(g.disbursed)), element('td', g.countries.join(', ')), element('td', g.nextReportDue ?? '—'),
  ]));
  document.getElementById('grants').replaceChildren(rows.length === 0 ? element('p', 'No grants match.')
    : table('Grants', ['Grant', 'Organisation', 'Status', 'Amount', 'Paid', 'Countries', 'Next report due'], rows));
}
