import type { CommandModule } from 'yargs';
import { simulate } from './simulate.js';
import { ingest } from './ingest.js';
import { info } from './info.js';
import { models } from './models.js';
import { train } from './train.js';
import { generate } from './generate.js';
import { evaluate } from './evaluate.js';
import { report } from './report.js';
import { demo } from './demo.js';

// Each command module holds only its flags; its work is imported when it runs,
// so `accelgan --help` starts without loading TensorFlow.js or Arrow.
// biome-ignore lint/suspicious/noExplicitAny: yargs' CommandModule is invariant in its argument type, and each command has its own.
export const commands: CommandModule<any, any>[] = [
  simulate,
  ingest,
  info,
  models,
  train,
  generate,
  evaluate,
  report,
  demo,
];
