/**
 * Runs the tests as if today were SCHOLA_TEST_CLOCK_SHIFT_DAYS days from now (unset: the real clock), to
 * show a test is no time bomb: `SCHOLA_TEST_CLOCK_SHIFT_DAYS=365 npx vitest run <file>`. Only the process's
 * `Date` moves (timers stay real, the clock keeps running); the database's now() does not.
 */
import { vi } from 'vitest';

const days = Number(process.env.SCHOLA_TEST_CLOCK_SHIFT_DAYS ?? 0);
if (days) vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + days * 86_400_000, shouldAdvanceTime: true });
