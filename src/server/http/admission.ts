import 'server-only';
/**
 * Admission control: at most `limit` requests of a kind run at once; the rest wait in line up to `maxWaitMs`, and one
 * that cannot start within its budget is turned away (the caller answers 503 SERVICE_UNAVAILABLE with Retry-After)
 * instead of piling onto a database pool it would only time out on. Bounded in both directions, so a burst costs a
 * queue of waiting callbacks, not connections, memory for bodies already read, or 30-second hangs.
 */
export type Gate = {
  /** Resolves with a release function, or null when the request could not start within `maxWaitMs`. */
  enter(): Promise<(() => void) | null>;
  readonly running: number;
  readonly waiting: number;
};

export function createGate(name: string, limit: number, maxWaitMs: number, maxQueue = limit * 8): Gate {
  let running = 0;
  const queue: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  const release = () => {
    running -= 1;
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit();
    }
  };
  const ticket = () => {
    running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };

  return {
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    enter() {
      if (running < limit) return Promise.resolve(ticket());
      if (queue.length >= maxQueue || maxWaitMs <= 0) return Promise.resolve(null);
      return new Promise((resolve) => {
        const entry = {
          admit: () => resolve(ticket()),
          timer: setTimeout(() => {
            const index = queue.indexOf(entry);
            if (index >= 0) queue.splice(index, 1);
            resolve(null);
          }, maxWaitMs),
        };
        entry.timer.unref?.();
        queue.push(entry);
      });
    },
    toString: () => `${name}: ${running}/${limit} running, ${queue.length} waiting`,
  } as Gate;
}
