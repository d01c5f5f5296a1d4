// Releasing a round's held decisions (POST /api/rounds/{roundId}/decisions/release), behind a
// confirm step: applicants are emailed at once and a released decision cannot be taken back.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';

const start = document.getElementById('release-start');
const confirm = document.getElementById('release-confirm');
const yes = document.getElementById('release-yes');
const problem = document.getElementById('release-problem');

/** Wires the release controls for `roundId`; `onReleased(result)` runs after the API answers. */
export function setUpRelease(roundId, onReleased) {
  start.addEventListener('click', () => {
    start.hidden = true;
    confirm.hidden = false;
    problem.hidden = true;
    document.getElementById('release-confirm-title').focus();
  });
  document.getElementById('release-no').addEventListener('click', () => {
    confirm.hidden = true;
    start.hidden = false;
    start.focus();
  });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    const result = await api(`/api/rounds/${encodeURIComponent(roundId)}/decisions/release`, { method: 'POST' });
    yes.disabled = false;
    if (!result.ok) {
      problem.textContent = result.problem.detail ?? result.problem.title ?? 'Releasing did not work. Please try again.';
      problem.hidden = false;
      return;
    }

    confirm.hidden = true;
    start.hidden = false;
    await onReleased(result.data);
    const { released, stillHeld } = result.data;
    const lines = [element('strong', released === 0
      ? 'There were no held decisions to release.'
      : `${released} ${released === 1 ? 'decision is' : 'decisions are'} released. Each applicant is emailed once.`)];
    if (stillHeld > 0) {
      lines.push(`${stillHeld} changed while releasing and ${stillHeld === 1 ? 'is' : 'are'} still held; release again to send ${stillHeld === 1 ? 'it' : 'them'}.`);
    }

    announce(document.getElementById('release-notice'), ...lines);
  });
}
