// Tells a visitor whether the service can take their work right now, from the health endpoint.
import { api } from './shared/api.js';
import { t } from './shared/i18n.js';

export async function showServiceStatus() {
  const status = document.getElementById('status');
  const health = await api('/api/health', { on401: 'return' });
  if (health.ok) {
    status.textContent = t('js.status.all-services-are-running');
  } else if (health.status === 0) {
    status.textContent = t('js.status.the-service-cannot-be-reached');
  } else {
    status.textContent = t('js.status.some-services-are-not-answering');
  }
}
