/**
 * ISO-8601 durations as people set them: an amount and a unit ("2 days", "30 minutes"), with a
 * sign for offsets before a date. Durations with several parts stay as text.
 */

/** The units the duration inputs offer. */
export const DURATION_UNITS = ["M", "H", "D", "W"] as const;
/** Minutes, hours, days or weeks. */
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** A one-part duration: `-P3D` is `{ negative: true, amount: 3, unit: "D" }`. */
export interface SimpleDuration {
  negative: boolean;
  amount: number;
  unit: DurationUnit;
}

/**
 * Splits a one-part duration (`PT30M`, `PT4H`, `P2D`, `P1W`, `-P3D`); null for anything else.
 *
 * @example
 * splitDuration("PT4H") // { negative: false, amount: 4, unit: "H" }
 */
export function splitDuration(iso: string | undefined): SimpleDuration | null {
  if (!iso) return null;
  const m = /^(-)?P(?:(\d+)W|(\d+)D|T(\d+)H|T(\d+)M)$/.exec(iso);
  if (!m) return null;
  const negative = m[1] === "-";
  if (m[2] !== undefined) return { negative, amount: Number(m[2]), unit: "W" };
  if (m[3] !== undefined) return { negative, amount: Number(m[3]), unit: "D" };
  if (m[4] !== undefined) return { negative, amount: Number(m[4]), unit: "H" };
  return { negative, amount: Number(m[5]), unit: "M" };
}

/**
 * The ISO text of a one-part duration.
 *
 * @example
 * joinDuration({ negative: true, amount: 3, unit: "D" }) // "-P3D"
 */
export function joinDuration(d: SimpleDuration): string {
  const amount = Math.max(0, Math.floor(d.amount));
  const body = d.unit === "H" || d.unit === "M" ? `PT${amount}${d.unit}` : `P${amount}${d.unit}`;
  return `${d.negative ? "-" : ""}${body}`;
}
