// Stepping back from an assignment (POST /api/assignments/{id}/recuse {reason}), behind a confirm
// step, since the reviewer loses sight of the application and cannot undo it.
import { api } from '../shared/api.js';
import { clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';

const start = document.getElementById('recuse-start');
const form = document.getElementById('recuse-form');

/** Shows the recusal controls for `assignmentId`; `onRecused` runs once the API has recorded it. */
export function setUpRecusal(assignmentId, onRecused) {
  document.getElementById('recuse-section').hidden = false;
  start.addEventListener('click', () => {
    start.hidden = true;
    form.hidden = false;
    document.getElementById('recuse-confirm-title').focus();
  });
  document.getElementById('recuse-cancel').addEventListener('click', () => {
    clearProblems(form);
    form.hidden = true;
    start.hidden = false;
    start.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, async () => {
      clearProblems(form);
      const result = await api(`/api/assignments/${encodeURIComponent(assignmentId)}/recuse`, { method: 'POST', body: { reason: values(form).reason } });
      if (!result.ok) {
        showProblem(form, result.problem);
        return;
      }

      document.getElementById('recuse-section').hidden = true;
      onRecused();
    });
  });
}
