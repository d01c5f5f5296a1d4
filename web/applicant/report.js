// A grantee report (Applicant): narrative, people assisted as a grid of counts with totals, assistance
// by type, spending against the approved budget, and attachments. Saved as a draft, then submitted.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, whileBusy } from '../shared/forms.js';
import { fileSize, formatMoney, tidyAmount } from '../shared/format.js';
import { changeGrant, readGrant, reportKindName, reportStatusName } from '../shared/grants.js';
import { t } from '../shared/i18n.js';

const params = new URLSearchParams(location.search);
const id = params.get('id') ?? '';
const number = params.get('report') ?? '';
const form = document.getElementById('report-form');
const notice = document.getElementById('notice');
const sexes = ['female', 'male', 'other'].map((code) => [code, t(`sex.${code}`)]);
const ages = ['under-18', '18-plus'].map((code) => [code, t(`report.age.${code}`)]);
const forms = ['sexual-exploitation', 'forced-labour', 'forced-criminality', 'domestic-servitude', 'forced-marriage', 'child-trafficking', 'organ-removal', 'other']
  .map((code) => [code, t(`exploitation.${code}`)]);
const assistanceTypes = ['shelter', 'medical', 'psychosocial', 'legal', 'education-vocational', 'reintegration', 'other'].map((code) => [code, t(`assistance.${code}`)]);
let etag = null;
let currency = 'USD';

