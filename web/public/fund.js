// The public fund page: no sign-in. Figures come from GET /api/funds/{id}/dashboard, where counts of people
// are already suppressed for everyone outside the Secretariat; this page only shows what it is given. The
// period filter asks for one year's figures and people; the Secretariat sees the same page unsuppressed.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { startPage } from '../shared/nav.js';
import { figure, localAmount, localMoney } from '../shared/charts.js';
import { hasText, t } from '../shared/i18n.js';

const fundId = new URLSearchParams(location.search).get('fund') ?? '';
const main = document.getElementById('figures');
const yearSelect = document.getElementById('year');

const money = (figures) => [figures.received, figures.committed, figures.disbursed, figures.refunded];
const moneyColumns = (first) => [first, t('fund.received'), t('fund.committed'), t('fund.disbursed'), t('fund.refunded')];

function moneyRows(rows, label = (row) => row.label) {
  return rows.map((row) => ({
    label: label(row),
    cells: money(row.figures).map(localMoney),
    csv: money(row.figures).map((m) => m.amount),
    values: money(row.figures).map((m) => Number(m.amount)),
  }));
}

// Words for the codes people counts are kept under; an unknown code is shown as it is.
function known(key, code) {
  return hasText(key) ? t(key) : code;
}

function groupLabel(code) {
  const [sex, age] = code.split('/');
  return t('fund.group', { sex: known(`sex.${sex}`, sex), age: known(`fund.age.${age}`, age) });
}

function countText(value, k) {
  return value === null ? (k ? t('fund.suppressed') : '—') : localAmount(String(value));
}

function peopleTable(id, title, first, table, rowLabel, columnLabel) {
  const k = table.suppressedBelow;
  const csvCount = (v) => v ?? t('fund.suppressed');
  const rows = table.rows.map((code, r) => ({
    label: rowLabel(code),
    cells: [...table.cells[r].map((v) => countText(v, k)), countText(table.rowTotals[r], k)],
    csv: [...table.cells[r].map(csvCount), csvCount(table.rowTotals[r])],
    values: table.cells[r],
  }));
  rows.push({
    label: t('fund.total'),
    cells: [...table.columnTotals.map((v) => countText(v, k)), countText(table.total, k)],
    csv: [...table.columnTotals.map(csvCount), csvCount(table.total)],
    values: table.columnTotals,
  });
  const note = k ? t('fund.suppressed-note', { k }) : t('fund.unsuppressed-note');
  return figure({ id, title, columns: [first, ...table.columns.map(columnLabel), t('fund.total')], rows, note, chartType: 'bar' });
}

function render(dashboard) {
  document.getElementById('fund-title').textContent = t('fund.heading', { name: dashboard.name });
  document.title = t('fund.document-title', { name: dashboard.name });
  const totals = dashboard.totals;
  const period = dashboard.year ? t('fund.in-year', { year: dashboard.year }) : t('fund.all-years');
  const span = dashboard.year ? String(dashboard.year) : t('fund.all-years-lower');
  const summary = element('dl', [
    [t('fund.received'), localMoney(totals.received)], [t('fund.committed'), localMoney(totals.committed)], [t('fund.disbursed'), localMoney(totals.disbursed)],
    [t('fund.refunded'), localMoney(totals.refunded)], [t('fund.available'), localMoney(totals.available)],
    [t('fund.delivery-rate'), totals.deliveryRate === null ? '—' : t('fund.percent', { rate: localAmount(totals.deliveryRate) })],
    [t('fund.pledged-not-received'), dashboard.pledgedNotReceived.map(localMoney).join(', ') || '—'],
    [t('fund.grants'), localAmount(String(dashboard.grants))],
  ].flatMap(([term, value]) => [element('dt', term), element('dd', value)]), { class: 'summary' });
  const currency = dashboard.currency;
  main.replaceChildren(
    element('section', [element('h2', period), summary], { 'aria-label': t('fund.totals') }),
    figure({ id: 'by-year', title: t('fund.by-year', { currency }), columns: moneyColumns(t('fund.year')), rows: moneyRows(dashboard.byYear) }),
    figure({ id: 'by-country', title: t('fund.by-country', { currency }), columns: moneyColumns(t('fund.country')), rows: moneyRows(dashboard.byCountry) }),
    figure({ id: 'by-form', title: t('fund.by-form', { currency }), columns: moneyColumns(t('fund.form')), rows: moneyRows(dashboard.byForm, (row) => known(`exploitation.${row.key}`, row.label)) }),
    figure({ id: 'by-round', title: t('fund.by-round', { currency }), columns: moneyColumns(t('fund.round')), rows: moneyRows(dashboard.byRound) }),
    peopleTable('people', t('fund.people-title', { period: span }), t('fund.sex-age'), dashboard.peopleAssisted, groupLabel, (code) => known(`exploitation.${code}`, code)),
    peopleTable('assistance', t('fund.assistance-title', { period: span }), t('fund.who'), dashboard.assistanceProvided, () => t('fund.people'), (code) => known(`fund.assistance.${code}`, code)),
  );
}

async function load() {
  const year = yearSelect.value;
  const result = await api(`/api/funds/${encodeURIComponent(fundId)}/dashboard${year ? `?year=${year}` : ''}`, { on401: 'return' });
  if (!result.ok) {
    main.replaceChildren(element('p', result.problem?.detail ?? t('fund.unreadable'), { class: 'message message-warning', role: 'alert' }));
    return null;
  }

  render(result.data);
  return result.data;
}

await startPage();
const first = await load();
if (first) {
  for (const year of first.years) {
    yearSelect.append(element('option', String(year), { value: String(year) }));
  }

  yearSelect.addEventListener('change', load);
  const downloads = document.getElementById('downloads');
  for (const file of ['grants.csv', 'disbursements.csv', 'iati.xml', '360giving.json']) {
    downloads.append(element('li', element('a', t(`fund.download.${file.replace('.', '-')}`), { href: `/api/exports/funds/${encodeURIComponent(fundId)}/${file}`, download: file })));
  }
}
