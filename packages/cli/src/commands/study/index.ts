import type { Argv, CommandModule } from 'yargs';
import {
  planFlags,
  type StudyAllArgs,
  type StudyCollectArgs,
  type StudyPlanOnlyArgs,
  type StudyRunArgs,
} from './options.js';

const workersFlag = {
  type: 'number',
  describe: 'Units run at once on this machine, each in its own process (default: one per core)',
} as const;

/** `accelgan study INPUT… --out STUDY`: plan, run every unit, collect. */
const all: CommandModule<object, StudyAllArgs> = {
  command: '$0 <inputs..>',
  describe: 'Plan, run and collect a study in one command',
  builder: (y) =>
    (planFlags(y as Argv<object>) as unknown as Argv<StudyAllArgs>)
      .option('workers', workersFlag)
      .example(
        '$0 study ../shared/data/osdb/osdb_sample_seizures.json --out study',
        'The documented defaults: 5 folds × 3 seeds, every unit on this machine, then study.json and study.html',
      ),
  handler: async (args) => (await import('./handler.js')).runStudyAll(args),
};

const plan: CommandModule<object, StudyPlanOnlyArgs> = {
  command: 'plan <inputs..>',
  describe: 'Write the plan (plan.json) and the ingested windows (dataset.arrow) of a study',
  builder: (y) =>
    (planFlags(y as Argv<object>) as unknown as Argv<StudyPlanOnlyArgs>)
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Plan afresh over an existing plan (units whose inputs did not change are kept)',
      })
      .example('$0 study plan osdb_3min_allSeizures.json --out study', 'Plan the default study and print its units')
      .example(
        '$0 study plan data.arrow --out study --folds 3 --seeds 2 --gan-steps 2000 --ratios 1,2',
        'A smaller split with a longer GAN and two synthetic ratios',
      ),
  handler: async (args) => (await import('./handler.js')).runStudyPlan(args),
};

const run: CommandModule<object, StudyRunArgs> = {
  command: 'run <study>',
  describe: 'Run one unit of a study (--index), or every unit not yet done on this machine',
  builder: (y) =>
    y
      .positional('study', { type: 'string', demandOption: true, describe: 'Study directory' })
      .option('index', {
        type: 'number',
        describe: 'The unit to run (a unit done is skipped; one killed half-way is redone)',
      })
      .option('workers', workersFlag)
      .conflicts('index', 'workers')
      .option('wait', {
        type: 'boolean',
        default: false,
        describe:
          'With --index: wait for a unit it needs that is running, rather than refuse (for xargs -P, which starts units in index order)',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress line' })
      .example('$0 study run study --index 0', 'Run unit 0 (what a cluster job array runs, one index per task)')
      .example('$0 study run study --workers 2', 'Run every unit not done, two at a time, dependencies first')
      .example(
        'seq 0 29 | xargs -P 2 -n 1 $0 study run study --wait --index',
        'The same with xargs: gan units come first, and a detect unit waits for its running gan unit',
      ),
  handler: async (args) => (await import('./handler.js')).runStudyRun(args),
};

const collect: CommandModule<object, StudyCollectArgs> = {
  command: 'collect <study>',
  describe: 'Write study.json and study.html from the finished units',
  builder: (y) =>
    y
      .positional('study', { type: 'string', demandOption: true, describe: 'Study directory' })
      .example('$0 study collect study', 'Write study/study.json and study/study.html'),
  handler: async (args) => (await import('./handler.js')).runStudyCollect(args),
};

/** `accelgan study`: does synthetic data help a seizure detector? Folds × seeds × stages as independent units. */
export const study: CommandModule<object, object> = {
  command: 'study',
  describe: 'Does synthetic data help a seizure detector? An augmentation study, fold by fold, as independent jobs',
  builder: (y) =>
    y
      // biome-ignore lint/suspicious/noExplicitAny: yargs' CommandModule is invariant in its argument type, and each subcommand has its own.
      .command([all, plan, run, collect] as CommandModule<any, any>[])
      .example('$0 study data.json --out study', 'Plan, run on this machine and collect')
      .example(
        '$0 study plan data.json --out study && $0 study run study --index 0',
        'Plan, then run units one by one (a cluster)',
      )
      .example('$0 study collect study', 'Gather the finished units into study.json and study.html'),
  handler: () => undefined,
};
