import type { CommandModule } from 'yargs';
import type { DemoArgs } from './options.js';
import { checkNumbers, integer, SEED } from '../../validate.js';

/** Training steps of the demo: about 40 s on two cores with WebAssembly. */
export const DEMO_STEPS = 60;

/** `accelgan demo`: the whole product on built-in data, in under a minute on 2 cores. */
export const demo: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe: 'Simulate recordings, ingest, train briefly, generate and write the report, with no data of yours',
  builder: (y) =>
    y
      .option('out', { type: 'string', default: 'accelgan-demo', describe: 'Directory for everything the demo writes' })
      .option('steps', {
        type: 'number',
        default: DEMO_STEPS,
        describe: `Training steps of the default recipe (${DEMO_STEPS} keep the whole demo under a minute on 2 cores with WebAssembly; the figures in docs/results.md take 10 minutes of training)`,
      })
      .option('events', { type: 'number', default: 40, describe: 'Simulated events' })
      .option('seed', { type: 'number', default: 1, describe: 'Random seed for every stage' })
      .option('backend', {
        choices: ['auto', 'node', 'wasm', 'cpu'] as const,
        default: 'auto' as const,
        describe: 'TensorFlow.js backend',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Replace a directory the demo did not write' })
      .check((args) => checkNumbers(args, { steps: integer(1, 1_000_000), events: integer(4, 10_000), seed: SEED }))
      .example('$0 demo', 'Run everything into ./accelgan-demo and print where each file is')
      .example('$0 demo --steps 600 --out longer-demo', 'Train ten times longer for a more convincing report'),
  handler: async (args) => (await import('./handler.js')).runDemo(args),
};
