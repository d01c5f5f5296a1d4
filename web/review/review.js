// One review (review.html?id=assignment): the application as its reviewer may see it, and the review
// form filled with what they saved last (read-only once submitted). The draft saves itself a moment
// after typing stops and is kept in this browser until the API has it (drafts.js), so a session that
// ends mid-review loses nothing. "Check your review" lists the answers to confirm; "Submit review"
// there makes the saved review final. Every problem shows at once, next to its field.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem } from '../shared/forms.js';
import { clockTime, deadlineOf, inRoundZone, localTime } from '../shared/format.js';
import { keepDraft } from '../shared/drafts.js';
import { showApplication } from './application-summary.js';
import { fillReview, lockReview, setUpReviewForm } from './review-form.js';
import { bodyOf, problemsIn, putBack, setUpCheck, showAnswers, snapshot } from './review-check.js';
import { setUpRecusal } from './recusal.js';
import { t } from '../shared/i18n.js';

const id = new URLSearchParams(location.search).get('id') ?? '';
const path = `/api/assignments/${encodeURIComponent(id)}/review`;
const form = document.getElementById('review-form');
const check = document.getElementById('review-check');
const notice = document.getElementById('notice');
const saveState = document.getElementById('save-state');
const buttons = ['save', 'check-review', 'submit-review'].map((each) => document.getElementById(each));
const draft = keepDraft(`tfg-unsaved-review:${id}`, () => work(autosave));
let assignment = null;

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
  document.getElementById('page-title').textContent = t('reviewPage.title', { title });
  document.title = `${t('reviewPage.title', { title })} – TrustFundGrants`;
  const line = document.getElementById('round-line');
  const due = round.data.reviewDueAtLocal ? ` ${t('review.dueBy', { time: inRoundZone(round.data.reviewDueAtLocal, round.data.timeZone) })}` : '';
  line.textContent = t('review.forCall', { title: round.data.title, deadline: deadlineOf(round.data) }) + due;
  line.hidden = false;
  await showApplication(document.getElementById('application'), application.data);
  setUpReviewForm(round.data, application.data.requestedAmount);
  setUpCheck(round.data, application.data.requestedAmount);
  fillReview(review.data);
  document.getElementById('loading').hidden = true;
  for (const section of ['on-this-page', 'application-section', 'review-section']) {
    document.getElementById(section).hidden = false;
  }

  if (assignment.reviewStatus === 'Submitted') {
    draft.forget();
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
  buttons[1].addEventListener('click', () => work(checkAnswers));
  buttons[2].addEventListener('click', () => work(submit));
  setUpRecusal(id, () => stop(t('js.review.review.you-stepped-back-from-this'), t('js.review.review.the-secretariat-will-ask-another'), true));
  draft.clean(savedContent(review.data));
  draft.restore(putBack, notice, {
    restoreAnyway: t('application.restoreAnyway'),
    keptButChanged: (time) => t('reviewPage.keptButChanged', { time }),
    restored: (time) => { saveState.textContent = t('application.restored', { time }); },
  });
}

// What the API holds of the review, to tell whether a copy kept in this browser was made over it.
function savedContent(review) {
  return JSON.stringify([review.scores, review.comments ?? '', review.recommendation ?? '', review.recommendedAmount?.amount ?? null]);
}

function edited() {
  const wasDirty = draft.dirty;
  if (draft.changed(snapshot()) && !wasDirty) {
    saveState.textContent = t('js.review.review.you-have-changes-that-are');
  }
}

/**
 * One action at a time, with the buttons disabled meanwhile. A click while the autosave runs waits for
 * it rather than being lost.
 */
let queue = Promise.resolve();
function work(action) {
  queue = queue.then(async () => {
    form.setAttribute('aria-busy', 'true');
    buttons.forEach((button) => { button.disabled = true; });
    try {
      await action();
    } finally {
      form.setAttribute('aria-busy', 'false');
      buttons.forEach((button) => { button.disabled = false; });
    }
  }).catch((error) => console.error(error));
  return queue;
}

/** Saves a moment after typing stops; a form with a problem waits for its next change or the Save button. */
async function autosave() {
  if (!draft.dirty || assignment.reviewStatus === 'Submitted' || problemsIn(snapshot(), false)) {
    return;
  }

  await save({ quiet: true });
}

/**
 * Saves the draft. `quiet` (the autosave) leaves the form as the reviewer has it: no summary taking
 * focus, and the answer is not written back into fields they may still be typing in.
 */
async function save({ quiet = false } = {}) {
  const raw = snapshot();
  if (!quiet) {
    clearProblems(form);
    const problems = problemsIn(raw, false);
    if (problems) {
      showProblem(form, { errors: problems });
      saveState.textContent = t('js.review.review.not-saved');
      return false;
    }
  }

  saveState.textContent = t('js.review.review.saving');
  const sent = draft.version;
  const result = await api(path, { method: 'PUT', body: bodyOf(raw) });
  if (!result.ok) {
    saveState.textContent = quiet ? t('reviewPage.notSavedQuiet') : t('js.review.review.not-saved');
    if (!quiet) {
      refused(result);
    }

    return false;
  }

  assignment = result.data.assignment;
  if (!quiet && draft.version === sent) {
    fillReview(result.data);
  }

  draft.saved(sent, savedContent(result.data));
  saveState.textContent = t('review.savedAt', { time: clockTime(new Date()) });
  return true;
}

/** Every problem at once; else the saved answers to check, with the button that submits them. */
async function checkAnswers() {
  clearProblems(form);
  notice.hidden = true;
  const raw = snapshot();
  const problems = problemsIn(raw, true);
  if (problems) {
    showProblem(form, { errors: problems, title: t('js.review.review.the-review-is-not-complete') });
    return;
  }

  if ((draft.dirty || assignment.reviewStatus !== 'Draft') && !(await save())) {
    return;
  }

  showAnswers(document.getElementById('review-check-list'), raw, backTo);
  form.hidden = true;
  check.hidden = false;
  document.getElementById('review-check-title').focus();
}

/** From the answers back to one field of the form. */
function backTo(target) {
  check.hidden = true;
  form.hidden = false;
  document.getElementById(target)?.focus();
}

async function submit() {
  const result = await api(`${path}/submit`, { method: 'POST' });
  check.hidden = true;
  form.hidden = false;
  if (!result.ok) {
    refused(result, t('js.review.review.the-review-is-not-complete'));
    return;
  }

  assignment = result.data.assignment;
  draft.forget();
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
