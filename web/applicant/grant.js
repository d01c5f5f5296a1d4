// A grant as its NGO sees it: the agreement's terms (printable), accepting it when sent for signature,
// the payments received and to come, and the reports, each linking to its form.
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { formatMoney } from '../shared/format.js';
import { changeGrant, grantStatusName, readGrant, reportStatusName, table, termsSection, totalsList, trancheTable } from '../shared/grants.js';

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
    announce(notice, 'You accepted the agreement. The first tranche will be paid when it falls due.');
  });
});

if (await startPage({ requires: 'Applicant' })) {
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
  document.getElementById('title').textContent = `Grant agreement: ${grant.title}`;
  const acceptance = grant.acceptance
    ? element('p', `Accepted by ${grant.acceptance.name}, ${grant.acceptance.title}, on ${grant.acceptance.at.slice(0, 10)}.`)
    : element('p', grant.status === 'AwaitingSignature' ? 'This agreement waits for your acceptance below.' : 'Not accepted yet.');
  const paid = grant.tranches.filter((t) => t.status === 'Paid');
  document.getElementById('grant').replaceChildren(
    element('p', ['Status: ', element('strong', grantStatusName(grant.status), { id: 'grant-status' }), grant.statusReason ? ` (${grant.statusReason})` : '']),
    acceptance,
    termsSection(grant),
    element('h2', 'Payments'),
    totalsList(grant),
    trancheTable(grant),
    table('Payments received', ['Tranche', 'Amount', 'Value date', 'Reference'],
      paid.map((t) => element('tr', [element('th', String(t.number), { scope: 'row' }), element('td', formatMoney(t.amount)), element('td', t.valueDate), element('td', t.paymentReference)]))),
    element('h2', 'Reports', { class: 'no-print' }),
    element('ul', grant.reports.map((r) => element('li', [
      element('a', `Report ${r.number} (${r.kind}), due ${r.dueDate}`, { href: `/applicant/report.html?id=${encodeURIComponent(grant.id)}&report=${r.number}` }),
      ` — ${reportStatusName(r.status)}`,
    ])), { class: 'no-print' }),
  );
  document.getElementById('accept').hidden = grant.status !== 'AwaitingSignature';
}
