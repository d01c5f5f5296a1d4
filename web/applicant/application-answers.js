// The application's answers as a list to read: checked before submitting (each with "Change", back to
// its field) and, once submitted, the application itself read as a document rather than a greyed-out form.
import { fillAnswers, listOf, paragraphs } from '../shared/check-answers.js';
import { exploitationForms, fileSize, formatMoney } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const ages = { 'under-18': 'applicant.application.age-under-18', '18-plus': 'applicant.application.age-18-plus' };
let round = null;
const countryNames = new Map();

/** Remembers the round (questions, documents) and the countries' names in the page's language. */
export function setUpAnswers(call, countries) {
  round = call;
  for (const { code, name } of countries) {
    countryNames.set(code, name);
  }
}

/** Fills `list` with the application's answers as the API holds them; `change(id)` offers going back to a field. */
export function showAnswers(list, application, change = null) {
  const { details } = application;
  const answered = (question) => details.eligibilityAnswers[question.id];
  const firstLine = document.querySelector('#app-budget-lines input');
  fillAnswers(list, [
    ...round.eligibility.map((question) => ({
      name: question.question,
      value: answered(question) === undefined ? '' : t(answered(question) ? 'answer.yes' : 'answer.no'),
      target: `elig-${question.id}-${answered(question) === false ? 'no' : 'yes'}`,
    })),
    { name: t('applicant.application.project-title-2'), value: application.title, target: 'app-title' },
    { name: t('applicant.application.summary'), value: paragraphs(application.summary), target: 'app-summary' },
    { name: t('applicant.application.amount-requested'), value: application.requestedAmount ? formatMoney(application.requestedAmount) : '', target: 'app-amount' },
    {
      name: t('applicant.application.duration-in-months'),
      value: application.durationMonths ? t('answers.months', { count: application.durationMonths }) : '',
      target: 'app-duration',
    },
    { name: t('applicant.application.countries-where-the-project'), value: listOf(details.countries.map((code) => countryNames.get(code) ?? code)), target: 'app-country' },
    {
      name: t('applicant.application.forms-of-exploitation-the'),
      value: listOf(exploitationForms.filter((form) => details.exploitationForms.includes(form.code)).map((form) => form.name)),
      target: `form-${exploitationForms[0].code}`,
    },
    { name: t('answers.groups'), value: details.targetGroups.join(', '), target: 'app-groups' },
    {
      name: t('applicant.application.people-the-project-plans'),
      value: listOf(details.plannedBeneficiaries.map((each) => t('answers.people', { sex: t(`sex.${each.sex}`), age: t(ages[each.ageGroup]), count: each.count }))),
      target: 'people-female-under-18',
    },
    {
      name: t('applicant.application.budget-title'),
      value: listOf(details.budgetLines.map((line) => t(line.description ? 'answers.lineWithDescription' : 'answers.line', {
        category: line.category, description: line.description, amount: formatMoney(line.amount),
      }))),
      target: firstLine?.id ?? 'app-budget-add',
    },
    // Read only, the documents section below lists the files with their downloads.
    ...(change ? round.requiredDocuments : []).map((required) => {
      const file = application.documents.find((each) => each.type === required.type);
      return { name: required.title, value: file ? t('answers.document', { name: file.fileName, size: fileSize(file.size) }) : '', target: `doc-${required.type}` };
    }),
  ], change);
}
