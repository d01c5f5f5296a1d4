// An application as a reviewer reads it: the facts, the summary, the people it plans to reach
// (counts only), the budget and the documents to download. Read-only; nothing here is editable.
import { element, keyboardScrollable } from '../shared/dom.js';
import { exploitationForms, fileSize, formatMoney } from '../shared/format.js';
import { countryNames } from '../shared/countries.js';
import { locale, nodes, t } from '../shared/i18n.js';

const sexNames = { female: t('sex.female'), male: t('sex.male'), other: t('sex.other') };
const ageNames = { 'under-18': t('js.review.application-summary.under-18'), '18-plus': t('age.18-plus') };

/** Draws `application` into `container`. */
export async function showApplication(container, application) {
  const countries = await countryNames();
  const organisation = organisationLine(application);
  const details = application.details;
  const facts = element('dl', [
    ...fact(t('js.review.application-summary.organisation'), organisation),
    ...fact(t('js.review.application-summary.reference'), application.reference ?? '—'),
    ...fact(t('js.review.application-summary.amount-requested'), formatMoney(application.requestedAmount)),
    ...fact(t('js.review.application-summary.duration'), application.durationMonths ? t('round.months', { count: application.durationMonths }) : '—'),
    ...fact(t('js.review.application-summary.countries'), details.countries.map((code) => countries.get(code) ?? code).join(', ') || '—'),
    ...fact(t('js.review.application-summary.forms-of-exploitation'), details.exploitationForms.map((code) => exploitationForms.find((f) => f.code === code)?.name ?? code).join(', ') || '—'),
    ...fact(t('js.review.application-summary.groups-served'), details.targetGroups.join(', ') || '—'),
  ], { class: 'details' });

  container.replaceChildren(
    facts,
    element('h3', t('js.review.application-summary.summary')),
    ...paragraphs(application.summary),
    ...beneficiaries(details.plannedBeneficiaries),
    ...budget(details.budgetLines, application.requestedAmount),
    ...documents(application));
}

// A reviewer is told who applied only when the round is not blind; the service then names the
// organisation, which a reviewer may not read on its own.
function organisationLine({ organisationId, organisationName }) {
  if (!organisationId) {
    return t('js.review.application-summary.not-shown-this-call-is');
  }

  const chosen = new URLSearchParams({ organisationId, organisationName: organisationName ?? '' });
  const conflict = element('a', t('js.review.application-summary.declare-a-conflict'), { href: `/review/conflicts.html?${chosen}` });
  return [
    element('span', organisationName ?? t('summary.organisationId', { id: organisationId }), { class: 'strong' }),
    element('span', nodes('summary.tiedTo', {}, conflict), { class: 'cell-hint' }),
  ];
}

function beneficiaries(counts) {
  if (counts.length === 0) {
    return [];
  }

  const rows = counts.map((c) => element('tr', [
    element('th', `${sexNames[c.sex] ?? c.sex}, ${(ageNames[c.ageGroup] ?? c.ageGroup).toLowerCase()}`, { scope: 'row' }),
    element('td', new Intl.NumberFormat(locale).format(c.count), { class: 'number' }),
  ]));
  return [
    element('h3', t('js.review.application-summary.people-it-plans-to-reach')),
    keyboardScrollable(element('div', element('table', [
      element('caption', t('js.review.application-summary.planned-beneficiaries-counts-only'), { class: 'visually-hidden' }),
      element('thead', element('tr', [element('th', t('js.review.application-summary.group'), { scope: 'col' }), element('th', t('js.review.application-summary.people'), { scope: 'col', class: 'number' })])),
      element('tbody', rows),
    ]), { class: 'table-wrap' })),
  ];
}

function budget(lines, requested) {
  if (lines.length === 0) {
    return [];
  }

  return [
    element('h3', t('js.review.application-summary.budget')),
    keyboardScrollable(element('div', element('table', [
      element('caption', t('summary.budgetCaption', { total: formatMoney(requested) }), { class: 'visually-hidden' }),
      element('thead', element('tr', [element('th', t('js.review.application-summary.category'), { scope: 'col' }), element('th', t('js.review.application-summary.description'), { scope: 'col' }), element('th', t('js.review.application-summary.amount'), { scope: 'col', class: 'number' })])),
      element('tbody', lines.map((line) => element('tr', [element('th', line.category, { scope: 'row' }), element('td', line.description), element('td', formatMoney(line.amount), { class: 'number' })]))),
    ]), { class: 'table-wrap' })),
  ];
}

function documents(application) {
  const items = application.documents.map((file) => element('li', [
    element('a', [t('js.review.application-summary.download'), element('span', file.fileName, { class: 'file-name' })], {
      href: `/api/applications/${encodeURIComponent(application.id)}/documents/${encodeURIComponent(file.type)}`,
      download: file.fileName,
    }),
    element('span', ` ${fileSize(file.size)}`, { class: 'cell-hint-inline' }),
  ]));
  return [
    element('h3', t('js.review.application-summary.documents')),
    items.length === 0 ? element('p', t('js.review.application-summary.the-application-has-no-documents')) : element('ul', items, { class: 'plain-list', 'aria-label': t('js.review.application-summary.documents') }),
  ];
}

function paragraphs(text) {
  const parts = (text ?? '').split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
  return parts.length === 0 ? [element('p', '—')] : parts.map((part) => element('p', part, { class: 'prose' }));
}

function fact(term, description) {
  return [element('dt', term), element('dd', description)];
}
