// Assigning one panel reviewer to one eligible application by hand (POST /api/rounds/{roundId}/assignments).
// Taking one off is in the round's assignments table (round-assignments.js), read again after each assignment.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { eligibleApplications } from './eligible-applications.js';
import { assignmentStatus, refreshAssignments } from './round-assignments.js';

const form = document.getElementById('manual-form');
const result = document.getElementById('manual-result');
const applicationSelect = document.getElementById('manual-application');
const reviewerSelect = document.getElementById('manual-reviewer');

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
  const added = answer.status === 201 || assignmentStatus(answer.data.id) === 'Removed';
  await refreshAssignments();
  announce(result, element('strong', added ? `${email} now reviews ${title}.` : `${email} already reviews ${title}.`),
    added ? 'It is on their list under My assignments.' : 'Nothing changed.');
}
