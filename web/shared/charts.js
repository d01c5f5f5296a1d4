// A chart and the same numbers as an accessible table under it, with a CSV download of that table. The
// table is the source of truth (screen readers, keyboard, copying); the chart is drawn from it with
// Chart.js, which the page loads from /vendor/chart.js/ (installed from npm, served with the portal).
import { element } from './dom.js';
import { formatMoney, groupDigits } from './format.js';
import { t } from './i18n.js';

/** An exact decimal string ("1234567.50") in the viewer's number format (Intl, never through a float). */
export function localAmount(amount) {
  return groupDigits(amount);
}

/** { amount, currency } in the viewer's number format with its currency (Intl): "USD 1,234,567.50", "1 234 567,50 USD". */
export function localMoney(money) {
  return formatMoney(money);
}

/** RFC 4180 text of rows of cells (the first row is the header). */
export function toCsv(rows) {
  const cell = (value) => {
    let text = String(value ?? '');
    if (/^[=+\-@\t\r]/.test(text)) {
      text = `'${text}`;
    }

    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Draws a figure: heading, chart (when Chart.js is there and there is something to draw), table, CSV link.
 * `columns`: header cells; `rows`: [{ label, cells: [text], values: [number|null] }] — values feed the chart only.
 */
export function figure({ id, title, columns, rows, chartType = 'bar', note }) {
  const section = element('section', null, { class: 'figure', 'aria-labelledby': `${id}-title` });
  section.append(element('h2', title, { id: `${id}-title` }));
  if (note) {
    section.append(element('p', note, { class: 'hint' }));
  }

  if (rows.length === 0) {
    section.append(element('p', t('charts.nothing-yet')));
    return section;
  }

  if (window.Chart) {
    const canvas = element('canvas', null, { role: 'img', 'aria-label': t('charts.chart-label', { title }) });
    section.append(element('div', canvas, { class: 'chart' }));
    const datasets = columns.slice(1).map((label, i) => ({ label, data: rows.map((row) => row.values[i]) }));
    new window.Chart(canvas, { type: chartType, data: { labels: rows.map((r) => r.label), datasets }, options: { animation: false, responsive: true } });
  }

  const table = element('table', element('caption', title), { id: `${id}-table` });
  const head = element('tr', columns.map((c, i) => element('th', c, { scope: 'col', class: i === 0 ? '' : 'number' })));
  table.append(element('thead', head));
  table.append(element('tbody', rows.map((row) =>
    element('tr', [element('th', row.label, { scope: 'row' }), ...row.cells.map((c) => element('td', c, { class: 'number' }))]))));
  section.append(element('div', table, { class: 'table-scroll' }));

  const csv = toCsv([columns, ...rows.map((row) => [row.label, ...row.csv ?? row.cells])]);
  const link = element('a', t('charts.download-csv'), { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `${id}.csv` });
  section.append(element('p', link));
  return section;
}
