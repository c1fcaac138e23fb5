import type { Reading } from '../api/meter-types';

export type ReplacementMark = 'newMeterStart' | 'oldMeterFinal';

export interface MarkedReading {
  reading: Reading;
  /** A meter replacement: the new meter's start reading and the old meter's final reading, listed together. */
  mark: ReplacementMark | null;
}

/**
 * The readings of a meter and the meters it replaced are one newest-first list. Where the meter changes from one
 * row to the next, the newer row is the new meter's start reading and the older row the old meter's final reading.
 * A start reading whose predecessor is not loaded yet is still marked, from the meter it replaces.
 */
export function markReplacements(readings: Reading[], replaces: (meterId: number) => number | null = () => null): MarkedReading[] {
  return readings.map((reading, index) => {
    const older = readings[index + 1];
    const newer = readings[index - 1];
    if (older && older.meterId !== reading.meterId) return { reading, mark: 'newMeterStart' };
    if (newer && newer.meterId !== reading.meterId) return { reading, mark: 'oldMeterFinal' };
    if (!older && reading.consumptionKwh === null && replaces(reading.meterId) !== null) return { reading, mark: 'newMeterStart' };
    return { reading, mark: null };
  });
}
