// One review (review.html?id=assignment): the application as its reviewer may see it, and the review
// form filled with what they saved last (read-only once submitted). "Save draft" PUTs the form;
// "Submit review" makes the saved review final (the API submits what was last saved, so unsaved
// changes are saved first). Field errors come from the API.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem } from '../shared/forms.js';
import { deadlineOf, inRoundZone, localTime } from '../shared/format.js';
import { showApplication } from './application-summary.js';
import { fillReview, lockReview, readReview, setUpReviewForm } from './review-form.js';
import { setUpRecusal } from './recusal.js';

const id = new URLSearchParams(location.search).get('id') ?? '';
const path = `/api/assignments/${encodeURIComponent(id)}/review`;
const form = document.getElementById('review-form');
const notice = document.getElementById('notice');
const saveState = document.getElementById('save-state');
const buttons = [document.getElementById('save'), document.getElementById('submit-review')];
let assignment = null;
let dirty = false;
let busy = false;

if (await startPage({ requires: 'Reviewer' })) {
  await load();
} else {
  document.getElementById('loading').hidden = true;
}

async function load() {
  // The review read back names its assignment: one read says it is this reviewer's, where it stands and what they saved.
  const review = await api(path);
  assignment = review.ok ? review.data.assignment : null;
  if (!review.ok || assignment.status !== 'Assigned') {
    document.getElementById('loading').hidden = true;
    if (review.ok) {
      stop('You stepped back from this application', 'It is not one of your assignments now. Your current ones are under My assignments.');
    } else if (review.status === 404) {
      stop('Assignment not found', 'It is not one of your assignments now. Your current ones are under My assignments.');
    } else {
      stop('Your assignment could not be loaded', review.problem.detail ?? 'Please try again in a few minutes.');
    }

    return;
  }

  const [application, round] = await Promise.all([
    api(`/api/applications/${encodeURIComponent(assignment.applicationId)}`),
    api(`/api/rounds/${encodeURIComponent(assignment.roundId)}`),
  ]);
  if (!application.ok || !round.ok) {
    document.getElementById('loading').hidden = true;
    stop('The application could not be loaded', (application.problem ?? round.problem).detail ?? 'Please try again in a few minutes.');
    return;
  }

  const title = application.data.title || 'Untitled application';
  document.getElementById('page-title').textContent = `Review: ${title}`;
  document.title = `Review: ${title} – TrustFundGrants`;
  const line = document.getElementById('round-line');
  const due = round.data.reviewDueAtLocal ? ` Reviews are due by ${inRoundZone(round.data.reviewDueAtLocal, round.data.timeZone)}.` : '';
  line.textContent = `For the call “${round.data.title}” (closed ${deadlineOf(round.data)}).${due}`;
  line.hidden = false;
  await showApplication(document.getElementById('application'), application.data);
  setUpReviewForm(round.data, application.data.requestedAmount);
  fillReview(review.data);
  document.getElementById('loading').hidden = true;
  for (const section of ['on-this-page', 'application-section', 'review-section']) {
    document.getElementById(section).hidden = false;
  }

  if (assignment.reviewStatus === 'Submitted') {
    lockReview();
    tell('message-success', `You submitted this review on ${localTime(assignment.reviewSubmittedAt)}.`, 'It no longer changes; the panel’s ranking uses it.');
    return;
  }

  if (assignment.reviewStatus === 'Draft') {
    saveState.textContent = 'This is the draft you saved. Change it and save again, or submit it when it is complete.';
  }

  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    work(save);
  });
  buttons[1].addEventListener('click', () => work(submit));
  setUpRecusal(id, () => stop('You stepped back from this application', 'The secretariat will ask another reviewer. It no longer shows under My assignments as one to review.', true));
}

function edited() {
  if (!dirty) {
    dirty = true;
    saveState.textContent = 'You have changes that are not saved yet.';
  }
}

/** One action at a time, with both buttons disabled meanwhile. */
async function work(action) {
  if (busy) {
    return;
  }

  busy = true;
  form.setAttribute('aria-busy', 'true');
  buttons.forEach((button) => { button.disabled = true; });
  try {
    await action();
  } finally {
    busy = false;
    form.setAttribute('aria-busy', 'false');
    buttons.forEach((button) => { button.disabled = false; });
  }
}

async function save() {
  clearProblems(form);
  const { body, problems } = readReview();
  if (problems) {
    showProblem(form, { errors: problems });
    return false;
  }

  saveState.textContent = 'Saving…';
  const result = await api(path, { method: 'PUT', body });
  if (!result.ok) {
    saveState.textContent = 'Not saved.';
    refused(result);
    return false;
  }

  fillReview(result.data);
  assignment = result.data.assignment;
  dirty = false;
  saveState.textContent = `Draft saved at ${new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(new Date())}.`;
  return true;
}

async function submit() {
  if ((dirty || assignment.reviewStatus !== 'Draft') && !(await save())) {
    return;
  }

  clearProblems(form);
  const result = await api(`${path}/submit`, { method: 'POST' });
  if (!result.ok) {
    refused(result, 'The review is not complete yet');
    return;
  }

  assignment = result.data.assignment;
  lockReview();
  saveState.textContent = '';
  document.getElementById('recuse-section').hidden = true;
  tell('message-success', 'Your review is submitted.', 'Thank you. It no longer changes; the panel’s ranking now uses it. Your other assignments are under My assignments.');
}

function refused(result, validationTitle) {
  if (result.status === 400 && validationTitle) {
    showProblem(form, { ...result.problem, title: validationTitle });
  } else if (result.status === 409) {
    lockReview();
    showProblem(form, { title: 'This review was already submitted.', detail: result.problem.detail });
  } else if (result.status === 412) {
    showProblem(form, { title: 'Your review changed meanwhile, perhaps in another tab.', detail: 'Nothing was saved from here. Reload the page and make your change again.' });
  } else if (result.status === 404) {
    showProblem(form, { title: 'This assignment is no longer yours.', detail: 'You may have stepped back from it in another tab. Your current ones are under My assignments.' });
  } else {
    showProblem(form, result.problem);
  }
}

function tell(kind, heading, text) {
  notice.classList.remove('message-success', 'message-warning');
  notice.classList.add(kind);
  announce(notice, element('strong', heading), text);
}

/** Ends the page with a heading and a line, for an assignment that cannot be reviewed here. */
function stop(heading, text, done = false) {
  for (const section of ['on-this-page', 'application-section', 'review-section', 'recuse-section', 'round-line']) {
    document.getElementById(section).hidden = true;
  }

  document.getElementById('page-title').textContent = heading;
  notice.classList.add(done ? 'message-success' : 'message-warning');
  announce(notice, element('p', [text, ' ', element('a', 'My assignments', { href: '/review/assignments.html' })]));
}
