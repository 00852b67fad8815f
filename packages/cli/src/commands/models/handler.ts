import { listArchitectures } from '@accelgan/model';
import type { ModelsArgs } from './options.js';

export async function runModels(args: ModelsArgs): Promise<void> {
  const architectures = listArchitectures();
  if (args.json) {
    process.stdout.write(`${JSON.stringify(architectures, null, 2)}\n`);
    return;
  }
  for (const arch of architectures) {
    const d = arch.defaults;
    process.stdout.write(
      `${arch.name}\n  ${arch.description}\n` +
        `  loss ${d.loss}, batch ${d.batchSize}, latent ${d.latentDim}, lr G ${d.learningRateG} D ${d.learningRateD}, ` +
        `betas ${d.beta1}/${d.beta2}, EMA ${d.emaDecay || 'off'}, D steps per G ${d.dStepsPerG}, scale ${d.scale}, statistics weight ${d.statisticsWeight}, consistency weight ${d.consistencyWeight}\n`,
    );
  }
}
