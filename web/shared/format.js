// How the portal writes the API's values for people, in the page's language (Intl): money (exactly,
// from its string amount), amounts typed in any of the languages' ways, a round's deadline on the
// round's own clock and the reader's (and a time typed on that clock, back for the API), times, file
// sizes, and the words for the API's codes.

import { element } from './dom.js';
import { locale, t } from './i18n.js';

/** { amount: "45000.00", currency: "USD" } in the page's language ("45 000,00 $US" in French), exactly: Intl reads the string as a decimal, never a float. */
export function formatMoney(money) {
  if (!money) {
    return '—';
  }

  const decimals = decimalsOf(money.amount);
  return new Intl.NumberFormat(locale, {
    style: 'currency', currency: money.currency, currencyDisplay: 'code', minimumFractionDigits: decimals, maximumFractionDigits: decimals,
  }).format(String(money.amount));
}

/** "1234567.50" with the language's grouping and decimal sign ("1,234,567.50", "1 234 567,50", "1.234.567,50"). */
export function groupDigits(amount) {
  const decimals = decimalsOf(amount);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(String(amount));
}

/**
 * An amount the API wrote ("45000.50"), for an amount field: as the page's language writes it
 * ("45.000,50" in Spanish), which tidyAmount reads back as the same amount. Anything else stays as it is.
 */
export function amountInField(amount) {
  return /^\d+(\.\d+)?$/.test(String(amount ?? '')) ? groupDigits(amount) : (amount ?? '');
}

/** How many decimals the currency's amounts carry, read from an amount the API wrote ("20000.00": 2). */
export function decimalsOf(amount) {
  const point = String(amount ?? '').indexOf('.');
  return point < 0 ? 0 : String(amount).length - point - 1;
}

/** The page language's decimal sign: "." in English, "," in French and Spanish. */
export const decimalSign = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal').value;

/**
 * What a person typed as an amount, as the API writes amounts ("45000.50"); anything that is not an
 * amount is left as typed, for the API to name the problem. Spaces (also the narrow ones French uses)
 * and apostrophes always group digits. Of "." and ",":
 *  - both present: the last one is the decimal sign, the other groups ("45.000,50" and "45,000.50");
 *  - one sign appearing more than once groups ("1.000.000", "1,000,000");
 *  - one sign appearing once, followed by other than three digits, is the decimal sign ("45,5", "45.50");
 *  - one sign appearing once before exactly three digits ("45,000" or "45.000") is the only ambiguous
 *    case; it is read as the page's language writes numbers: in English "," groups and "." is decimal,
 *    in French and Spanish "," is decimal and "." groups. In a currency of two decimals a three-digit
 *    fraction is no amount, so "45,000" on a French page (or "45.000" on an English one) is refused,
 *    naming the way to write it, rather than read as 45; the check-your-answers step shows each amount
 *    in the page's format before anything is sent.
 * Groups must be of three digits after the first; "4,50,000" is left for the API to refuse.
 */
export function tidyAmount(text) {
  const typed = String(text ?? '').trim();
  const compact = typed.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) {
    return compact;
  }

  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let decimal = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sign = lastDot >= 0 ? '.' : ',';
    const count = compact.split(sign).length - 1;
    const after = compact.length - compact.lastIndexOf(sign) - 1;
    if (count === 1 && after !== 3) {
      decimal = sign;
    } else if (count === 1) {
      decimal = sign === decimalSign ? sign : null;
    }
  }

  const [whole, fraction] = decimal === null ? [compact, undefined] : [compact.slice(0, compact.lastIndexOf(decimal)), compact.slice(compact.lastIndexOf(decimal) + 1)];
  const groups = whole.split(/[.,]/);
  const grouped = groups.length === 1 || (groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every((group) => group.length === 3));
  if (!grouped || (fraction !== undefined && !/^\d+$/.test(fraction))) {
    return compact;
  }

  return fraction === undefined ? groups.join('') : `${groups.join('')}.${fraction}`;
}

/** The amount in minor units (a BigInt), or null when it is not a plain amount with at most `decimals` decimals. */
export function toMinor(amount, decimals) {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(tidyAmount(amount));
  if (!match || (match[2] ?? '').length > decimals) {
    return null;
  }

  return BigInt(match[1] + (match[2] ?? '').padEnd(decimals, '0'));
}

/** Minor units (a BigInt) back to the API's amount text with exactly `decimals` decimals. */
export function fromMinor(minor, decimals) {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const text = decimals === 0 ? whole : `${whole}.${digits.slice(digits.length - decimals)}`;
  return negative ? `-${text}` : text;
}

/**
 * An instant as the round's clock shows it: the API gives "2027-03-31T23:59:00+03:00" for
 * Africa/Nairobi, written here in the page's language as "31 March 2027 at 23:59 (Africa/Nairobi)".
 */
export function inRoundZone(localIso, timeZone) {
  const instant = new Date(localIso ?? '');
  if (!localIso || Number.isNaN(instant.getTime())) {
    return localIso ?? '';
  }

  return `${dateTimeIn(instant, timeZone)} (${timeZone})`;
}

