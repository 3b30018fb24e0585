// Periodic background jobs that modules register (reminders, digests). The server runs them on a timer;
// `npm run cli -- jobs run <name>` runs one now (for cron, or after an outage). A job must be safe to run
// in several processes at once: it claims its work in the database before acting.
import type { Platform } from '../platform.ts';

export interface Job {
  name: string;
  everyMinutes: number;
  /** What it did, in a few words, for the log and the command line. */
  run(p: Platform): Promise<string>;
}

const jobs = new Map<string, Job>();

export function registerJob(job: Job): void {
  jobs.set(job.name, job);
}

export const listJobs = (): Job[] => [...jobs.values()];

export async function runJob(p: Platform, name: string): Promise<string> {
  const job = jobs.get(name);
  if (!job) throw new Error(`no job named ${name}; known: ${[...jobs.keys()].join(', ') || 'none'}`);
  return job.run(p);
}

/** Starts every job a minute after start-up, then at its interval. Timers do not keep the process alive. */
export function startJobs(p: Platform, firstDelayMs = 60_000): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs.values()) {
    const tick = async () => {
      try {
        p.log.info({ job: job.name, result: await job.run(p) }, 'job done');
      } catch (err) {
        p.log.error({ job: job.name, err }, 'job failed');
      }
    };
    const first = setTimeout(() => {
      void tick();
      const every = setInterval(() => void tick(), job.everyMinutes * 60_000);
      every.unref();
      timers.push(every);
    }, firstDelayMs);
    first.unref();
    timers.push(first);
  }
  return () => timers.forEach((t) => clearTimeout(t));
}
