import type {
  CalibrationLadder,
  DiscriminativeResult,
  DistanceMetrics,
  DistanceSpread,
  MemorisationResult,
  MetricCell,
  MetricRow,
  UsefulnessResult,
} from '../result-types.js';
import type { ClassName, PerClass } from '../types.js';
import { withinRealSpread } from '../util/stats.js';
import {
  DISTANCE_TOLERANCE,
  gradeAgreement,
  gradeAuroc,
  gradeDataCopying,
  gradeDiscriminative,
  gradeDistance,
  gradeExactCopies,
  gradeNearCopies,
} from './verdict.js';

const CLASSES: readonly ClassName[] = ['all', 'ictal', 'nonIctal'];

const DISTANCE_ROWS: readonly {
  id: keyof DistanceMetrics;
  label: string;
  unit: string;
  digits: number;
  meaning: string;
  graded: boolean;
}[] = [
  {
    id: 'psdDb',
    label: 'Spectrum (mean Welch PSD)',
    unit: 'dB',
    digits: 2,
    meaning: 'Average gap between the mean power spectra over 0.4–12.5 Hz.',
    graded: true,
  },
  {
    id: 'band38W1',
    label: '3–8 Hz band power',
    unit: 'decades',
    digits: 3,
    meaning: 'Wasserstein distance between the per-window log10 power in the seizure band.',
    graded: true,
  },
  {
    id: 'osdRatioW1',
    label: 'OSD roi/spec ratio',
    unit: 'ratio',
    digits: 2,
    meaning: "Wasserstein distance between OpenSeizureDetector's 3–8 Hz power ratios (0–100).",
    graded: true,
  },
  {
    id: 'osdRatioKs',
    label: 'OSD ratio (KS)',
    unit: '',
    digits: 3,
    meaning: 'Largest gap between the cumulative distributions of the OSD ratio.',
    graded: false,
  },
  {
    id: 'alarmRateDiff',
    label: 'OSD alarm rate',
    unit: 'fraction',
    digits: 3,
    meaning: 'Difference in the fraction of 5 s datapoints on which OpenSeizureDetector would alarm.',
    graded: true,
  },
  {
    id: 'valuesW1',
    label: 'Value distribution',
    unit: 'mg',
    digits: 1,
    meaning: 'Wasserstein distance between all sample values.',
    graded: true,
  },
  {
    id: 'stdW1',
    label: 'Window std',
    unit: 'mg',
    digits: 1,
    meaning: 'Wasserstein distance between per-window standard deviations.',
    graded: true,
  },
  {
    id: 'acfDistance',
    label: 'Autocorrelation (lags 1–25)',
    unit: '',
    digits: 3,
    meaning: 'Mean absolute gap between the mean autocorrelation functions.',
    graded: true,
  },
  {
    id: 'skewnessW1',
    label: 'Skewness',
    unit: '',
    digits: 3,
    meaning: 'Wasserstein distance between per-window skewness.',
    graded: true,
  },
  {
    id: 'kurtosisW1',
    label: 'Kurtosis',
    unit: '',
    digits: 3,
    meaning: 'Wasserstein distance between per-window excess kurtosis.',
    graded: true,
  },
  {
    id: 'mmd2',
    label: 'MMD² (RBF)',
    unit: '',
    digits: 4,
    meaning: 'Kernel two-sample statistic on the raw windows (0 = same distribution).',
    graded: true,
  },
];

