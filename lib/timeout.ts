/**
 * `p`, or a rejection with `message` after `ms` (the timer is cleared either
 * way and never keeps the process alive). The promise itself is not cancelled:
 * a late rejection of it is swallowed, a late result ignored.
 */
export async function withTimeout<T>(p: Promise<T>, ms: number, message = `timed out after ${ms} ms`): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  p.catch(() => undefined);
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
        timer.unref?.();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