function dateTimeIn(instant, timeZone) {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(instant);
  } catch {
    return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(instant)} UTC`;
  }
}

/** The reader's own time zone, as the browser knows it. */
export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The deadline of a round on its own clock and, when the reader's clock shows another time, on theirs:
 * "31 March 2027 at 23:59 (Africa/Nairobi); 22:59 your time (Europe/Paris)".
 */
export function deadlineOf(round) {
  const onRound = inRoundZone(round.closesAtLocal, round.timeZone);
  const instant = new Date(round.closesAtLocal ?? '');
  if (!viewerZone || Number.isNaN(instant.getTime()) || dateTimeIn(instant, viewerZone) === dateTimeIn(instant, round.timeZone)) {
    return onRound;
  }

  return t('format.deadlineBoth', { round: onRound, yours: dateTimeIn(instant, viewerZone), zone: viewerZone });
}

/** "Closes in 2 days" while fewer than 7 days are left before `iso`, "Closed" once past, else null. */
export function countdown(iso, now = Date.now()) {
  const left = new Date(iso).getTime() - now;
  if (Number.isNaN(left) || left > 7 * 86_400_000) {
    return null;
  }

  if (left <= 0) {
    return t('format.countdownPast');
  }

  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const inWords = left >= 86_400_000 ? relative.format(Math.floor(left / 86_400_000), 'day')
    : left >= 3_600_000 ? relative.format(Math.floor(left / 3_600_000), 'hour')
      : relative.format(Math.max(1, Math.floor(left / 60_000)), 'minute');
  return t('format.countdown', { left: inWords });
}

/**
 * "2027-03-31T23:59" on the clock of `zone` as an instant with its offset there
 * ("2027-03-31T23:59:00+03:00"). An unknown zone is sent as UTC, for the API to name the zone as
 * the problem.
 */
export function zonedIso(local, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) {
    return local;
  }

  const [, year, month, day, hour, minute] = match.map(Number);
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  let offset;
  try {
    offset = offsetMinutes(naive, zone);
    offset = offsetMinutes(naive - (offset * 60_000), zone);
  } catch {
    return `${match[0]}:00Z`;
  }

  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.trunc(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${match[0]}:00${sign}${hours}:${minutes}`;
}

function offsetMinutes(utc, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utc));
  const part = (type) => Number(parts.find((each) => each.type === type).value);
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((shown - utc) / 60_000);
}

/** An instant in the reader's own time zone and language: "3 May 2026 at 14:02", "3 mai 2026 à 14:02". */
export function localTime(iso) {
  if (!iso) {
    return '';
  }

  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** A round's countdown while it is open and in its last 7 days, as nodes to append ([] otherwise). */
export function countdownOf(round, now = Date.now()) {
  const text = round.status === 'Open' ? countdown(round.closesAtLocal, now) : null;
  return text ? [' ', element('strong', text, { class: 'countdown' })] : [];
}

/** A date in the reader's language: "3 May 2026", "3 mai 2026". */
export function localDate(iso) {
  return iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso)) : '';
}

/** A time of day in the reader's language: "12:04". */
export function clockTime(date) {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
}

/** 2048 as "2 KB", 5242880 as "5 MB", 1500000 as "1.4 MB". */
export function fileSize(bytes) {
  if (bytes < 1024) {
    return t('format.bytes', { count: bytes });
  }

  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }

  const rounded = value >= 10 || Number.isInteger(value) ? Math.round(value) : Math.round(value * 10) / 10;
  return `${new Intl.NumberFormat(locale).format(rounded)} ${units[unit]}`;
}

/** The file formats a round may ask for, by the content type the API uses. */
export const fileFormats = [
  { type: 'application/pdf', name: 'PDF', accept: '.pdf,application/pdf' },
  { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'Word (DOCX)', accept: '.docx' },
  { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'Excel (XLSX)', accept: '.xlsx' },
  { type: 'image/jpeg', name: t('format.file.jpeg'), accept: '.jpg,.jpeg,image/jpeg' },
  { type: 'image/png', name: t('format.file.png'), accept: '.png,image/png' },
];

/** "PDF or Excel (XLSX)" for a list of content types. */
export function formatNames(contentTypes) {
  const names = contentTypes.map((type) => fileFormats.find((format) => format.type === type)?.name ?? type);
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
}

/** The `accept` attribute of a file input for a list of content types (a hint to the file picker only). */
export function acceptFor(contentTypes) {
  return contentTypes.map((type) => fileFormats.find((format) => format.type === type)?.accept ?? type).join(',');
}

/** The forms of exploitation the API knows, with their names. */
export const exploitationForms = ['sexual-exploitation', 'forced-labour', 'forced-criminality', 'domestic-servitude', 'forced-marriage', 'child-trafficking', 'organ-removal', 'other']
  .map((code) => ({ code, name: t(`exploitation.${code}`) }));

/** Application statuses in words an applicant reads. */
export function statusName(status) {
  return status ? t(`status.application.${status}`) : '';
}

/** Round statuses in words. */
export function roundStatusName(status) {
  return status ? t(`status.round.${status}`) : '';
}

/** A reviewer's recommendation in words, by the API's code. */
export const recommendations = ['fund', 'maybe', 'do-not-fund'].map((code) => ({ code, name: t(`recommendation.${code}`) }));

/** Where a reviewer's work on an assignment stands, from its status and review status. */
export function reviewStateName(assignment) {
  return t(`status.review.${assignment.status === 'Recused' ? 'Recused' : assignment.reviewStatus}`);
}

/** A score on the ranking's 0–100 scale, always with two decimals as the API computes it ("72.50"). */
export function score(value) {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(String(value));
}

/** A decision's outcome in words, by the API's code. */
export function outcomeName(outcome) {
  return outcome ? t(`outcome.${outcome}`) : '';
}
