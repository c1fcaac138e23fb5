import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { formatNumber } from '../../../lib/format';
import { useWidth } from '../../../components/ui/use-width';
import { bands, labelEvery, linearScale, linePaths } from '../../meters/lib/chart-scale';
import type { EconomyMonth } from '../api/invoice-types';
import { bandRect, economyTicks, monthValues } from '../lib/economy-chart';

export interface EconomyChartMonth {
  month: EconomyMonth;
  /** Under the slot: "jan". */
  short: string;
  /** The slot's accessible name: the month and its figures. */
  description: string;
}

interface EconomyChartProps {
  months: EconomyChartMonth[];
  /** The SVG's text alternative: what the chart shows and its main figures. */
  summary: string;
  /** Label for the group of month buttons. */
  monthsLabel: string;
}

const MARGIN = { top: 26, bottom: 28 };

const axisNumber = (value: number) => formatNumber(value, 0);

/**
 * The year's cost per month, drawn as SVG (kroner incl. VAT): metered cost as solid bars, the forecast of a month as
 * a hatched bar with its 80 % band behind it (a shaded range from the low to the high end), and last year as a grey
 * line. The drawing is one image with a summary; each month is a button laid over it, reachable with Tab and the
 * arrow keys, whose name says the month's figures – as in the consumption chart under Måler.
 */
export function EconomyChart({ months, summary, monthsLabel }: EconomyChartProps) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const [active, setActive] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const hitRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const patternId = useId().replace(/:/g, '');

  const narrow = width < 520;
  const height = narrow ? 240 : 320;
  const values = months.map((m) => monthValues(m.month));
  const ticks = economyTicks(
    months.map((m) => m.month),
    narrow ? 3 : 4,
  );
  const labelChars = Math.max(...ticks.ticks.map((tick) => axisNumber(tick).length), 2);
  const left = Math.max(28, labelChars * 7 + 10);
  const right = 8;
  const plotWidth = Math.max(width - left - right, 40);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const slots = bands(months.length, plotWidth, 0.25);
  const y = linearScale([ticks.min, ticks.max], [MARGIN.top + plotHeight, MARGIN.top]);
  const baseline = y(Math.max(0, ticks.min));
  const slotLeft = (index: number) => left + slots.x(index);
  const centre = (index: number) => slotLeft(index) + slots.bandWidth / 2;
  const every = labelEvery(slots.step, Math.max(...months.map((m) => m.short.length), 1) * 7);
  const barInset = slots.bandWidth * 0.12;
  const barWidth = slots.bandWidth - 2 * barInset;

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(months.length - 1, index));
    setFocusIndex(next);
    hitRefs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: months.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveFocus(target);
  };
  const tabStop = Math.min(focusIndex, Math.max(months.length - 1, 0));
  // The tooltip is at most 16rem wide (CSS) and kept inside the chart.
  const tooltipHalf = Math.min(128, width / 2);
  const activeMonth = active !== null ? months[active] : undefined;

  return (
    <div className={`chart economy-chart${narrow ? ' chart--narrow' : ''}`} ref={ref} onMouseLeave={() => setActive(null)}>
      <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart__svg">
        <defs>
          <pattern id={`${patternId}-forecast`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="economy-chart__forecast-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="economy-chart__forecast-line" />
          </pattern>
        </defs>

        {ticks.ticks.map((tick) => (
          <g key={`grid-${tick}`}>
            <line x1={left} x2={left + plotWidth} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'chart__zero' : 'chart__grid'} />
            <text x={left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="chart__tick">
              {axisNumber(tick)}
            </text>
          </g>
        ))}
        <text x={4} y={12} className="chart__unit">
          kr
        </text>

        {/* The forecast's 80 % band: one shaded range per month, side by side so they read as one band. */}
        {values.map((v, index) => {
          if (v.low === null || v.high === null) return null;
          const rect = bandRect(v.low, v.high, y);
          return (
            <rect
              key={`band-${months[index]!.month.month}`}
              x={left + index * slots.step}
              width={slots.step}
              y={rect.top}
              height={rect.height}
              className="economy-chart__band"
            />
          );
        })}

        {/* Bars: the expected whole month (hatched), then what is metered (solid) in front of it. */}
        {values.map((v, index) => {
          const x = slotLeft(index) + barInset;
          const highlight = active === index ? ' chart__bar--active' : '';
          const pieces = [];
          if (v.expected !== null)
            pieces.push(
              <rect
                key="expected"
                x={x}
                width={barWidth}
                y={Math.min(y(v.expected), baseline)}
                height={Math.abs(baseline - y(v.expected))}
                fill={`url(#${patternId}-forecast)`}
                className={`economy-chart__forecast${highlight}`}
              />,
            );
          if (v.actual !== null)
            pieces.push(
              <rect
                key="actual"
                x={x}
                width={barWidth}
                y={Math.min(y(v.actual), baseline)}
                height={Math.abs(baseline - y(v.actual))}
                className={`chart__bar economy-chart__actual${highlight}`}
              />,
            );
          return <g key={months[index]!.month.month}>{pieces}</g>;
        })}

        {/* The band's ends as short lines, so the range shows where it overlaps a bar. */}
        {values.map((v, index) =>
          v.low === null || v.high === null ? null : (
            <g key={`ends-${months[index]!.month.month}`} className="economy-chart__band-ends">
              <line x1={slotLeft(index)} x2={slotLeft(index) + slots.bandWidth} y1={y(v.high)} y2={y(v.high)} />
              <line x1={slotLeft(index)} x2={slotLeft(index) + slots.bandWidth} y1={y(v.low)} y2={y(v.low)} />
            </g>
          ),
        )}

        {/* Last year: a line with a dot per month. */}
        {linePaths(
          values.map((v) => v.lastYear),
          centre,
          y,
        ).map((d, i) => (
          <path key={`ly-${i}`} d={d} className="chart__line economy-chart__last-year" />
        ))}
        {values.map((v, index) =>
          v.lastYear === null ? null : (
            <circle key={`lyd-${index}`} cx={centre(index)} cy={y(v.lastYear)} r={narrow ? 2.5 : 3.5} className="economy-chart__last-year-dot" />
          ),
        )}

        {months.map((m, index) =>
          index % every === 0 ? (
            <text key={`x-${m.month.month}`} x={centre(index)} y={height - 10} textAnchor="middle" className="chart__tick">
              {m.short}
            </text>
          ) : null,
        )}
      </svg>

      <div className="chart__hits" role="group" aria-label={monthsLabel}>
        {months.map((m, index) => (
          <button
            key={m.month.month}
            type="button"
            ref={(element) => void (hitRefs.current[index] = element)}
            className="chart__hit"
            style={{ left: `${left + index * slots.step}px`, width: `${slots.step}px`, top: `${MARGIN.top}px`, height: `${plotHeight}px` }}
            aria-label={m.description}
            tabIndex={index === tabStop ? 0 : -1}
            onFocus={() => {
              setActive(index);
              setFocusIndex(index);
            }}
            onBlur={() => setActive(null)}
            onMouseEnter={() => setActive(index)}
            onKeyDown={(event) => onKeyDown(event, index)}
          />
        ))}
      </div>

      {activeMonth && active !== null && (
        <div
          className="chart__tooltip economy-chart__tooltip"
          aria-hidden="true"
          style={{ left: `${Math.min(Math.max(centre(active), tooltipHalf), width - tooltipHalf)}px`, top: `${MARGIN.top}px` }}
        >
          {activeMonth.description}
        </div>
      )}
    </div>
  );
}
