// The round's required documents on the application form. Choosing a file uploads it at once
// (PUT /api/applications/{id}/documents/{type}, the file's bytes as the body and its name in
// Content-Disposition); it can be replaced or removed while the application is a draft. A file the
// API refuses — too large (413), not really one of the accepted formats (415) — is explained next to
// that document.
import { api } from '../shared/api.js';
import { element } from '../shared/dom.js';
import { clearField, markField } from '../shared/forms.js';
import { acceptFor, fileSize, formatNames, groupDigits, localTime } from '../shared/format.js';
import { t } from '../shared/i18n.js';

const container = document.getElementById('app-documents');
const live = document.getElementById('live');
const uploaded = new Map();
let applicationId = '';
let required = [];
let editable = true;
let changed = () => {};

/** Builds one field per required document; `onChange` runs after each upload or removal. */
export function setUpDocuments(id, round, onChange) {
  applicationId = id;
  required = round.requiredDocuments;
  changed = onChange;
  document.getElementById('documents-section').hidden = required.length === 0;
  container.replaceChildren(...required.map(fieldFor));
}

/** The documents the API lists for the application. */
export function showDocuments(documents) {
  uploaded.clear();
  for (const file of documents) {
    uploaded.set(file.type, file);
  }

  for (const each of required) {
    render(each);
  }
}

/** The types uploaded so far. */
export function uploadedTypes() {
  return new Set(uploaded.keys());
}

/** The documents uploaded so far, as the API listed them. */
export function uploadedDocuments() {
  return [...uploaded.values()];
}

export function setDocumentsEditable(value) {
  editable = value;
  for (const each of required) {
    render(each);
  }
}

function fieldFor(doc) {
  const id = `doc-${doc.type}`;
  const input = element('input', null, {
    type: 'file',
    id,
    accept: acceptFor(doc.contentTypes),
    'aria-describedby': `${id}-hint ${id}-file`,
  });
  input.addEventListener('change', () => {
    const [file] = input.files;
    if (file) {
      upload(doc, file);
    }
  });
  return element('div', [
    element('label', doc.title, { for: id, class: 'document-title' }),
    element('p', `${formatNames(doc.contentTypes)}, up to ${fileSize(doc.maxBytes)}.`, { class: 'hint', id: `${id}-hint` }),
    element('p', null, { class: 'field-error', id: `${id}-error`, hidden: '' }),
    element('div', null, { class: 'document-file', id: `${id}-file` }),
    input,
  ], { class: 'field document', 'data-field': `documents.${doc.type}`, id: `${id}-field` });
}

function render(doc) {
  const id = `doc-${doc.type}`;
  const file = uploaded.get(doc.type);
  const holder = document.getElementById(`${id}-file`);
  const input = document.getElementById(id);
  input.hidden = !editable;
  if (!file) {
    holder.replaceChildren(element('p', editable ? t('js.applicant.application-documents.not-uploaded-yet') : t('js.applicant.application-documents.not-uploaded')));
    return;
  }

  const download = element('a', [t('js.applicant.application-documents.download'), element('span', ` ${file.fileName}`, { class: 'visually-hidden' })], {
    href: `/api/applications/${encodeURIComponent(applicationId)}/documents/${encodeURIComponent(doc.type)}`,
    download: file.fileName,
  });
  const parts = [
    element('p', [
      element('span', t('js.applicant.application-documents.uploaded'), { class: 'visually-hidden' }),
      element('strong', file.fileName, { class: 'file-name' }),
      `, ${fileSize(file.size)}, uploaded ${localTime(file.uploadedAt)}.`,
    ]),
    download,
  ];
  if (editable) {
    const remove = element('button', ['Remove', element('span', ` ${file.fileName}`, { class: 'visually-hidden' })], { type: 'button', class: 'link-button' });
    remove.addEventListener('click', () => removeDocument(doc, remove));
    parts.push(remove, element('p', t('js.applicant.application-documents.to-replace-it-choose-another'), { class: 'hint' }));
  }

  holder.replaceChildren(element('div', parts, { class: 'file-card' }));
}

async function upload(doc, file) {
  const id = `doc-${doc.type}`;
  const field = document.getElementById(`${id}-field`);
  const input = document.getElementById(id);
  clearField(field);

  // Checked here too so a person on a slow connection is not kept waiting for a refusal.
  if (file.size === 0) {
    refuse(doc, file, t('js.applicant.application-documents.this-file-is-empty-choose'));
    return;
  }

  if (file.size > doc.maxBytes) {
    // Rounded sizes can look the same ("10 KB" and "10 KB"); then the bytes say it.
    const [size, limit] = fileSize(file.size) === fileSize(doc.maxBytes)
      ? [`${groupDigits(String(file.size))} bytes`, `${groupDigits(String(doc.maxBytes))} bytes`]
      : [fileSize(file.size), fileSize(doc.maxBytes)];
    refuse(doc, file, t('documents.tooLarge', { size, title: doc.title, limit }));
    return;
  }

  live.textContent = `Uploading ${file.name}…`;
  field.setAttribute('aria-busy', 'true');
  input.disabled = true;
  const result = await api(`/api/applications/${encodeURIComponent(applicationId)}/documents/${encodeURIComponent(doc.type)}`, {
    method: 'PUT',
    body: file,
    headers: { 'Content-Disposition': contentDisposition(file.name) },
  });
  field.setAttribute('aria-busy', 'false');
  input.disabled = false;
  input.value = '';
  if (result.ok) {
    uploaded.set(doc.type, result.data);
    render(doc);
    live.textContent = t('documents.uploaded', { file: file.name, title: doc.title });
    changed();
    return;
  }

  const problem = result.problem ?? {};
  if (result.status === 413) {
    refuse(doc, file, t('documents.tooLargeServer', { title: doc.title, detail: problem.detail ?? '' }));
  } else if (result.status === 415) {
    refuse(doc, file, `${problem.title ?? t('js.applicant.application-documents.this-file-type-is-not')} ${problem.detail ?? ''}`.trim());
  } else if (result.status === 409) {
    refuse(doc, file, problem.detail ?? t('js.applicant.application-documents.the-application-is-no-longer'));
  } else {
    refuse(doc, file, problem.detail ?? problem.title ?? t('js.applicant.application-documents.the-upload-did-not-work'));
  }
}

function refuse(doc, file, message) {
  const field = document.getElementById(`doc-${doc.type}-field`);
  const input = document.getElementById(`doc-${doc.type}`);
  input.value = '';
  markField(field, message);
  live.textContent = t('documents.notUploaded', { file: file.name, message });
}

async function removeDocument(doc, button) {
  const field = document.getElementById(`doc-${doc.type}-field`);
  clearField(field);
  button.disabled = true;
  const name = uploaded.get(doc.type)?.fileName ?? t('js.applicant.application-documents.the-file');
  const result = await api(`/api/applications/${encodeURIComponent(applicationId)}/documents/${encodeURIComponent(doc.type)}`, { method: 'DELETE' });
  button.disabled = false;
  if (!result.ok && result.status !== 404) {
    markField(field, result.problem?.detail ?? t('js.applicant.application-documents.the-document-could-not-be'));
    return;
  }

  uploaded.delete(doc.type);
  render(doc);
  live.textContent = t('documents.removed', { file: name, title: doc.title });
  document.getElementById(`doc-${doc.type}`).focus();
  changed();
}

// The file's name travels in Content-Disposition: an ASCII fallback, and the exact name in UTF-8
// (RFC 6266 / RFC 8187), since a header cannot carry other characters as they are.
function contentDisposition(name) {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
