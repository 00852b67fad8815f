import type { CommandModule } from 'yargs';
import { simulate } from './simulate/index.js';
import { ingest } from './ingest/index.js';
import { info } from './info/index.js';
import { models } from './models/index.js';
import { train } from './train/index.js';
import { generate } from './generate/index.js';
import { evaluate } from './evaluate/index.js';
import { report } from './report/index.js';
import { demo } from './demo/index.js';
import { study } from './study/index.js';
import { augment } from './augment/index.js';

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
  study,
  augment,
];
