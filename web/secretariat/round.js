// One round's schedule (Secretariat, round.html?id=): before it opens, a link to edit all its terms;
// while it takes applications, moving its deadline (PUT /api/rounds/{id}/deadline) and, once open,
// closing it early (POST /api/rounds/{id}/close). Both are guarded by the round's ETag, so two people
// changing the round at once cannot silently undo each other.
import { api } from '../shared/api.js';
import { startPage } from '../shared/nav.js';
import { element } from '../shared/dom.js';
import { announce, clearProblems, showProblem, values, whileBusy } from '../shared/forms.js';
import { deadlineOf, inRoundZone, roundStatusName, zonedIso } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const roundId = new URLSearchParams(location.search).get('id') ?? '';
const deadlineForm = document.getElementById('deadline-form');
const closeForm = document.getElementById('close-form');
let round = null;
let etag = '';

if (await startPage({ requires: 'Secretariat' })) {
  const read = await api(`/api/rounds/${encodeURIComponent(roundId)}`);
  document.getElementById('loading').hidden = true;
  if (read.ok) {
    deadlineForm.addEventListener('submit', (event) => {
      event.preventDefault();
      whileBusy(deadlineForm, moveDeadline);
    });
    closeForm.addEventListener('submit', (event) => {
      event.preventDefault();
      whileBusy(closeForm, closeNow);
    });
    show(read.data, read.headers.get('ETag') ?? '');
    document.getElementById('page').hidden = false;
  } else {
    document.getElementById('page-title').textContent = read.status === 404 ? t('js.secretariat.review-panel.round-not-found') : t('js.secretariat.round.could-not-be-read');
    announce(document.getElementById('notice'), element('p', read.status === 404
      ? t('js.secretariat.review-panel.check-the-link-or-choose')
      : (read.problem.detail ?? t('js.secretariat.review-panel.please-try-again-in-a'))));
  }
} else {
  document.getElementById('loading').hidden = true;
}

function show(shown, shownEtag) {
  round = shown;
  etag = shownEtag;
  document.getElementById('page-title').textContent = round.title;
  document.title = `${round.title} – TrustFundGrants`;
  document.getElementById('round-status').textContent = roundStatusName(round.status);
  document.getElementById('round-opens').textContent = inRoundZone(round.opensAtLocal, round.timeZone);
  document.getElementById('round-deadline').textContent = deadlineOf(round);
  const upcoming = round.status === 'Upcoming';
  const open = round.status === 'Open';
  document.getElementById('terms-section').hidden = !upcoming;
  document.getElementById('edit-link').href = `/secretariat/rounds.html?edit=${encodeURIComponent(round.id)}#round-title`;
  document.getElementById('terms-fixed').hidden = !open;
  document.getElementById('deadline-section').hidden = !upcoming && !open;
  document.getElementById('close-section').hidden = !open;
  document.getElementById('closed-line').hidden = upcoming || open;
  document.getElementById('deadline-at-hint').textContent = t('roundPage.deadlineHint', { zone: round.timeZone });
  // A datetime-local input takes "2027-05-31T17:00": the API's local time without seconds and offset.
  deadlineForm.elements.namedItem('closesAt').value = round.closesAtLocal?.slice(0, 16) ?? '';
}

async function moveDeadline() {
  clearProblems(deadlineForm);
  document.getElementById('deadline-notice').hidden = true;
  const local = values(deadlineForm).closesAt;
  if (!local) {
    showProblem(deadlineForm, { errors: { closesAt: [t('js.secretariat.round-setup.give-the-deadline-s-date')] } });
    return;
  }

  const result = await api(`/api/rounds/${encodeURIComponent(round.id)}/deadline`, {
    method: 'PUT', body: { closesAt: zonedIso(local, round.timeZone) }, headers: { 'If-Match': etag },
  });
  if (changedMeanwhile(deadlineForm, result)) {
    return;
  }

  show(result.data, result.headers.get('ETag') ?? etag);
  announce(document.getElementById('deadline-notice'), element('strong', t('roundPage.deadlineMoved', { deadline: deadlineOf(result.data) })),
    element('p', t('js.secretariat.round.applicants-see-it-now')));
}

async function closeNow() {
  clearProblems(closeForm);
  if (!values(closeForm).confirm) {
    showProblem(closeForm, { errors: { confirm: [t('js.secretariat.round.tick-to-confirm')] } });
    return;
  }

  const result = await api(`/api/rounds/${encodeURIComponent(round.id)}/close`, { method: 'POST', headers: { 'If-Match': etag } });
  if (changedMeanwhile(closeForm, result)) {
    return;
  }

  show(result.data, result.headers.get('ETag') ?? etag);
  announce(document.getElementById('closed-notice'), element('strong', t('roundPage.closed', { time: inRoundZone(result.data.closesAtLocal, result.data.timeZone) })));
}

/** Shows why a change was refused; true when it was. A 412 means someone else changed the round first. */
function changedMeanwhile(form, result) {
  if (result.status === 412) {
    showProblem(form, { title: t('js.secretariat.review-due.the-round-changed-meanwhile'), detail: t('js.secretariat.round.reload-to-see') });
    return true;
  }

  if (!result.ok) {
    showProblem(form, result.problem);
    return true;
  }

  return false;
}
