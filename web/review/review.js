// One review (review.html?id=assignment): the application as its reviewer may see it, and the review
// form filled with what they saved last (read-only once submitted). "Save draft" PUTs the form;
// "Submit review" makes the saved review final (the API submits what was last saved, so unsaved
// changes are saved first). Field errors come from the API.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem } from '../shared/forms.js';
import { clockTime, deadlineOf, inRoundZone, localTime } from '../shared/format.js';
import { showApplication } from './application-summary.js';
import { fillReview, lockReview, readReview, setUpReviewForm } from './review-form.js';
import { setUpRecusal } from './recusal.js';
import { t } from '../shared/i18n.js';

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
      stop(t('js.review.review.you-stepped-back-from-this'), t('js.review.review.it-is-not-one-of'));
    } else if (review.status === 404) {
      stop(t('js.review.review.assignment-not-found'), t('js.review.review.it-is-not-one-of'));
    } else {
      stop(t('js.review.review.your-assignment-could-not-be'), review.problem.detail ?? t('js.review.review.please-try-again-in-a'));
    }

    return;
  }

  const [application, round] = await Promise.all([
    api(`/api/applications/${encodeURIComponent(assignment.applicationId)}`),
    api(`/api/rounds/${encodeURIComponent(assignment.roundId)}`),
  ]);
  if (!application.ok || !round.ok) {
    document.getElementById('loading').hidden = true;
    stop(t('js.review.review.the-application-could-not-be'), (application.problem ?? round.problem).detail ?? t('js.review.review.please-try-again-in-a'));
    return;
  }

  const title = application.data.title || t('js.review.review.untitled-application');
  document.getElementById('page-title').textContent = `Review: ${title}`;
  document.title = `Review: ${title} – TrustFundGrants`;
  const line = document.getElementById('round-line');
  const due = round.data.reviewDueAtLocal ? ` ${t('review.dueBy', { time: inRoundZone(round.data.reviewDueAtLocal, round.data.timeZone) })}` : '';
  line.textContent = t('review.forCall', { title: round.data.title, deadline: deadlineOf(round.data) }) + due;
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
    tell('message-success', t('review.submittedOn', { time: localTime(assignment.reviewSubmittedAt) }), t('js.review.review.it-no-longer-changes-the'));
    return;
  }

  if (assignment.reviewStatus === 'Draft') {
    saveState.textContent = t('js.review.review.this-is-the-draft-you');
  }

  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    work(save);
  });
  buttons[1].addEventListener('click', () => work(submit));
  setUpRecusal(id, () => stop(t('js.review.review.you-stepped-back-from-this'), t('js.review.review.the-secretariat-will-ask-another'), true));
}

function edited() {
  if (!dirty) {
    dirty = true;
    saveState.textContent = t('js.review.review.you-have-changes-that-are');
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

  saveState.textContent = t('js.review.review.saving');
  const result = await api(path, { method: 'PUT', body });
  if (!result.ok) {
    saveState.textContent = t('js.review.review.not-saved');
    refused(result);
    return false;
  }

  fillReview(result.data);
  assignment = result.data.assignment;
  dirty = false;
  saveState.textContent = t('review.savedAt', { time: clockTime(new Date()) });
  return true;
}

async function submit() {
  if ((dirty || assignment.reviewStatus !== 'Draft') && !(await save())) {
    return;
  }

  clearProblems(form);
  const result = await api(`${path}/submit`, { method: 'POST' });
  if (!result.ok) {
    refused(result, t('js.review.review.the-review-is-not-complete'));
    return;
  }

  assignment = result.data.assignment;
  lockReview();
  saveState.textContent = '';
  document.getElementById('recuse-section').hidden = true;
  tell('message-success', t('js.review.review.your-review-is-submitted'), t('js.review.review.thank-you-it-no-longer'));
}

function refused(result, validationTitle) {
  if (result.status === 400 && validationTitle) {
    showProblem(form, { ...result.problem, title: validationTitle });
  } else if (result.status === 409) {
    lockReview();
    showProblem(form, { title: t('js.review.review.this-review-was-already-submitted'), detail: result.problem.detail });
  } else if (result.status === 412) {
    showProblem(form, { title: t('js.review.review.your-review-changed-meanwhile-perhaps'), detail: t('js.review.review.nothing-was-saved-from-here') });
  } else if (result.status === 404) {
    showProblem(form, { title: t('js.review.review.this-assignment-is-no-longer'), detail: t('js.review.review.you-may-have-stepped-back') });
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
  announce(notice, element('p', [text, ' ', element('a', t('js.review.review.my-assignments'), { href: '/review/assignments.html' })]));
}
