import { createHash, type Hash } from 'node:crypto';
import type { OsdbEvent } from '../types.js';

/**
 * The fingerprint of the recordings ingest kept: a SHA-256, in the order ingest read them,
 * over every kept event's id, user, type, subtype and seizure times, and every one of its
 * datapoints' time, own label (where the source gives one per row) and 125 samples as
 * float32. It covers what a GAN can learn from, after ingest's hygiene and filters and
 * before windowing, splitting and scaling, so it does not depend on the window length,
 * the validation fraction, the seed or the scaling: two files whose rows read the same
 * have the same fingerprint, whatever their number formatting (`1168` or `1168.0`).
 * `accelgan augment` compares it with the one a run recorded of its training data.
 */
export class RowsFingerprint {
  private readonly hash: Hash = createHash('sha256');
  private readonly header = Buffer.alloc(9);

  /** Adds one kept event. */
  add(event: OsdbEvent): void {
    const fields = [event.id, event.userId, event.type, event.subType, event.seizureTimes];
    this.hash.update(`${JSON.stringify(fields)}\n`);
    for (const point of event.datapoints) {
      this.header.writeDoubleLE(point.time, 0);
      this.header.writeUInt8(point.ictal === undefined ? 2 : point.ictal ? 1 : 0, 8);
      this.hash.update(this.header);
      const samples = point.magnitude;
      this.hash.update(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
    }
  }

  /** `sha256:` and 64 hex digits. */
  digest(): string {
    return `sha256:${this.hash.digest('hex')}`;
  }
}
