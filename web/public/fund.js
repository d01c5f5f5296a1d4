// The public fund page: no sign-in. Figures come from GET /api/funds/{id}/dashboard, where counts of people
// are already suppressed for everyone outside the Secretariat; this page only shows what it is given.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { startPage } from '../shared/nav.js';
import { figure, localAmount, localMoney } from '../shared/charts.js';

const fundId = new URLSearchParams(location.search).get('fund') ?? '';
const main = document.getElementById('figures');
const yearSelect = document.getElementById('year');

const money = (figures) => [figures.received, figures.committed, figures.disbursed, figures.refunded];
const amountNumber = (m) => Number(m.amount);

function moneyRows(rows) {
  return rows.map((row) => ({
    label: row.label,
    cells: money(row.figures).map((m) => localAmount(m.amount)),
    csv: money(row.figures).map((m) => m.amount),
    values: money(row.figures).map(amountNumber),
  }));
}

function countText(value, k) {
  return value === null ? (k ? 'suppressed' : '—') : localAmount(String(value));
}

function peopleTable(id, title, table) {
  const k = table.suppressedBelow;
  const rows = table.rows.map((label, r) => ({
    label,
    cells: [...table.cells[r].map((v) => countText(v, k)), countText(table.rowTotals[r], k)],
    csv: [...table.cells[r].map((v) => v ?? 'suppressed'), table.rowTotals[r] ?? 'suppressed'],
    values: table.cells[r],
  }));
  rows.push({
    label: 'Total',
    cells: [...table.columnTotals.map((v) => countText(v, k)), countText(table.total, k)],
    csv: [...table.columnTotals.map((v) => v ?? 'suppressed'), table.total ?? 'suppressed'],
    values: table.columnTotals,
  });
  const note = k ? `“suppressed”: fewer than ${k} people, or hidden so that such a count cannot be worked out from the totals.` : 'Unsuppressed: you are signed in as the Secretariat.';
  return figure({ id, title, columns: ['', ...table.columns, 'Total'], rows, note, chartType: 'bar' });
}

function render(dashboard) {
  document.getElementById('fund-title').textContent = `${dashboard.name}: dashboard`;
  document.title = `${dashboard.name} – TrustFundGrants`;
  const t = dashboard.totals;
  const summary = element('dl', [
    ['Received', localMoney(t.received)], ['Committed', localMoney(t.committed)], ['Disbursed', localMoney(t.disbursed)],
    ['Refunded', localMoney(t.refunded)], ['Available', localMoney(t.available)],
    ['Delivery rate (disbursed ÷ committed)', t.deliveryRate === null ? '—' : `${localAmount(t.deliveryRate)} %`],
    ['Pledged, not yet received', dashboard.pledgedNotReceived.map(localMoney).join(', ') || '—'],
    ['Grants', String(dashboard.grants)],
  ].flatMap(([term, value]) => [element('dt', term), element('dd', value)]), { class: 'summary' });
  const columns = ['', 'Received', 'Committed', 'Disbursed', 'Refunded'];
  main.replaceChildren(
    element('section', [element('h2', dashboard.year ? `In ${dashboard.year}` : 'All years'), summary], { 'aria-label': 'Totals' }),
    figure({ id: 'by-year', title: `By year (${dashboard.currency})`, columns, rows: moneyRows(dashboard.byYear) }),
    figure({ id: 'by-country', title: `By country, all years (${dashboard.currency})`, columns, rows: moneyRows(dashboard.byCountry) }),
    figure({ id: 'by-form', title: `By form of exploitation, all years (${dashboard.currency})`, columns, rows: moneyRows(dashboard.byForm) }),
    figure({ id: 'by-round', title: `By round, all years (${dashboard.currency})`, columns, rows: moneyRows(dashboard.byRound) }),
    peopleTable('people', 'People assisted, by sex and age group and form of exploitation (all years)', dashboard.peopleAssisted),
    peopleTable('assistance', 'Assistance provided, by type (all years)', dashboard.assistanceProvided),
  );
}

async function load() {
  const year = yearSelect.value;
  const result = await api(`/api/funds/${encodeURIComponent(fundId)}/dashboard${year ? `?year=${year}` : ''}`, { on401: 'return' });
  if (!result.ok) {
    main.replaceChildren(element('p', result.problem?.detail ?? 'This fund’s dashboard could not be read.', { class: 'message message-warning', role: 'alert' }));
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
  for (const [file, label] of [['grants.csv', 'Grants (CSV)'], ['disbursements.csv', 'Disbursements (CSV)'], ['iati.xml', 'IATI 2.03 activities (XML)'], ['360giving.json', '360Giving package (JSON)']]) {
    downloads.append(element('li', element('a', label, { href: `/api/exports/funds/${encodeURIComponent(fundId)}/${file}`, download: file })));
  }
}
