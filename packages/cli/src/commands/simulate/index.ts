import type { CommandModule } from 'yargs';
import type { SimulateArgs } from './options.js';
import { checkNumbers, integer, SEED } from '../../validate.js';

/** `accelgan simulate`: write built-in synthetic OSDB events (the demo and test data). */
export const simulate: CommandModule<object, SimulateArgs> = {
  command: 'simulate',
  describe: 'Write simulated OSDB-format seizure recordings (the built-in data)',
  builder: (y) =>
    y
      .option('out', { type: 'string', demandOption: true, describe: 'Output OSDB JSON file' })
      .option('events', { type: 'number', default: 40, describe: 'Number of events' })
      .option('seed', { type: 'number', default: 1, describe: 'Random seed' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing output file' })
      .check((args) => checkNumbers(args, { events: integer(1, 10_000), seed: SEED }))
      .example('$0 simulate --out sim.json --events 40 --seed 1', 'Forty simulated events, reproducibly'),
  handler: async (args) => (await import('./handler.js')).runSimulate(args),
};
