import { describe, expect, it } from 'vitest';
import { dayOfYear, toEpochDay } from '../lib/oslo-time.js';
import {
  heatingDegreeDays,
  heatingDegreeDaysByYear,
  hourlyTemperatureC,
  normalTemperatureC,
  outdoorTemperatureSeries,
  type DailyTemperature,
} from './temperature.js';

const DAYS_TO_2026_11_27 = toEpochDay('2026-11-27') - toEpochDay('2017-06-01');
const series = outdoorTemperatureSeries({ seed: 2017, startDate: '2017-06-01', days: DAYS_TO_2026_11_27 });

function monthlyMean(data: readonly DailyTemperature[], month: string): number {
  const days = data.filter((d) => d.day.slice(5, 7) === month);
  return days.reduce((sum, d) => sum + d.meanTempC, 0) / days.length;
}

describe('outdoor temperature model', () => {
  it('has one day per calendar day from the start, rounded to 0.1 °C', () => {
    expect(series).toHaveLength(DAYS_TO_2026_11_27);
    expect(series[0]!.day).toBe('2017-06-01');
    expect(series.at(-1)!.day).toBe('2026-11-26');
    for (const d of series) expect(Math.round(d.meanTempC * 10) / 10).toBe(d.meanTempC);
  });

  it('gives 3,800–4,400 heating degree days a year on average (base 17 °C), for several seeds', () => {
    for (const seed of [2017, 1, 99]) {
      const years = [...heatingDegreeDaysByYear(outdoorTemperatureSeries({ seed, startDate: '2017-06-01', days: DAYS_TO_2026_11_27 })).values()];
      expect(years.length).toBe(8); // 2018–2025
      const mean = years.reduce((a, b) => a + b, 0) / years.length;
      expect(mean).toBeGreaterThan(3_800);
      expect(mean).toBeLessThan(4_400);
    }
  });

  it('varies from year to year', () => {
    const years = [...heatingDegreeDaysByYear(series).values()];
    expect(Math.max(...years) - Math.min(...years)).toBeGreaterThan(300);
    expect(Math.min(...years)).toBeGreaterThan(3_000);
    expect(Math.max(...years)).toBeLessThan(5_200);
  });

  it('is coldest in January and warmest in July, like Lillestrøm', () => {
    const january = monthlyMean(series, '01');
    const july = monthlyMean(series, '07');
    expect(january).toBeLessThan(-2);
    expect(january).toBeGreaterThan(-10);
    expect(july).toBeGreaterThan(14);
    expect(july).toBeLessThan(20);
    expect(normalTemperatureC(19)).toBeCloseTo(-5.5, 1);
    expect(normalTemperatureC(201)).toBeCloseTo(17.5, 1);
    const all = series.map((d) => d.meanTempC);
    expect(Math.min(...all)).toBeLessThan(-12); // cold spells happen
    expect(Math.max(...all)).toBeLessThan(30);
  });

  it('has day-to-day persistence (weather comes in spells)', () => {
    const anomalies = series.map((d) => d.meanTempC - normalTemperatureC(dayOfYear(d.epochDay)));
    const mean = anomalies.reduce((a, b) => a + b, 0) / anomalies.length;
    let lag0 = 0;
    let lag1 = 0;
    for (let i = 1; i < anomalies.length; i++) {
      lag0 += (anomalies[i]! - mean) ** 2;
      lag1 += (anomalies[i]! - mean) * (anomalies[i - 1]! - mean);
    }
    const autocorrelation = lag1 / lag0;
    expect(autocorrelation).toBeGreaterThan(0.6);
    expect(autocorrelation).toBeLessThan(0.95);
  });

  it('is deterministic, depends on the seed, and a longer series starts with a shorter one', () => {
    const short = outdoorTemperatureSeries({ seed: 2017, startDate: '2017-06-01', days: 400 });
    expect(short).toEqual(series.slice(0, 400));
    const other = outdoorTemperatureSeries({ seed: 2018, startDate: '2017-06-01', days: 400 });
    expect(other.map((d) => d.meanTempC)).not.toEqual(short.map((d) => d.meanTempC));
  });

  it('counts degree days and has a diurnal cycle around the daily mean', () => {
    expect(heatingDegreeDays(-3)).toBe(20);
    expect(heatingDegreeDays(18)).toBe(0);
    const hours = Array.from({ length: 24 }, (_, h) => hourlyTemperatureC(10, 180, h));
    expect(hours.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(10, 6);
    expect(hours.indexOf(Math.max(...hours))).toBe(14); // the hour 14–15
    expect(hours.indexOf(Math.min(...hours))).toBe(2);
    const winterRange = Math.max(...Array.from({ length: 24 }, (_, h) => hourlyTemperatureC(-5, 19, h))) + 5;
    expect(winterRange).toBeLessThan(Math.max(...hours) - 10);
  });
});