/** The summary table: every metric, per class, beside its floor, with a verdict. */
export function buildRows(m: {
  readonly discriminative: { readonly synthetic: DiscriminativeResult; readonly floor: DiscriminativeResult };
  readonly ladder?: CalibrationLadder;
  readonly distances: {
    readonly synthetic: PerClass<DistanceMetrics>;
    readonly floor: PerClass<DistanceMetrics>;
    readonly floorSpread?: PerClass<DistanceSpread>;
  };
  readonly usefulness: UsefulnessResult;
  readonly memorisation: Pick<MemorisationResult, 'nearThreshold' | 'perClass'> & {
    readonly dataCopying?: MemorisationResult['dataCopying'];
  };
}): MetricRow[] {
  const rows: MetricRow[] = [];
  const iaaft = m.ladder?.rungs.find((r) => r.id === 'iaaft');
  const disc = (
    id: string,
    label: string,
    meaning: string,
    graded: boolean,
    pick: (d: DiscriminativeResult, cls: ClassName) => { score: number; lo: number; hi: number } | undefined,
  ): void => {
    const perClass: Partial<Record<ClassName, MetricCell>> = {};
    for (const cls of CLASSES) {
      const s = pick(m.discriminative.synthetic, cls);
      if (!s) continue;
      const f = pick(m.discriminative.floor, cls);
      perClass[cls] = {
        value: s.score,
        floor: f?.score ?? null,
        interval: [s.lo, s.hi],
        ...(f ? { floorInterval: [f.lo, f.hi] as const } : {}),
        verdict: gradeDiscriminative(s.score, f?.score, iaaft?.perClass[cls]?.score),
      };
    }
    rows.push({ id, label, unit: 'acc − 0.5', digits: 3, meaning, graded, perClass });
  };
  disc(
    'discriminative',
    'Discriminative score (worst critic)',
    'How well the strongest critic tells synthetic from held-out real windows: 0 = indistinguishable, 0.5 = always told apart. Poor at or above the IAAFT rung of the calibration ladder (a phase-scrambled copy of the training windows).',
    true,
    (d, cls) => d.perClass[cls],
  );
  disc(
    'critic_cnn',
    '… 1-D CNN critic',
    'The convolutional critic alone.',
    false,
    (d, cls) => d.critics.cnn?.perClass[cls],
  );
  disc(
    'critic_features',
    '… logistic critic',
    'The quadratic logistic regression on 41 hand-made features alone.',
    false,
    (d, cls) => d.critics.features?.perClass[cls],
  );
  disc(
    'critic_trees',
    '… tree critic',
    'Gradient-boosted trees on the rich window features (steps, grid, bursts, spectra, asymmetry) alone.',
    false,
    (d, cls) => d.critics.trees?.perClass[cls],
  );

  for (const spec of DISTANCE_ROWS) {
    const perClass: Partial<Record<ClassName, MetricCell>> = {};
    for (const cls of CLASSES) {
      const s = m.distances.synthetic[cls];
      if (!s) continue;
      const f = m.distances.floor[cls];
      const value = s[spec.id];
      const floor = f ? f[spec.id] : null;
      const band = m.distances.floorSpread?.[cls]?.[spec.id];
      const spreadCell =
        band && band.n > 0
          ? { floorSpread: [band.q25, band.q75] as const, withinSpread: withinRealSpread(value, band) }
          : {};
      perClass[cls] = {
        value,
        floor,
        ...spreadCell,
        verdict: gradeDistance(value, floor, DISTANCE_TOLERANCE[spec.id] ?? 0),
      };
    }
    rows.push({ ...spec, perClass });
  }

  const u = m.usefulness;
  rows.push({
    id: 'tstr',
    label: 'Seizure detector trained on synthetic (TSTR)',
    unit: 'AUROC',
    digits: 3,
    meaning:
      'Ictal vs non-ictal AUROC on held-out real windows of a detector trained only on synthetic windows; the floor column is the detector trained on real windows, and beside it the mean over resamples of the real training windows themselves, as many of each class as the synthetic set holds: what a sampler of exactly the training windows scores, so a shortfall it shares is the resampling, not the generator.',
    graded: true,
    perClass: {
      all: {
        value: u.tstr,
        floor: u.trtr,
        ...(u.tstrResampled
          ? { reference: { label: 'training windows, resampled', value: u.tstrResampled.mean } }
          : {}),
        verdict: gradeAuroc(u.tstr, u.trtr, 0.05, 0.15),
      },
    },
  });
  rows.push({
    id: 'augmented',
    label: 'Detector trained on real + synthetic',
    unit: 'AUROC',
    digits: 3,
    meaning: 'The same detector trained on real and synthetic windows together, against the real-only one.',
    graded: false,
    perClass: { all: { value: u.augmented, floor: u.trtr, verdict: gradeAuroc(u.augmented, u.trtr, 0.02, 0.05) } },
  });

  const agreement = u.agreement;
  if (agreement) {
    const cell = (synthetic: number | null, heldOut: number | null, training: number | null): MetricCell => ({
      value: synthetic,
      floor: heldOut,
      ...(training === null ? {} : { reference: { label: 'training windows, out of fold', value: training } }),
      verdict: gradeAgreement(synthetic, heldOut),
    });
    rows.push({
      id: 'conditionalAgreement',
      label: 'Generated class, as a real-trained detector sees it',
      unit: 'fraction',
      digits: 3,
      meaning:
        "How often the detector trained on real windows calls a synthetic window by the class it was generated for (ictal windows ictal, non-ictal ones non-ictal); the floor column is the same for held-out real windows, and beside it for the real training windows, each scored by a detector that did not see its recording: what windows of the distribution the generator learnt score, so a gap the training windows share is the split's, not the generator's.",
      graded: false,
      perClass: {
        ictal: cell(agreement.synthetic.ictal, agreement.heldOut.ictal, agreement.training.ictal),
        nonIctal: cell(agreement.synthetic.nonIctal, agreement.heldOut.nonIctal, agreement.training.nonIctal),
      },
    });
  }

  const near: Partial<Record<ClassName, MetricCell>> = {};
  const exact: Partial<Record<ClassName, MetricCell>> = {};
  for (const cls of CLASSES) {
    const c = m.memorisation.perClass[cls];
    if (!c) continue;
    near[cls] = {
      value: c.nearCopyRate,
      floor: c.heldOutNearRate,
      ...(c.training
        ? { reference: { label: 'training windows, against other recordings', value: c.training.nearCopyRate } }
        : {}),
      verdict: gradeNearCopies(c.nearCopyRate),
    };
    exact[cls] = { value: c.exactCopies, floor: c.heldOutExactCopies, verdict: gradeExactCopies(c.exactCopies) };
  }
  rows.push({
    id: 'nearCopies',
    label: 'Near copies of training windows',
    unit: 'fraction',
    digits: 3,
    meaning:
      "Fraction of synthetic windows closer to a training window than 99% of held-out real windows are; the floor column is the held-out real fraction (about 0.01), and beside it the real training windows' own fraction against the other recordings' training windows: what real windows of the distribution the generator learnt, from recordings it never saw, score (on OSDB a still wrist reads its watch's gravity level within sensor noise of the same user's other recordings).",
    graded: true,
    perClass: near,
  });
  const copying = m.memorisation.dataCopying;
  if (copying && copying.cellsUsed > 0) {
    rows.push({
      id: 'dataCopying',
      label: 'Nearness to training, region by region (data-copying test)',
      unit: 'Z',
      digits: 2,
      meaning: `Meehan et al.'s C_T: in each of ${copying.cellsUsed} regions of the window space (k-means cells holding ${(100 * copying.heldOutCovered).toFixed(0)}% of the held-out windows), a Mann–Whitney Z of the synthetic against the held-out real windows' distances to their nearest training window, averaged with the held-out weights; 0 = as near as held-out real windows of the same region, negative = nearer (−3 and below: copying), positive = farther.`,
      graded: false,
      perClass: { all: { value: copying.statistic, floor: 0, verdict: gradeDataCopying(copying.statistic) } },
    });
  }
  rows.push({
    id: 'exactCopies',
    label: 'Exact copies of training windows',
    unit: 'windows',
    digits: 0,
    meaning:
      'Synthetic windows within 0.5 mg RMS of a training window; the floor column counts held-out real windows that close.',
    graded: true,
    perClass: exact,
  });
  return rows;
}
