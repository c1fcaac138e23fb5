import { useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format';
import type { ConsumptionPoint } from '../api/meter-types';
import { useWidth } from '../../../components/ui/use-width';
import { bands, labelEvery, linearScale, linePaths, niceTicks } from '../lib/chart-scale';
import { toNumber } from '../lib/decimal';

export interface ChartPoint {
  point: ConsumptionPoint;
  short: string;
  /** The bar's accessible name: period and values. */
  description: string;
  /** Where a click on the bar leads (drill-down), or null. */
  href: string | null;
  /** Before the system start: no data is expected. */
  beforeStart: boolean;
  /** Not begun yet: nothing is drawn. */
  future: boolean;
}

interface ConsumptionChartProps {
  points: ChartPoint[];
  /** The SVG's text alternative: what the chart shows and its main figures. */
  summary: string;
  /** 'consumption': kWh bars (with last year and outdoor temperature); 'cooling': supply/return lines and ΔT bars (°C). */
  mode: 'consumption' | 'cooling';
  compare?: boolean;
  temperature?: boolean;
  onNavigate?: (href: string) => void;
  /** Label for the group of bars, e.g. "Søylene i diagrammet". */
  barsLabel: string;
}

const MARGIN = { top: 26, bottom: 28 };

const axisNumber = (value: number) => formatNumber(value, 0, Math.abs(value) < 10 && value % 1 !== 0 ? 1 : 0);

/**
 * The consumption chart, drawn as SVG: bars per period (measured solid, estimated hatched, missing marked), optionally
 * last year's bars beside them and the outdoor temperature as a line on a second axis. The drawing is one image with
 * a summary; the bars are links (drill-down) or buttons laid over it, reachable with Tab and the arrow keys.
 */
export function ConsumptionChart({ points, summary, mode, compare = false, temperature = false, onNavigate, barsLabel }: ConsumptionChartProps) {
  const { t } = useTranslation();
  const { ref, width } = useWidth<HTMLDivElement>();
  const [active, setActive] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const hitRefs = useRef<Array<HTMLElement | null>>([]);
  const patternId = useId().replace(/:/g, '');

  const narrow = width < 520;
  const height = narrow ? 240 : 320;
  const cooling = mode === 'cooling';
  const showRightAxis = !cooling && temperature;

  const kwh = points.map((p) => toNumber(p.point.kwh));
  const estimated = points.map((p) => toNumber(p.point.estimatedKwh) ?? 0);
  const previous = points.map((p) => (compare ? toNumber(p.point.previousYearKwh) : null));
  const outdoor = points.map((p) => toNumber(p.point.outdoorTempC));
  const supply = points.map((p) => toNumber(p.point.supplyTempC));
  const returned = points.map((p) => toNumber(p.point.returnTempC));
  const coolingC = points.map((p) => toNumber(p.point.coolingC));

  const numbers = (values: Array<number | null>) => values.filter((value): value is number => value !== null);
  const leftValues = cooling ? [...numbers(supply), ...numbers(returned), ...numbers(coolingC), 0] : [0, ...numbers(kwh), ...numbers(previous)];
  const leftTicks = niceTicks(Math.min(...leftValues), Math.max(...leftValues), narrow ? 3 : 4);
  const temps = numbers(outdoor);
  const rightTicks = showRightAxis && temps.length > 0 ? niceTicks(Math.min(...temps), Math.max(...temps), narrow ? 3 : 4) : null;

  const labelChars = Math.max(...leftTicks.ticks.map((tick) => axisNumber(tick).length), 2);
  const left = Math.max(28, labelChars * 7 + 10);
  const right = rightTicks ? Math.max(...rightTicks.ticks.map((tick) => axisNumber(tick).length), 2) * 7 + 14 : 8;
  const plotWidth = Math.max(width - left - right, 40);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const slots = bands(points.length, plotWidth, points.length > 40 ? 0.15 : 0.25);
  const y = linearScale([leftTicks.min, leftTicks.max], [MARGIN.top + plotHeight, MARGIN.top]);
  const y2 = rightTicks ? linearScale([rightTicks.min, rightTicks.max], [MARGIN.top + plotHeight, MARGIN.top]) : null;
  const slotLeft = (index: number) => left + slots.x(index);
  const centre = (index: number) => slotLeft(index) + slots.bandWidth / 2;
  const baseline = y(Math.max(0, leftTicks.min));
  const every = labelEvery(slots.step, Math.max(...points.map((p) => p.short.length), 1) * 7);

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(points.length - 1, index));
    setFocusIndex(next);
    hitRefs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: points.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveFocus(target);
  };
  const onClick = (event: MouseEvent<HTMLAnchorElement>, href: string) => {
    if (!onNavigate || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onNavigate(href);
  };

  const tabStop = Math.min(focusIndex, Math.max(points.length - 1, 0));
  const activePoint = active !== null ? points[active] : undefined;

  return (
    <div className={`chart${narrow ? ' chart--narrow' : ''}`} ref={ref} onMouseLeave={() => setActive(null)}>
      <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart__svg">
        <defs>
          <pattern id={`${patternId}-estimated`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="chart__estimated-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="chart__estimated-line" />
          </pattern>
          <pattern id={`${patternId}-missing`} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
            <line x1="0" y1="0" x2="0" y2="4" className="chart__missing-line" />
          </pattern>
        </defs>

        {/* Periods before the system start: a grey background, no bars. */}
        {points.map((p, index) =>
          p.beforeStart ? (
            <rect key={`before-${p.point.period}`} x={left + index * slots.step} y={MARGIN.top} width={slots.step} height={plotHeight} className="chart__before" />
          ) : null,
        )}

        {/* Grid and the left axis */}
        {leftTicks.ticks.map((tick) => (
          <g key={`grid-${tick}`}>
            <line x1={left} x2={left + plotWidth} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'chart__zero' : 'chart__grid'} />
            <text x={left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="chart__tick">
              {axisNumber(tick)}
            </text>
          </g>
        ))}
        <text x={4} y={12} className="chart__unit">
          {cooling ? '°C' : 'kWh'}
        </text>
        {rightTicks && y2 && (
          <g>
            {rightTicks.ticks.map((tick) => (
              <text key={`r-${tick}`} x={left + plotWidth + 6} y={y2(tick)} dy="0.32em" className="chart__tick chart__tick--temperature">
                {axisNumber(tick)}
              </text>
            ))}
            <text x={width - 4} y={12} textAnchor="end" className="chart__unit chart__tick--temperature">
              °C
            </text>
          </g>
        )}

        {/* Bars */}
        {points.map((p, index) => {
          const x = slotLeft(index);
          const w = slots.bandWidth;
          const highlight = active === index ? ' chart__bar--active' : '';
          if (cooling) {
            const value = coolingC[index] ?? null;
            if (value === null) return null;
            const top = Math.min(y(value), baseline);
            return <rect key={p.point.period} x={x + w * 0.2} width={w * 0.6} y={top} height={Math.abs(y(value) - baseline)} className={`chart__bar chart__bar--cooling${highlight}`} />;
          }
          const total = kwh[index] ?? null;
          const last = previous[index] ?? null;
          const currentX = compare ? x + w * 0.47 : x;
          const currentW = compare ? w * 0.53 : w;
          const pieces = [];
          if (compare && last !== null) {
            pieces.push(
              <rect key="previous" x={x} width={w * 0.43} y={y(last)} height={Math.max(baseline - y(last), 0)} className="chart__bar chart__bar--previous" />,
            );
          }
          if (total === null) {
            if (!p.beforeStart && !p.future)
              pieces.push(<rect key="missing" x={currentX} width={currentW} y={baseline - 8} height={8} className="chart__bar chart__bar--missing" fill={`url(#${patternId}-missing)`} />);
          } else {
            const estimatedPart = Math.min(Math.max(estimated[index] ?? 0, 0), Math.max(total, 0));
            const measured = total - estimatedPart;
            const incomplete = !p.point.complete ? ' chart__bar--incomplete' : '';
            if (measured > 0)
              pieces.push(<rect key="measured" x={currentX} width={currentW} y={y(measured)} height={baseline - y(measured)} className={`chart__bar chart__bar--measured${incomplete}${highlight}`} />);
            if (estimatedPart > 0)
              pieces.push(
                <rect key="estimated" x={currentX} width={currentW} y={y(total)} height={y(measured) - y(total)} fill={`url(#${patternId}-estimated)`} className={`chart__bar chart__bar--estimated${incomplete}${highlight}`} />,
              );
          }
          return <g key={p.point.period}>{pieces}</g>;
        })}

        {/* Lines: outdoor temperature on the right axis; supply and return in the cooling view */}
        {rightTicks && y2 && linePaths(outdoor, centre, y2).map((d, i) => <path key={`t-${i}`} d={d} className="chart__line chart__line--temperature" />)}
        {rightTicks && y2 && points.length <= 60 &&
          outdoor.map((value, index) => (value === null ? null : <circle key={`tc-${index}`} cx={centre(index)} cy={y2(value)} r={narrow ? 2 : 3} className="chart__dot chart__dot--temperature" />))}
        {cooling && linePaths(supply, centre, y).map((d, i) => <path key={`s-${i}`} d={d} className="chart__line chart__line--supply" />)}
        {cooling && linePaths(returned, centre, y).map((d, i) => <path key={`r-${i}`} d={d} className="chart__line chart__line--return" />)}

        {/* The x axis labels */}
        {points.map((p, index) =>
          index % every === 0 ? (
            <text key={`x-${p.point.period}`} x={centre(index)} y={height - 10} textAnchor="middle" className="chart__tick">
              {p.short}
            </text>
          ) : null,
        )}
      </svg>

      <div className="chart__hits" role="group" aria-label={barsLabel}>
        {points.map((p, index) => {
          const style = { left: `${left + index * slots.step}px`, width: `${slots.step}px`, top: `${MARGIN.top}px`, height: `${plotHeight}px` };
          const common = {
            className: 'chart__hit',
            style,
            'aria-label': p.description,
            tabIndex: index === tabStop ? 0 : -1,
            onFocus: () => {
              setActive(index);
              setFocusIndex(index);
            },
            onBlur: () => setActive(null),
            onMouseEnter: () => setActive(index),
            onKeyDown: (event: KeyboardEvent<HTMLElement>) => onKeyDown(event, index),
          };
          return p.href ? (
            <a key={p.point.period} href={p.href} ref={(element) => void (hitRefs.current[index] = element)} onClick={(event) => onClick(event, p.href!)} {...common} />
          ) : (
            <button key={p.point.period} type="button" ref={(element) => void (hitRefs.current[index] = element)} {...common} />
          );
        })}
      </div>

      {activePoint && active !== null && (
        <div
          className="chart__tooltip"
          aria-hidden="true"
          style={{
            left: `${Math.min(Math.max(centre(active), 90), width - 90)}px`,
            top: `${MARGIN.top}px`,
          }}
        >
          {activePoint.description}
          {activePoint.href && <span className="chart__tooltip-hint">{t('meter.consumption.chart.clickHint')}</span>}
        </div>
      )}
    </div>
  );
}
