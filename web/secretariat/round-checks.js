// The round set-up form's rules, checked before sending so that every problem shows at once, in the
// Secretariat's language: the same rules RoundRequest.Validate applies (the API still has the last word).
import { tidyAmount } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const maxDocumentBytes = 50 * 1024 * 1024;

/** Adds to `problems` (errors by the API's field names) what is wrong with the RoundRequest `body`; a field already named keeps its message. */
export function checkRound(body, problems) {
  const add = (key, message) => {
    problems[key] ??= [message];
  };

  if (!body.title) {
    add('title', t('roundCheck.title'));
  }

  if (body.closesAt && body.opensAt && Date.parse(body.closesAt) <= Date.parse(body.opensAt)) {
    add('closesAt', t('roundCheck.closesAfterOpens'));
  } else if (body.closesAt && Date.parse(body.closesAt) <= Date.now()) {
    add('closesAt', t('roundCheck.closesPassed'));
  }

  if (body.reviewDueAt && body.closesAt && Date.parse(body.reviewDueAt) <= Date.parse(body.closesAt)) {
    add('reviewDueAt', t('roundCheck.reviewDue'));
  }

  const [envelope, min, max] = minorUnits(body.envelope.amount, body.minGrant.amount, body.maxGrant.amount);
  for (const [name, value] of [['envelope', envelope], ['minGrant', min], ['maxGrant', max]]) {
    if (value === null) {
      add(name, t('roundCheck.amount'));
    }
  }

  if (envelope !== null && envelope <= 0n) {
    add('envelope', t('roundCheck.envelopePositive'));
  }

  if (min !== null && min <= 0n) {
    add('minGrant', t('roundCheck.minPositive'));
  }

  if (min !== null && max !== null && min > max) {
    add('maxGrant', t('roundCheck.maxBelowMin'));
  } else if (max !== null && envelope !== null && max > envelope) {
    add('maxGrant', t('roundCheck.maxAboveEnvelope'));
  }

  if (body.maxDurationMonths < 1 || body.maxDurationMonths > 60) {
    add('maxDurationMonths', t('roundCheck.duration'));
  }

  if (body.reviewersPerApplication < 1 || body.reviewersPerApplication > 10) {
    add('reviewersPerApplication', t('roundCheck.reviewers'));
  }

  if (body.criteria.length === 0) {
    add('criteria', t('roundCheck.criteria'));
  }

  body.criteria.forEach((criterion, index) => {
    const key = `criteria[${index}]`;
    if (!criterion.title) {
      add(`${key}.title`, t('roundCheck.criterionTitle'));
    }

    if (criterion.weight < 1 || criterion.weight > 100) {
      add(`${key}.weight`, t('roundCheck.weight'));
    }

    if (criterion.maxScore < 1 || criterion.maxScore > 100) {
      add(`${key}.maxScore`, t('roundCheck.maxScore'));
    }
  });
  body.requiredDocuments.forEach((required, index) => {
    const key = `requiredDocuments[${index}]`;
    if (required.maxBytes > maxDocumentBytes) {
      add(`${key}.maxBytes`, t('roundCheck.maxBytes'));
    }

    if (required.contentTypes.length === 0) {
      add(`${key}.contentTypes`, t('roundCheck.formats'));
    }
  });
}

// Amounts as whole minor units on one scale (the most decimals any of them has), or null for one that is not a plain amount.
function minorUnits(...amounts) {
  const plain = amounts.map((amount) => /^(\d+)(?:\.(\d+))?$/.exec(tidyAmount(amount)));
  const decimals = Math.max(0, ...plain.map((match) => match?.[2]?.length ?? 0));
  return plain.map((match) => (match ? BigInt(match[1] + (match[2] ?? '').padEnd(decimals, '0')) : null));
}
