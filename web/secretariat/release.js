// Releasing a round's held decisions (POST /api/rounds/{roundId}/decisions/release), behind a
// confirm step: applicants are emailed at once and a released decision cannot be taken back.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { announce } from '../shared/forms.js';
import { t } from '../shared/i18n.js';

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
      problem.textContent = result.problem.detail ?? result.problem.title ?? t('js.secretariat.release.releasing-did-not-work-please');
      problem.hidden = false;
      return;
    }

    confirm.hidden = true;
    start.hidden = false;
    await onReleased(result.data);
    const { released, stillHeld } = result.data;
    const lines = [element('strong', released === 0
      ? t('js.secretariat.release.there-were-no-held-decisions')
      : t('release.released', { count: released }))];
    if (stillHeld > 0) {
      lines.push(t('release.stillHeld', { count: stillHeld }));
    }

    announce(document.getElementById('release-notice'), ...lines);
  });
}
