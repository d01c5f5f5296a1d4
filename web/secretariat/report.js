// A grantee's report as the Secretariat reviews it: narrative, people assisted with totals, assistance,
// spending against the budget (lines over by more than 10 % flagged) and attachments.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { fileSize, formatMoney } from '../shared/format.js';
import { reportStatusName, table } from '../shared/grants.js';

const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const number = params.get('report') ?? '';
document.getElementById('back').href = `/secretariat/grant.html?id=${encodeURIComponent(id)}`;

if (await startPage({ requires: 'Secretariat' })) {
  const result = await api(`/api/grants/${encodeURIComponent(id)}/reports/${encodeURIComponent(number)}`);
  if (!result.ok) {
    announce(document.getElementById('notice'), element('strong', result.problem.title ?? 'This report could not be loaded.'), result.problem.detail ?? '');
  } else {
    const r = result.data;
    document.getElementById('title').textContent = `Report ${r.number} (${r.kind}) — ${reportStatusName(r.status)}`;
    const section = (title, text) => [element('h2', title), element('p', text || '—')];
    document.getElementById('report').replaceChildren(
      ...section('Activities', r.narrative.activities), ...section('Results', r.narrative.results),
      ...section('Challenges', r.narrative.challenges), ...section('Changes to the plan', r.narrative.changes),
      table(`People assisted (total ${r.peopleTotal})`, ['Sex', 'Age group', 'Form of exploitation', 'Count'],
        r.peopleAssisted.map((c) => element('tr', [element('td', c.sex), element('td', c.ageGroup), element('td', c.form), element('td', String(c.count))]))),
      table('By type of assistance', ['Type', 'Count'], r.assistance.map((a) => element('tr', [element('td', a.type), element('td', String(a.count))]))),
      table(`Expenditure (total ${formatMoney(r.expenditureTotal)})`, ['Line', 'Budget', 'Spent before', 'This period', 'Over by > 10 %', 'Explanation'],
        r.expenditure.map((l) => element('tr', [element('th', l.category, { scope: 'row' }), element('td', formatMoney(l.budget)), element('td', formatMoney(l.spentBefore)),
          element('td', formatMoney(l.actual)), element('td', l.over ? 'Yes' : 'No'), element('td', l.explanation ?? '—')]))),
      element('h2', 'Attachments'),
      element('ul', r.attachments.map((a) => element('li', element('a', `${a.fileName} (${fileSize(a.size)})`, { href: `/api/grants/${encodeURIComponent(id)}/reports/${r.number}/attachments/${a.id}` })))),
    );
  }
}

document.getElementById('loading').hidden = true;
