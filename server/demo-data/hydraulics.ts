/**
 * Flow temperatures and volume on the customer side of a district heating substation.
 * A heat meter measures volume and the supply and return temperatures and integrates energy from them:
 * E = V · c · ΔT, with c ≈ 1.163 kWh/(m³·K) for water (4.186 kJ/(kg·K) × ~1,000 kg/m³ ÷ 3,600 s/h).
 * The demo data runs that the other way round: the load model gives the energy, the temperatures come from the
 * supply curve, and the volume follows.
 */

export const WATER_HEAT_CAPACITY_KWH_PER_M3K = 1.163;

/** The network's supply-temperature curve: about 95 °C at −20 °C outdoors, flat at 70 °C from +8 °C up (hot water still needs 65+ °C). */
export function supplyTemperatureC(outdoorC: number): number {
  const share = Math.min(1, Math.max(0, (8 - outdoorC) / 28));
  return 70 + 25 * share;
}

/**
 * Return temperature: a customer-specific level (how well the radiators and the hot-water exchanger cool the
 * water) that rises in summer, when the little flow that remains is mostly hot-water circulation.
 * Kept within 35–50 °C.
 */
export function returnTemperatureC(levelC: number, winterness: number, noiseC: number): number {
  return Math.min(50, Math.max(35, levelC + 5 * (1 - winterness) + noiseC));
}

/** Volume in m³ that carries the energy at the temperature difference (ΔT floored at 10 K to stay physical). */
export function volumeFromEnergyM3(energyKwh: number, supplyC: number, returnC: number): number {
  return energyKwh / (WATER_HEAT_CAPACITY_KWH_PER_M3K * Math.max(10, supplyC - returnC));
}
