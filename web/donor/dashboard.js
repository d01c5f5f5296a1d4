// A donor's own dashboard (GET /api/donors/{donorId}/dashboard): its contributions per fund and what they
// were attributed to, each as a chart with the same numbers in a table and a CSV download.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { startPage } from '../shared/nav.js';
import { figure, localAmount, localMoney } from '../shared/charts.js';

const container = document.getElementById('funds');

function attributed(id, title, rows) {
  return figure({
    id,
    title,
    columns: ['', 'Amount'],
    rows: rows.map((r) => ({ label: r.label, cells: [localAmount(r.amount.amount)], csv: [r.amount.amount], values: [Number(r.amount.amount)] })),
    chartType: 'bar',
  });
}

function fundSection(fund, index) {
  const contributions = figure({
    id: `contributions-${index}`,
    title: `Contributions to ${fund.name}`,
    columns: ['Pledged on', 'Pledged', 'Received', 'Received in the fund’s currency', 'Still to come', 'Earmark'],
    rows: fund.contributions.map((c) => ({
      label: c.pledgedOn,
      cells: [localMoney(c.pledged), localMoney(c.received), localMoney(c.receivedInFundCurrency), localMoney(c.outstanding), c.earmark ? `${c.earmark.kind}: ${c.earmark.value}` : 'none'],
      csv: [`${c.pledged.amount} ${c.pledged.currency}`, `${c.received.amount} ${c.received.currency}`, `${c.receivedInFundCurrency.amount} ${c.receivedInFundCurrency.currency}`, `${c.outstanding.amount} ${c.outstanding.currency}`, c.earmark ? `${c.earmark.kind}:${c.earmark.value}` : ''],
      values: [Number(c.pledged.amount), Number(c.received.amount)],
    })),
  });
  return element('section', [
    element('h2', fund.name),
    element('p', [`Received: ${localMoney(fund.received)} · unearmarked: ${localMoney(fund.unearmarked)} · not yet committed: ${localMoney(fund.notYetCommitted)} · `,
      element('a', 'the fund’s public dashboard', { href: `/public/fund.html?fund=${encodeURIComponent(fund.fundId)}` })]),
    contributions,
    attributed(`earmarked-${index}`, `Earmarked money (${fund.currency})`, fund.earmarked),
    attributed(`by-country-${index}`, `Unearmarked money attributed by country (${fund.currency})`, fund.unearmarkedByCountry),
    attributed(`by-round-${index}`, `Unearmarked money attributed by round (${fund.currency})`, fund.unearmarkedByRound),
  ], { class: 'fund' });
}

const me = await startPage({ requires: 'Donor' });
if (me) {
  const result = await api(`/api/donors/${encodeURIComponent(me.donorId ?? '')}/dashboard`);
  if (!result.ok) {
    container.replaceChildren(element('p', result.problem?.detail ?? 'Your dashboard could not be read.', { class: 'message message-warning', role: 'alert' }));
  } else if (result.data.funds.length === 0) {
    container.replaceChildren(element('p', 'No contributions are recorded for your organisation yet.'));
  } else {
    container.replaceChildren(...result.data.funds.map(fundSection));
  }
}
