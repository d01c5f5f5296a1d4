// When a round's reviews fall due (PUT /api/rounds/{roundId}/review-due-date), set or moved by the
// Secretariat on the round's own clock. The round's ETag guards the change, so two people moving the
// date at once cannot silently undo each other; reviewers get daily reminders in the week before.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { inRoundZone, zonedIso } from '../shared/format.js';

const form = document.getElementById('due-form');
const notice = document.getElementById('due-notice');
let etag = '';

/** Wires the form for `round`, read with `roundEtag`. */
export function setUpReviewDue(round, roundEtag) {
  etag = roundEtag;
  document.getElementById('due-at-hint').textContent = `On the round’s clock (${round.timeZone}), after its deadline. Reviewers with reviews still to submit are emailed a reminder each day in the week before.`;
  showCurrent(round);
  // A datetime-local input takes "2027-05-31T17:00": the API's local time without seconds and offset.
  form.elements.namedItem('reviewDueAt').value = round.reviewDueAtLocal?.slice(0, 16) ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, () => save(round));
  });
}

function showCurrent(round) {
  document.getElementById('due-current').textContent = round.reviewDueAtLocal
    ? `Reviews are due by ${inRoundZone(round.reviewDueAtLocal, round.timeZone)}.`
    : 'No due date is set: reviewers see none and get no reminders.';
  document.getElementById('due-save').textContent = round.reviewDueAtLocal ? 'Move due date' : 'Set due date';
}

async function save(round) {
  clearProblems(form);
  notice.hidden = true;
  const local = values(form).reviewDueAt;
  if (!local) {
    showProblem(form, { errors: { reviewDueAt: ['Give the date and time reviews are due.'] } });
    return;
  }

  const result = await api(`/api/rounds/${encodeURIComponent(round.id)}/review-due-date`, {
    method: 'PUT', body: { reviewDueAt: zonedIso(local, round.timeZone) }, headers: { 'If-Match': etag },
  });
  if (result.status === 412) {
    showProblem(form, { title: 'The round changed meanwhile.', detail: 'Someone else may have moved the date. Reload the page to see it, then set the date again.' });
    return;
  }

  if (!result.ok) {
    showProblem(form, result.problem);
    return;
  }

  etag = result.headers.get('ETag') ?? etag;
  showCurrent(result.data);
  announce(notice, element('strong', `Reviews are now due by ${inRoundZone(result.data.reviewDueAtLocal, result.data.timeZone)}.`),
    'Reviewers see the date on their assignments.');
}
