import { simulateEvents, writeOsdbJson } from '@accelgan/data';
import type { SimulateArgs } from './options.js';

/** Writes `args.events` simulated OSDB events to `args.out` as OSDB JSON. */
export async function runSimulate(args: SimulateArgs): Promise<void> {
  const events = simulateEvents({ events: args.events, seed: args.seed });
  const written = await writeOsdbJson(args.out, events, { force: args.force, dataSourceName: 'accelgan-simulator' });
  const seizures = events.filter((e) => e.type === 'Seizure').length;
  const users = new Set(events.map((e) => e.userId)).size;
  process.stderr.write(
    `wrote ${args.out}: ${count(written.events)} simulated events (${count(seizures)} seizures, ${count(written.events - seizures)} other) ` +
      `from ${users} users, ${count(written.datapoints)} datapoints\n`,
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
