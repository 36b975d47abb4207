/** The runner's timing helpers: a wakeable sleep for the worker loops, and a bounded wait for stop(). */

/** A sleep that a wake() cuts short, and that a wake() arriving while awake is not lost on. */
export class Waker {
  #pending = false;
  #resolve: (() => void) | undefined;
  wake(): void {
    this.#pending = true;
    this.#resolve?.();
  }
  sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#resolve = undefined;
        this.#pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#resolve = done;
    });
  }
}

/** Whether `promise` settled within `ms` (it is not cancelled otherwise). */
export function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise.then(() => true), deadline]).finally(() => clearTimeout(timer));
}
