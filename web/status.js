// Tells a visitor whether the service can take their work right now, from the health endpoint.
import { api } from './shared/api.js';

export async function showServiceStatus() {
  const status = document.getElementById('status');
  const health = await api('/api/health', { on401: 'return' });
  if (health.ok) {
    status.textContent = 'All services are running.';
  } else if (health.status === 0) {
    status.textContent = 'The service cannot be reached. Please check your connection.';
  } else {
    status.textContent = 'Some services are not answering. Please try again in a few minutes.';
  }
}
