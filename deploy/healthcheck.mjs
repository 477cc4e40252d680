// The container's HEALTHCHECK: exits 0 when /health/live answers 200 on this machine's PORT,
// 1 otherwise. Plain Node, because the slim image has no curl or wget.
const port = process.env.PORT || '3000';
try {
  const response = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(3000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
