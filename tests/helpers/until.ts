/**
 * Waits until `check` holds, asking again every `stepMs`; fails with "timed out" after `timeoutMs` (for what a
 * background worker does in its own time: a mail sent, a job settled).
 */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, stepMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