form.addEventListener('submit', (event) => {
  event.preventDefault();
  whileBusy(form, () => save(t('js.applicant.report.saved')));
});
form.addEventListener('input', updateTotal);
document.getElementById('submit-report').addEventListener('click', () => whileBusy(form, async () => {
  if (await save(null)) {
    const result = await changeGrant(id, `/reports/${number}/submit`, etag);
    if (!result.ok) {
      showProblem(form, result.problem);
      return;
    }

    await load();
    announce(notice, t('js.applicant.report.submitted'));
  }
}));
document.getElementById('attachment-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const upload = event.currentTarget;
  whileBusy(upload, async () => {
    clearProblems(upload);
    const file = document.getElementById('attachment-file').files[0];
    if (!file) {
      showProblem(upload, { errors: { file: [t('js.applicant.report.choose-file')] } });
      return;
    }

    const result = await api(`/api/grants/${encodeURIComponent(id)}/reports/${number}/attachments`, {
      method: 'POST', body: file, headers: { 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` },
    });
    if (!result.ok) {
      showProblem(upload, result.problem);
      return;
    }

    upload.reset();
    await load();
    announce(notice, t('applicantReport.attached', { name: file.name }));
  });
});

if (await startPage({ requires: 'Applicant' })) {
  await load();
}

document.getElementById('loading').hidden = true;

async function load() {
  const read = await readGrant(id);
  const report = read.ok ? await api(`/api/grants/${encodeURIComponent(id)}/reports/${encodeURIComponent(number)}`) : read.result;
  if (!read.ok || !report.ok) {
    announce(notice, element('strong', report.problem.title ?? t('js.grants.report-not-loaded')), report.problem.detail ?? '');
    return;
  }

  etag = report.headers.get('ETag');
  currency = read.grant.amount.currency;
  const r = report.data;
  document.getElementById('title').textContent = t('grants.reportTitle', { number: r.number, kind: reportKindName(r.kind), status: reportStatusName(r.status) });
  const returned = document.getElementById('returned');
  returned.hidden = r.status !== 'ReturnedForChanges';
  returned.replaceChildren(element('strong', t('js.applicant.report.returned')), r.comments ?? '');
  for (const name of ['activities', 'results', 'challenges', 'changes']) {
    document.getElementById(name).value = r.narrative[name] ?? '';
  }

  drawGrid(r);
  drawExpenditure(r);
  document.getElementById('attachment-list').replaceChildren(...r.attachments.map((a) => element('li', element('a', `${a.fileName} (${fileSize(a.size)})`,
    { href: `/api/grants/${encodeURIComponent(id)}/reports/${r.number}/attachments/${a.id}` }))));
  const editable = r.status === 'Draft' || r.status === 'ReturnedForChanges';
  form.hidden = false;
  for (const control of form.elements) {
    control.disabled = !editable;
  }

  document.getElementById('attachments').hidden = false;
  document.getElementById('attachment-form').hidden = !editable;
  updateTotal();
}

function drawGrid(report) {
  const counts = new Map(report.peopleAssisted.map((c) => [`${c.sex}|${c.ageGroup}|${c.form}`, c.count]));
  const columns = sexes.flatMap(([sex, sexName]) => ages.map(([age, ageName]) => ({ sex, age, label: t('applicantReport.column', { sex: sexName, age: ageName }) })));
  const head = element('tr', [element('th', t('report.form'), { scope: 'col' }), ...columns.map((c) => element('th', c.label, { scope: 'col' }))]);
  const rows = forms.map(([code, name]) => element('tr', [element('th', name, { scope: 'row' }), ...columns.map((c) => {
    const key = `${c.sex}|${c.age}|${code}`;
    return element('td', element('input', null, {
      type: 'number', min: '0', step: '1', inputmode: 'numeric', class: 'count', 'data-key': key, 'aria-label': `${name}: ${c.label}`, value: counts.get(key) ?? '',
    }));
  })]));
  document.getElementById('people-grid').replaceChildren(element('div', element('table', [element('caption', t('js.applicant.report.people-caption')), element('thead', head), element('tbody', rows)], { class: 'counts' }), { class: 'table-wrap' }));
  const given = new Map(report.assistance.map((a) => [a.type, a.count]));
  document.getElementById('assistance-grid').replaceChildren(element('div', element('table', [
    element('caption', t('js.applicant.report.assistance-caption')),
    element('tbody', assistanceTypes.map(([code, name]) => element('tr', [element('th', name, { scope: 'row' }),
      element('td', element('input', null, { type: 'number', min: '0', step: '1', inputmode: 'numeric', class: 'assistance', 'data-type': code, 'aria-label': `${name}`, value: given.get(code) ?? '' }))]))),
  ], { class: 'counts' }), { class: 'table-wrap' }));
}

function drawExpenditure(report) {
  const rows = report.expenditure.map((line) => element('tr', [
    element('th', line.category, { scope: 'row' }), element('td', formatMoney(line.budget)), element('td', formatMoney(line.spentBefore)),
    element('td', element('input', null, { type: 'text', inputmode: 'decimal', class: 'actual', 'data-line': String(line.line), 'aria-label': t('applicantReport.spentLabel', { category: line.category }), value: line.actual.amount === '0.00' ? '' : line.actual.amount })),
    element('td', element('input', null, { type: 'text', class: 'explanation', 'data-line': String(line.line), maxlength: '8000', 'aria-label': t('applicantReport.whyLabel', { category: line.category }), value: line.explanation ?? '' })),
  ]));
  document.getElementById('expenditure-table').replaceChildren(element('div', element('table', [
    element('caption', t('applicantReport.spendingCaption', { currency })),
    element('thead', element('tr', ['line', 'budget', 'before', 'this-period', 'explanation'].map((key) => element('th', t(`applicantReport.head.${key}`), { scope: 'col' })))),
    element('tbody', rows),
  ]), { class: 'table-wrap' }));
}

function updateTotal() {
  const total = [...form.querySelectorAll('input.count')].reduce((sum, input) => sum + (Number.parseInt(input.value, 10) || 0), 0);
  document.getElementById('people-total').textContent = String(total);
}

function count(text) {
  const number = Number(text);
  return text === '' || Number.isNaN(number) ? text : number;
}

async function save(message) {
  clearProblems(form);
  const body = {
    narrative: Object.fromEntries(['activities', 'results', 'challenges', 'changes'].map((name) => [name, document.getElementById(name).value.trim() || null])),
    peopleAssisted: [...form.querySelectorAll('input.count')].filter((i) => i.value.trim() !== '').map((i) => {
      const [sex, ageGroup, exploitation] = i.dataset.key.split('|');
      return { sex, ageGroup, form: exploitation, count: count(i.value.trim()) };
    }),
    assistance: [...form.querySelectorAll('input.assistance')].filter((i) => i.value.trim() !== '').map((i) => ({ type: i.dataset.type, count: count(i.value.trim()) })),
    expenditure: [...form.querySelectorAll('input.actual')].map((i) => ({
      line: Number(i.dataset.line),
      actual: { amount: tidyAmount(i.value) || '0', currency },
      explanation: form.querySelector(`input.explanation[data-line="${i.dataset.line}"]`).value.trim() || null,
    })),
  };
  const result = await changeGrant(id, `/reports/${number}`, etag, { method: 'PUT', body });
  if (!result.ok) {
    showProblem(form, result.problem);
    return false;
  }

  etag = result.headers.get('ETag');
  if (message) {
    announce(notice, message);
  }

  return true;
}
