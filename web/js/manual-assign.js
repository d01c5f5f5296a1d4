// Assigning one panel reviewer to one eligible application by hand (POST /api/rounds/{roundId}/assignments),
// and taking off again a reviewer assigned here (DELETE /api/assignments/{id}): the API lists no
// round's assignments, so only those made on this page have an id to take off with.
import { api } from './api.js';
import { element } from './dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from './forms.js';
import { eligibleApplications } from './eligible-applications.js';

const form = document.getElementById('manual-form');
const result = document.getElementById('manual-result');
const made = document.getElementById('manual-made');
const applicationSelect = document.getElementById('manual-application');
const reviewerSelect = document.getElementById('manual-reviewer');
const takenOff = new Set();

/** Wires the form for `round`; before the call closes there is nothing to assign, so it is not shown. */
export async function setUpManualAssign(round, reviewers) {
  setReviewers(reviewers);
  if (round.status === 'Upcoming' || round.status === 'Open') {
    form.hidden = true;
    document.getElementById('manual-closed').hidden = false;
    return;
  }

  const applications = await eligibleApplications(round.id);
  applicationSelect.replaceChildren(
    element('option', applications.length === 0 ? 'No eligible applications' : 'Choose an application', { value: '' }),
    ...applications.map((a) => element('option', a.reference ? `${a.title} (${a.reference})` : a.title, { value: a.id })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, () => assign(round));
  });
}

/** The panel's reviewers to choose from, kept as they are when the panel grows. */
export function setReviewers(reviewers) {
  const chosen = reviewerSelect.value;
  reviewerSelect.replaceChildren(
    element('option', reviewers.length === 0 ? 'Nobody is on the panel yet' : 'Choose a reviewer on the panel', { value: '' }),
    ...reviewers.map((r) => element('option', r.email, { value: r.userId })));
  reviewerSelect.value = chosen;
}

async function assign(round) {
  clearProblems(form);
  result.hidden = true;
  const fields = values(form);
  const problems = {};
  if (!fields.applicationId) {
    problems.applicationId = ['Choose the application to assign.'];
  }

  if (!fields.reviewerId) {
    problems.reviewerId = ['Choose the reviewer to assign it to.'];
  }

  if (Object.keys(problems).length > 0) {
    showProblem(form, { errors: problems });
    return;
  }

  const answer = await api(`/api/rounds/${encodeURIComponent(round.id)}/assignments`, { method: 'POST', body: fields });
  if (!answer.ok) {
    showProblem(form, answer.status === 409 ? { title: 'The reviewer was not assigned.', detail: answer.problem.detail } : answer.problem);
    return;
  }

  const title = applicationSelect.selectedOptions[0].textContent;
  const email = reviewerSelect.selectedOptions[0].textContent;
  // 201 adds the assignment; 200 says the reviewer already had it, or has it back after being taken off.
  const back = answer.status === 200 && takenOff.delete(answer.data.id);
  const added = answer.status === 201 || back;
  tell('message-success', added ? `${email} now reviews ${title}.` : `${email} already reviews ${title}.`,
    added ? 'It is on their list under My assignments.' : 'Nothing changed.');
  if (added) {
    made.append(madeItem(answer.data.id, email, title));
    made.hidden = false;
    document.getElementById('manual-made-title').hidden = false;
  }
}

function madeItem(assignmentId, email, title) {
  const takeOff = element('button', ['Take off', element('span', ` ${email} from ${title}`, { class: 'visually-hidden' })], { type: 'button', class: 'secondary small' });
  const state = element('span', '', { class: 'cell-hint-inline' });
  takeOff.addEventListener('click', async () => {
    takeOff.disabled = true;
    const answer = await api(`/api/assignments/${encodeURIComponent(assignmentId)}`, { method: 'DELETE' });
    takeOff.disabled = false;
    if (answer.ok) {
      takenOff.add(assignmentId);
      takeOff.remove();
      state.textContent = 'Taken off';
      tell('message-success', `${email} no longer reviews ${title}.`, 'A draft they saved is kept. Assign them again to put them back.');
      return;
    }

    tell('message-warning', `${email} was not taken off ${title}.`, answer.problem.detail ?? answer.problem.title ?? 'Please try again.');
  });
  return element('li', [`${email}: ${title} `, takeOff, state]);
}

function tell(kind, heading, text) {
  result.classList.remove('message-success', 'message-warning');
  result.classList.add(kind);
  announce(result, element('strong', heading), text);
}
