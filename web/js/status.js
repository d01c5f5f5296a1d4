// Tells a visitor whether the service can take their work right now, from the health endpoint.
(async () => {
  const status = document.getElementById('status');
  try {
    const response = await fetch('/api/health', { headers: { accept: 'application/json' } });
    status.textContent = response.ok
      ? 'All services are running.'
      : 'Some services are not answering. Please try again in a few minutes.';
  } catch {
    status.textContent = 'The service cannot be reached. Please check your connection.';
  }
})();
