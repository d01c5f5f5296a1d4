// How the portal writes the API's values for people: money (exactly, from its string amount), a
// round's deadline on the round's own clock (and a time typed on that clock, back for the API),
// times, file sizes, and the words for the API's codes.

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** { amount: "45000.00", currency: "USD" } as "USD 45,000.00", without ever going through a float. */
export function formatMoney(money) {
  if (!money) {
    return '—';
  }

  return `${money.currency} ${groupDigits(money.amount)}`;
}

/** "1234567.50" as "1,234,567.50". */
export function groupDigits(amount) {
  const [whole, fraction] = String(amount).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

/** How many decimals the currency's amounts carry, read from an amount the API wrote ("20000.00": 2). */
export function decimalsOf(amount) {
  const point = String(amount ?? '').indexOf('.');
  return point < 0 ? 0 : String(amount).length - point - 1;
}

/**
 * What a person typed as an amount, tidied the way the API reads amounts: no spaces, no thousands
 * separators ("45,000.00" and "45 000" become "45000.00" and "45000"). Anything else is left for the
 * API to judge, so the person sees its message.
 */
export function tidyAmount(text) {
  const trimmed = String(text ?? '').replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replaceAll(',', '') : trimmed;
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
 * Africa/Nairobi, written here as "31 March 2027, 23:59 (Africa/Nairobi)". The local date and time
 * are read from the text itself, so the reader's own time zone never shifts them.
 */
export function inRoundZone(localIso, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(localIso ?? '');
  if (!match) {
    return localIso ?? '';
  }

  const [, year, month, day, hour, minute] = match;
  return `${Number(day)} ${months[Number(month) - 1]} ${year}, ${hour}:${minute} (${timeZone})`;
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

/** The deadline of a round, on its own clock. */
export function deadlineOf(round) {
  return inRoundZone(round.closesAtLocal, round.timeZone);
}

/** An instant in the reader's own time zone: "3 May 2026, 14:02". */
export function localTime(iso) {
  if (!iso) {
    return '';
  }

  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** 2048 as "2 KB", 5242880 as "5 MB", 1500000 as "1.4 MB". */
export function fileSize(bytes) {
  if (bytes < 1024) {
    return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  }

  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }

  const rounded = value >= 10 || Number.isInteger(value) ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

/** The file formats a round may ask for, by the content type the API uses. */
export const fileFormats = [
  { type: 'application/pdf', name: 'PDF', accept: '.pdf,application/pdf' },
  { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'Word (DOCX)', accept: '.docx' },
  { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'Excel (XLSX)', accept: '.xlsx' },
  { type: 'image/jpeg', name: 'JPEG image', accept: '.jpg,.jpeg,image/jpeg' },
  { type: 'image/png', name: 'PNG image', accept: '.png,image/png' },
];

/** "PDF or Excel (XLSX)" for a list of content types. */
export function formatNames(contentTypes) {
  const names = contentTypes.map((type) => fileFormats.find((format) => format.type === type)?.name ?? type);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The `accept` attribute of a file input for a list of content types (a hint to the file picker only). */
export function acceptFor(contentTypes) {
  return contentTypes.map((type) => fileFormats.find((format) => format.type === type)?.accept ?? type).join(',');
}

/** The forms of exploitation the API knows, with their names. */
export const exploitationForms = [
  { code: 'sexual-exploitation', name: 'Sexual exploitation' },
  { code: 'forced-labour', name: 'Forced labour' },
  { code: 'forced-criminality', name: 'Forced criminality' },
  { code: 'domestic-servitude', name: 'Domestic servitude' },
  { code: 'forced-marriage', name: 'Forced marriage' },
  { code: 'child-trafficking', name: 'Child trafficking' },
  { code: 'organ-removal', name: 'Organ removal' },
  { code: 'other', name: 'Other forms' },
];

/** Application statuses in words an applicant reads. */
export const statusNames = {
  Draft: 'Draft',
  Submitted: 'Submitted',
  Eligible: 'Eligible',
  Ineligible: 'Ineligible',
  UnderReview: 'Under review',
  Approved: 'Approved',
  Rejected: 'Not funded',
  Waitlisted: 'Waitlisted',
  Withdrawn: 'Withdrawn',
};

export function statusName(status) {
  return statusNames[status] ?? status;
}

/** Round statuses in words. */
export function roundStatusName(status) {
  return { Upcoming: 'Opens soon', Open: 'Open', Closed: 'Closed', Decided: 'Decided' }[status] ?? status;
}

/** A reviewer's recommendation in words, by the API's code. */
export const recommendations = [
  { code: 'fund', name: 'Fund' },
  { code: 'maybe', name: 'Maybe' },
  { code: 'do-not-fund', name: 'Do not fund' },
];

/** Where a reviewer's work on an assignment stands, from its status and review status. */
export function reviewStateName(assignment) {
  if (assignment.status === 'Recused') {
    return 'Recused';
  }

  return { NotStarted: 'Not started', Draft: 'Draft saved', Submitted: 'Submitted' }[assignment.reviewStatus] ?? assignment.reviewStatus;
}

/** A score on the ranking's 0–100 scale, always with two decimals as the API computes it ("72.50"). */
export function score(value) {
  return value === null || value === undefined ? '—' : Number(value).toFixed(2);
}

/** A decision's outcome in words, by the API's code. */
export function outcomeName(outcome) {
  return { approved: 'Approved', rejected: 'Rejected', waitlisted: 'Waitlisted' }[outcome] ?? outcome;
}
