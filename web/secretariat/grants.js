// Grants (Secretariat): payments awaiting approval and awaiting payment (who requested, who approved),
// reports waiting for review, and every grant filtered by status, country or an overdue report.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { formatMoney } from '../shared/format.js';
import { formatDay, grantStatusName, reportKindName, table } from '../shared/grants.js';
import { t } from '../shared/i18n.js';

const notice = document.getElementById('notice');
const link = (grantId, text) => element('a', text, { href: `/secretariat/grant.html?id=${encodeURIComponent(grantId)}` });

document.getElementById('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadGrants(new FormData(event.currentTarget));
});

if (await startPage({ requires: 'Secretariat' })) {
  await Promise.all([payments('awaiting-approval', 'to-approve', t('js.secretariat.grants.to-approve')), payments('awaiting-payment', 'to-pay', t('js.secretariat.grants.to-pay')), reports(), loadGrants(new FormData())]);
}

async function payments(state, target, caption) {
  const result = await api(`/api/grants/payments?state=${state}&limit=100`);
  if (!result.ok) {
    announce(notice, result.problem.detail ?? t('js.secretariat.grants.payments-not-loaded'));
    return;
  }

  const rows = result.data.items.map((p) => element('tr', [
    element('th', link(p.grantId, `${p.title} (${p.reference})`), { scope: 'row' }), element('td', p.organisationName), element('td', t('grants.trancheN', { number: p.tranche })),
    element('td', formatMoney(p.amount)), element('td', p.requestedBy ?? '—'), element('td', p.approvedBy ?? '—'),
  ]));
  document.getElementById(target).replaceChildren(rows.length === 0 ? element('p', t('secretariatGrants.none', { caption }))
    : table(caption, [t('grants.list.grant'), t('grants.terms.organisation'), t('grants.tranches.tranche'), t('grants.tranches.amount'), t('grants.tranches.requested-by'), t('grants.tranches.approved-by')], rows));
}

async function reports() {
  const result = await api('/api/reports?state=submitted&limit=100');
  if (!result.ok) {
    return;
  }

  const rows = result.data.items.map((r) => element('tr', [
    element('th', link(r.grantId, `${r.title} (${r.reference})`), { scope: 'row' }), element('td', r.organisationName), element('td', t('grants.reportKind', { number: r.report, kind: reportKindName(r.kind) })), element('td', formatDay(r.dueDate)),
  ]));
  document.getElementById('to-review').replaceChildren(rows.length === 0 ? element('p', t('js.secretariat.grants.no-reports')) : table(t('js.secretariat.grants.reports-submitted'), [t('grants.list.grant'), t('grants.terms.organisation'), t('grants.reports.report'), t('grants.reports.due')], rows));
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
    announce(notice, result.problem.detail ?? t('js.secretariat.grants.not-loaded'));
    return;
  }

  const rows = result.data.items.map((g) => element('tr', [
    element('th', link(g.id, g.title || g.reference), { scope: 'row' }), element('td', g.organisationName), element('td', grantStatusName(g.status)),
    element('td', formatMoney(g.amount)), element('td', formatMoney(g.disbursed)), element('td', g.countries.join(', ')), element('td', formatDay(g.nextReportDue)),
  ]));
  document.getElementById('grants').replaceChildren(rows.length === 0 ? element('p', t('js.secretariat.grants.none-match'))
    : table(t('nav.grants'), [t('grants.list.grant'), t('grants.terms.organisation'), t('grants.tranches.status'), t('grants.tranches.amount'), t('grants.totals.paid'), t('grants.terms.countries'), t('grants.list.next-report')], rows));
}
