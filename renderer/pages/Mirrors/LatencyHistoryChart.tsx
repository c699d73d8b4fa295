import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryReport } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { formatTime } from '../../lib/formatTime';
import type { Translate } from './chainWords';
import { historySeries, MIN_TREND_POINTS, type HistorySeries } from './historySeries';
import { formatMs } from './phaseStats';
import { cssVar, watchTheme } from './theme';

const HEIGHT = 220;
const PALETTE_SIZE = 8;

/**
 * p50 and p95 of every mirror over time (uPlot). Drag across the plot to zoom in on a period; the
 * reset button shows everything again. The same numbers are in a table for screen readers.
 */
export function LatencyHistoryChart({
  history,
  names,
}: {
  history: HistoryReport;
  names: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const series = useMemo(() => historySeries(history, names), [history, names]);
  const boxRef = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const hiddenRef = useRef(new Set<string>());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [zoomed, setZoomed] = useState(false);
  const [theme, setTheme] = useState(0);

  useEffect(() => watchTheme(() => setTheme((n) => n + 1)), []);

  useEffect(() => {
    const box = boxRef.current;
    const tip = tipRef.current;
    if (!box || !tip || series.xs.length < MIN_TREND_POINTS) return;
    const plot = new uPlot(
      options(series, box, tip, t, language, hiddenRef.current, (isZoomed) => setZoomed(isZoomed)),
      data(series),
      box,
    );
    plotRef.current = plot;
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(200, box.clientWidth), height: HEIGHT }),
    );
    resize.observe(box);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [series, t, language, theme]);

  useEffect(() => {
    hiddenRef.current = new Set(hidden);
    const plot = plotRef.current;
    if (!plot) return;
    series.mirrors.forEach((m, i) => {
      const show = !hidden.has(m.id);
      plot.setSeries(1 + 2 * i, { show });
      plot.setSeries(2 + 2 * i, { show });
    });
  }, [hidden, series]);

  const resetZoom = () => {
    const plot = plotRef.current;
    if (!plot) return;
    plot.setScale('x', { min: series.xs[0]!, max: series.xs[series.xs.length - 1]! });
  };
  const toggle = (id: string) =>
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (series.xs.length === 0) return <p className="muted">{t('mirrorsPage.history.empty')}</p>;
  const ms = (value: number | null) => (value === null ? '—' : t('common.ms', { value: formatMs(value) }));
  const table = (className: string) => (
    <table className={className} data-testid="history-table">
      <caption className={className === 'sr-only' ? undefined : 'sr-only'}>
        {t('mirrorsPage.history.heading')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('mirrorsPage.history.textAlt.mirror')}</th>
          <th scope="col">{t('mirrorsPage.history.textAlt.probes')}</th>
          <th scope="col">{t('mirrorsPage.history.textAlt.latestP50')}</th>
          <th scope="col">{t('mirrorsPage.history.textAlt.latestP95')}</th>
          <th scope="col">{t('mirrorsPage.history.textAlt.bestP50')}</th>
          <th scope="col">{t('mirrorsPage.history.textAlt.worstP95')}</th>
        </tr>
      </thead>
      <tbody>
        {series.mirrors.map((m) => (
          <tr key={m.id} data-mirror={m.id}>
            <th scope="row">{visible(m.name)}</th>
            <td>{m.probes}</td>
            <td>{ms(m.latestP50)}</td>
            <td>{ms(m.latestP95)}</td>
            <td>{ms(m.bestP50)}</td>
            <td>{ms(m.worstP95)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (series.xs.length < MIN_TREND_POINTS) {
    return (
      <div className="history-few" data-testid="history-few" data-points={series.xs.length}>
        <p className="muted small">{t('mirrorsPage.history.few', { count: MIN_TREND_POINTS })}</p>
        <div className="table-scroll">{table('grid history-few-table')}</div>
      </div>
    );
  }
  return (
    <div className="history-chart">
      <fieldset className="series-toggles">
        <legend>{t('mirrorsPage.history.shown')}</legend>
        {series.mirrors.map((m, i) => (
          <label key={m.id}>
            <input
              type="checkbox"
              checked={!hidden.has(m.id)}
              onChange={() => toggle(m.id)}
              data-mirror={m.id}
            />
            <span className={`swatch series-${i % PALETTE_SIZE}`} aria-hidden="true" />
            {visible(m.name)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <span className="muted small">{t('mirrorsPage.history.zoomHint')}</span>
        <button type="button" onClick={resetZoom} disabled={!zoomed} data-testid="reset-zoom">
          {t('mirrorsPage.history.resetZoom')}
        </button>
      </div>
      <div
        ref={boxRef}
        className="canvas-box"
        role="img"
        aria-label={t('mirrorsPage.history.chartLabel', {
          count: series.mirrors.length,
          points: series.xs.length,
        })}
        data-testid="history-chart"
        data-points={series.xs.length}
      >
        <div ref={tipRef} className="chart-tip" data-testid="history-tip" hidden />
      </div>
      {table('sr-only')}
    </div>
  );
}

function data(series: HistorySeries): uPlot.AlignedData {
  return [series.xs, ...series.mirrors.flatMap((m) => [m.p50, m.p95])];
}

function options(
  series: HistorySeries,
  box: HTMLElement,
  tip: HTMLElement,
  t: Translate,
  language: string,
  hidden: ReadonlySet<string>,
  onZoom: (zoomed: boolean) => void,
): uPlot.Options {
  const text = cssVar(box, '--muted');
  const grid = cssVar(box, '--border');
  const first = series.xs[0]!;
  const last = series.xs[series.xs.length - 1]!;
  return {
    width: Math.max(200, box.clientWidth),
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: true } },
    // Each mirror's spread, p50 to p95, shaded: the two lines can lie on each other, the band cannot hide.
    bands: series.mirrors.map((_m, i) => ({
      series: [2 + 2 * i, 1 + 2 * i] as [number, number],
      fill: withAlpha(cssVar(box, `--series-${i % PALETTE_SIZE}`), 0.14),
    })),
    scales: {
      // uPlot spans a lone point over a whole day, which reads as months on the axis: show ±5 minutes.
      x: {
        time: true,
        range: (_plot, min, max) => (first === last ? [first - 300, last + 300] : [min, max]),
      },
    },
    series: [
      {},
      ...series.mirrors.flatMap((m, i) => {
        const stroke = cssVar(box, `--series-${i % PALETTE_SIZE}`);
        const show = !hidden.has(m.id);
        return [
          { label: t('mirrorsPage.history.p50', { name: m.name }), stroke, width: 2, spanGaps: true, show },
          {
            label: t('mirrorsPage.history.p95', { name: m.name }),
            stroke,
            width: 1.5,
            dash: [6, 4],
            spanGaps: true,
            show,
          },
        ];
      }),
    ],
    axes: [
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1 },
        values: (plot, splits) => timeLabels(plot, splits, language),
      },
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid, width: 1 },
        size: 72,
        values: (_plot, splits) => splits.map((v) => t('common.ms', { value: formatMs(v) })),
      },
    ],
    hooks: {
      draw: [(plot) => drawMarks(plot, series, box)],
      setCursor: [(plot) => showTip(plot, series, tip, t, language)],
      setScale: [
        (plot, key) => {
          if (key !== 'x') return;
          const { min, max } = plot.scales.x ?? {};
          if (min === undefined || max === undefined) return;
          box.dataset.xMin = String(min);
          box.dataset.xMax = String(max);
          onZoom(min > first + 1e-6 || max < last - 1e-6);
        },
      ],
    },
  };
}

/** Times on the x axis in the page's language: the time of day, with the date when the range spans days. */
function timeLabels(plot: uPlot, splits: number[], language: string): string[] {
  const { min = 0, max = 0 } = plot.scales.x ?? {};
  const span = max - min;
  const format = new Intl.DateTimeFormat(language, {
    ...(span > 86_400 ? { month: 'numeric', day: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    ...(span < 600 ? { second: '2-digit' } : {}),
  });
  // Ticks closer together than the format's precision would repeat a label: show each once.
  return splits.map((s, i) => {
    const label = format.format(new Date(s * 1000));
    return i > 0 && label === format.format(new Date(splits[i - 1]! * 1000)) ? '' : label;
  });
}

/**
 * Failed probes as red marks on the time axis (a dead mirror has no latency, so the lines alone would
 * hide it), and each visible mirror's name at the end of its p50 line.
 */
function drawMarks(plot: uPlot, series: HistorySeries, box: HTMLElement): void {
  const { ctx, bbox } = plot;
  const ratio = window.devicePixelRatio || 1;
  const shown = series.mirrors.map((_, i) => plot.series[1 + 2 * i]?.show !== false);
  let failures = 0;
  ctx.save();
  ctx.fillStyle = cssVar(box, '--dead');
  series.xs.forEach((x, i) => {
    if (!series.mirrors.some((m, j) => shown[j] && m.failed[i])) return;
    failures++;
    const cx = plot.valToPos(x, 'x', true);
    const base = bbox.top + bbox.height;
    const size = 6 * ratio;
    ctx.beginPath();
    ctx.moveTo(cx, base - size * 1.6);
    ctx.lineTo(cx - size, base);
    ctx.lineTo(cx + size, base);
    ctx.closePath();
    ctx.fill();
  });
  ctx.font = `${12 * ratio}px ${getComputedStyle(box).fontFamily}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  series.mirrors.forEach((m, j) => {
    if (!shown[j]) return;
    const last = m.p50.findLastIndex((v) => v !== null);
    if (last < 0) return;
    ctx.fillStyle = cssVar(box, `--series-${j % PALETTE_SIZE}`);
    ctx.fillText(
      m.name,
      plot.valToPos(series.xs[last]!, 'x', true) - 4 * ratio,
      plot.valToPos(m.p50[last]!, 'y', true) - 4 * ratio,
    );
  });
  ctx.restore();
  box.dataset.failures = String(failures);
}

/** The values under the cursor: the probe's time, then p50 / p95 (or "failed") per visible mirror. */
function showTip(plot: uPlot, series: HistorySeries, tip: HTMLElement, t: Translate, language: string): void {
  const idx = plot.cursor.idx;
  if (idx === null || idx === undefined || plot.cursor.left === undefined || plot.cursor.left < 0) {
    tip.hidden = true;
    return;
  }
  const time = formatTime(new Date(series.xs[idx]! * 1000).toISOString(), language);
  const ms = (v: number | null) => (v === null ? '—' : t('common.ms', { value: formatMs(v) }));
  const lines = [time];
  series.mirrors.forEach((m, j) => {
    if (plot.series[1 + 2 * j]?.show === false) return;
    if (m.failed[idx]) lines.push(t('mirrorsPage.history.tipFailed', { name: m.name }));
    else if (m.p50[idx] !== null) {
      lines.push(t('mirrorsPage.history.tip', { name: m.name, p50: ms(m.p50[idx]!), p95: ms(m.p95[idx]!) }));
    }
  });
  tip.textContent = lines.join('\n');
  tip.hidden = false;
  const left = plot.cursor.left + plot.bbox.left / (window.devicePixelRatio || 1);
  const width = plot.over.clientWidth;
  tip.style.left = `${Math.min(left + 12, Math.max(0, width - tip.offsetWidth))}px`;
  tip.style.top = '4px';
}

/** A #rrggbb colour with an alpha, for canvas fills; any other form gives no fill (never an opaque one). */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return 'transparent';
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
