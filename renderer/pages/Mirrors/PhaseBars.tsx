import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MirrorEntry } from '../../../shared/contract';
import { onSample, PROBE_SAMPLES, useProbe } from '../../store/probe';
import { PhaseBarsChart } from './phaseBarsChart';
import { BAR_PHASES } from './phaseStats';
import { watchTheme } from './theme';

/**
 * Stacked DNS / connect / TLS / first-byte bars per mirror, filled in as each sample of a run arrives.
 * React renders the frame once; the samples go straight to the chart (see PhaseBarsChart).
 */
export function PhaseBars({ mirrors }: { mirrors: readonly MirrorEntry[] }) {
  const { t } = useTranslation();
  const running = useProbe((s) => s.running);
  const report = useProbe((s) => s.report);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const chartRef = useRef<PhaseBarsChart | null>(null);
  const namesRef = useRef(new Map<string, string>());
  const wasRunning = useRef(false);

  useEffect(() => {
    const chart = new PhaseBarsChart(canvasRef.current!, bodyRef.current!, t);
    chartRef.current = chart;
    const stopSamples = onSample((p) => chart.add(p, namesRef.current.get(p.id) ?? p.id));
    const resize = new ResizeObserver(() => chart.schedule());
    resize.observe(canvasRef.current!.parentElement!);
    const stopTheme = watchTheme(() => chart.schedule());
    return () => {
      stopSamples();
      resize.disconnect();
      stopTheme();
      chart.destroy();
      chartRef.current = null;
    };
    // The chart is made once; the language reaches it through setTranslate below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => chartRef.current?.setTranslate(t), [t]);

  // A new run starts from empty bars for every listed mirror; between runs the last one stays shown.
  useEffect(() => {
    namesRef.current = new Map(mirrors.map((m) => [m.id, m.name]));
    const chart = chartRef.current;
    if (!chart) return;
    if (running && !wasRunning.current) chart.reset(mirrors, PROBE_SAMPLES);
    else if (!running && report) chart.show(report, namesRef.current);
    else if (!running) chart.reset(mirrors, PROBE_SAMPLES);
    wasRunning.current = running;
  }, [running, report, mirrors]);

  return (
    <div className="phase-bars" data-testid="phase-bars">
      <ul className="legend" aria-label={t('mirrorsPage.probe.legend')}>
        {BAR_PHASES.map((p) => (
          <li key={p}>
            <span className={`swatch swatch-${p}`} aria-hidden="true" />
            {t(`mirrorsPage.probe.phases.${p}`)}
          </li>
        ))}
      </ul>
      <div className="canvas-box">
        <canvas ref={canvasRef} role="img" aria-label={t('mirrorsPage.probe.chartLabel')} />
      </div>
      <table className="sr-only" data-testid="phase-table">
        <caption>{t('mirrorsPage.probe.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mirrorsPage.probe.textAlt.mirror')}</th>
            <th scope="col">{t('mirrorsPage.probe.textAlt.samples')}</th>
            <th scope="col">{t('mirrorsPage.probe.textAlt.failed')}</th>
            {BAR_PHASES.map((p) => (
              <th scope="col" key={p}>
                {t(`mirrorsPage.probe.phases.${p}`)}
              </th>
            ))}
            <th scope="col">{t('mirrorsPage.probe.textAlt.median')}</th>
          </tr>
        </thead>
        <tbody ref={bodyRef} />
      </table>
    </div>
  );
}
