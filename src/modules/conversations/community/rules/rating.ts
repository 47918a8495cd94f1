/**
 * A product's rating as shown to buyers: a Bayesian average, which pulls a product with few reviews
 * towards the site-wide mean, so one five-star review does not outrank a hundred four-star ones.
 */

export interface RatingTally {
  /** Sum of the star ratings (1–5 each). */
  sum: number;
  count: number;
}

export interface RatingPrior {
  /** The mean rating across every product: where a product with no reviews sits. */
  mean: number;
  /** How many reviews' worth of weight the prior carries. */
  weight: number;
}

/** The prior when the site has no reviews at all yet: the middle of the scale, worth five reviews. */
export const DEFAULT_PRIOR: RatingPrior = { mean: 3, weight: 5 };

export const MIN_STARS = 1;
export const MAX_STARS = 5;

/** (weight × mean + sum) / (weight + count), rounded to two decimals; the prior's mean when there are no reviews. */
export function bayesianAverage(tally: RatingTally, prior: RatingPrior = DEFAULT_PRIOR): number {
  if (tally.count < 0 || tally.sum < 0 || prior.weight < 0) throw new RangeError("negative tally or weight");
  const denominator = prior.weight + tally.count;
  if (denominator === 0) return prior.mean;
  return Math.round(((prior.weight * prior.mean + tally.sum) / denominator) * 100) / 100;
}

/** The site-wide prior from every product's tallies: their overall mean, weighted as `weight` reviews. */
export function priorFrom(total: RatingTally, weight = DEFAULT_PRIOR.weight): RatingPrior {
  return total.count === 0 ? { ...DEFAULT_PRIOR, weight } : { mean: total.sum / total.count, weight };
}

/** True for a whole number of stars on the scale. */
export function isValidRating(stars: number): boolean {
  return Number.isInteger(stars) && stars >= MIN_STARS && stars <= MAX_STARS;
}

/** Counts per star, 5 down to 1 (for the bars beside the average). */
export function distribution(ratings: ReadonlyArray<{ rating: number; count: number }>): Array<{ stars: number; count: number }> {
  const counts = new Map(ratings.map((row) => [row.rating, row.count]));
  return [5, 4, 3, 2, 1].map((stars) => ({ stars, count: counts.get(stars) ?? 0 }));
}
