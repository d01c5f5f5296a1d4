// A grantee's report as the Secretariat reviews it: narrative, people assisted with totals, assistance,
// spending against the budget (lines over by more than 10 % flagged) and attachments.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { fileSize, formatMoney } from '../shared/format.js';
import { reportKindName, reportStatusName, table } from '../shared/grants.js';
import { t } from '../shared/i18n.js';

const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const number = params.get('report') ?? '';
document.getElementById('back').href = `/secretariat/grant.html?id=${encodeURIComponent(id)}`;

if (await startPage({ requires: 'Secretariat' })) {
  const result = await api(`/api/grants/${encodeURIComponent(id)}/reports/${encodeURIComponent(number)}`);
  if (!result.ok) {
    announce(document.getElementById('notice'), element('strong', result.problem.title ?? t('js.grants.report-not-loaded')), result.problem.detail ?? '');
  } else {
    const r = result.data;
    document.getElementById('title').textContent = t('grants.reportTitle', { number: r.number, kind: reportKindName(r.kind), status: reportStatusName(r.status) });
    const section = (title, text) => [element('h2', title), element('p', text || '—')];
    document.getElementById('report').replaceChildren(
      ...section(t('report.activities'), r.narrative.activities), ...section(t('report.results'), r.narrative.results),
      ...section(t('report.challenges'), r.narrative.challenges), ...section(t('report.changes'), r.narrative.changes),
      table(t('secretariatReport.people', { total: r.peopleTotal }), [t('report.sex'), t('report.ageGroup'), t('report.form'), t('report.count')],
        r.peopleAssisted.map((c) => element('tr', [element('td', t(`sex.${c.sex}`)), element('td', t(`report.age.${c.ageGroup}`)), element('td', t(`exploitation.${c.form}`)), element('td', String(c.count))]))),
      table(t('js.secretariat.report.by-assistance'), [t('report.type'), t('report.count')], r.assistance.map((a) => element('tr', [element('td', t(`assistance.${a.type}`)), element('td', String(a.count))]))),
      table(t('secretariatReport.expenditure', { total: formatMoney(r.expenditureTotal) }), ['line', 'budget', 'before', 'this-period', 'over', 'explanation'].map((key) => t(`secretariatReport.head.${key}`)),
        r.expenditure.map((l) => element('tr', [element('th', l.category, { scope: 'row' }), element('td', formatMoney(l.budget)), element('td', formatMoney(l.spentBefore)),
          element('td', formatMoney(l.actual)), element('td', l.over ? t('answer.yes') : t('answer.no')), element('td', l.explanation ?? '—')]))),
      element('h2', t('report.attachments')),
      element('ul', r.attachments.map((a) => element('li', element('a', `${a.fileName} (${fileSize(a.size)})`, { href: `/api/grants/${encodeURIComponent(id)}/reports/${r.number}/attachments/${a.id}` })))),
    );
  }
}

document.getElementById('loading').hidden = true;
