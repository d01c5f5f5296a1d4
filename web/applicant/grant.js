// A grant as its NGO sees it: the agreement's terms (printable), accepting it when sent for signature,
// the payments received and to come, and the reports, each linking to its form.
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { formatMoney, localTime } from '../shared/format.js';
import { changeGrant, formatDay, grantStatusName, readGrant, reportKindName, reportStatusName, table, termsSection, totalsList, trancheTable } from '../shared/grants.js';
import { t } from '../shared/i18n.js';

const id = new URLSearchParams(location.search).get('id') ?? '';
const notice = document.getElementById('notice');
let etag = null;

document.getElementById('print').addEventListener('click', () => window.print());
document.getElementById('accept-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  whileBusy(form, async () => {
    clearProblems(form);
    const result = await changeGrant(id, '/accept', etag, { body: values(form) });
    if (!result.ok) {
      showProblem(form, result.problem);
      return;
    }

    await load();
    announce(notice, t('js.applicant.grant.accepted'));
  });
});

if (await startPage({ requires: 'Applicant' })) {
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
  document.getElementById('title').textContent = t('applicantGrant.title', { title: grant.title });
  const acceptance = grant.acceptance
    ? element('p', t('applicantGrant.acceptedBy', { name: grant.acceptance.name, role: grant.acceptance.title, time: localTime(grant.acceptance.at) }))
    : element('p', grant.status === 'AwaitingSignature' ? t('js.applicant.grant.waits') : t('js.applicant.grant.not-accepted'));
  const paid = grant.tranches.filter((tranche) => tranche.status === 'Paid');
  document.getElementById('grant').replaceChildren(
    element('p', [t('js.grants.status-label'), ' ', element('strong', grantStatusName(grant.status), { id: 'grant-status' }), grant.statusReason ? ` (${grant.statusReason})` : '']),
    acceptance,
    termsSection(grant),
    element('h2', t('js.grants.payments')),
    totalsList(grant),
    trancheTable(grant),
    table(t('js.applicant.grant.received'), [t('grants.tranches.tranche'), t('grants.tranches.amount'), t('js.grants.value-date'), t('grants.terms.reference')],
      paid.map((tranche) => element('tr', [element('th', String(tranche.number), { scope: 'row' }), element('td', formatMoney(tranche.amount)), element('td', formatDay(tranche.valueDate)), element('td', tranche.paymentReference)]))),
    element('h2', t('grants.reports.caption'), { class: 'no-print' }),
    element('ul', grant.reports.map((r) => element('li', [
      element('a', t('grants.reportDue', { number: r.number, kind: reportKindName(r.kind), due: formatDay(r.dueDate) }), { href: `/applicant/report.html?id=${encodeURIComponent(grant.id)}&report=${r.number}` }),
      ` — ${reportStatusName(r.status)}`,
    ])), { class: 'no-print' }),
  );
  document.getElementById('accept').hidden = grant.status !== 'AwaitingSignature';
}
