import type { ProbeProgress, ProbeReport, ProbeSample } from '../../../shared/contract';
import type { Translate } from './chainWords';
import { BAR_PHASES, formatMs, niceMax, phaseRow, type PhaseRow } from './phaseStats';

const ROW_HEIGHT = 30;
const AXIS_HEIGHT = 24;
const BAR_HEIGHT = 16;
/** Room after the longest bar for its total ("123 ms"). */
const VALUE_WIDTH = 64;

interface Track {
  id: string;
  name: string;
  total: number;
  samples: ProbeSample[];
}

/**
 * The live phase bars: one stacked horizontal bar per mirror, drawn on a canvas, and the same numbers
 * in a visually hidden table for screen readers. Samples arrive many times a second, so this keeps them
 * itself and redraws at most once a frame, outside React.
 */
export class PhaseBarsChart {
  private tracks: Track[] = [];
  private frame = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly body: HTMLTableSectionElement,
    private t: Translate,
  ) {}

  /** Starts over with these mirrors (in this order), each expecting `samples` samples. */
  reset(mirrors: readonly { id: string; name: string }[], samples: number): void {
    this.tracks = mirrors.map((m) => ({ id: m.id, name: m.name, total: samples, samples: [] }));
    this.schedule();
  }

  /** Shows a finished run's samples (the page opened after it ran). */
  show(report: ProbeReport, names: ReadonlyMap<string, string>): void {
    this.tracks = report.results.map((r) => ({
      id: r.id,
      name: names.get(r.id) ?? r.id,
      total: r.samples.length,
      samples: [...r.samples],
    }));
    this.schedule();
  }

  add(progress: ProbeProgress, name: string): void {
    let track = this.tracks.find((t) => t.id === progress.id);
    if (!track) {
      track = { id: progress.id, name, total: progress.samples, samples: [] };
      this.tracks.push(track);
    }
    track.total = progress.samples;
    track.samples.push(progress.sample);
    this.schedule();
  }

  setTranslate(t: Translate): void {
    this.t = t;
    this.schedule();
  }

  rows(): PhaseRow[] {
    return this.tracks.map((t) => phaseRow(t.id, t.name, t.samples, t.total));
  }

  schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  destroy(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  draw(): void {
    const rows = this.rows();
    this.drawCanvas(rows);
    this.fillTable(rows);
  }

  private drawCanvas(rows: PhaseRow[]): void {
    const { canvas, t } = this;
    const width = canvas.parentElement?.clientWidth ?? 0;
    const height = Math.max(1, rows.length) * ROW_HEIGHT + AXIS_HEIGHT;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx || width === 0) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const style = getComputedStyle(canvas);
    const color = (name: string) => style.getPropertyValue(name).trim() || style.color;
    ctx.font = `12px ${style.fontFamily}`;
    ctx.textBaseline = 'middle';

    const labelWidth = Math.min(180, Math.round(width * 0.28));
    const countWidth = Math.min(120, Math.round(width * 0.2));
    const barX = labelWidth + 8;
    const barWidth = Math.max(20, width - barX - countWidth - 8 - VALUE_WIDTH);
    const max = niceMax(Math.max(0, ...rows.map((r) => BAR_PHASES.reduce((sum, p) => sum + r.phases[p], 0))));
    const scale = barWidth / max;

    ctx.strokeStyle = color('--border');
    ctx.lineWidth = 1;
    for (const fraction of [0, 0.5, 1]) {
      const x = Math.round(barX + barWidth * fraction) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, rows.length * ROW_HEIGHT);
      ctx.stroke();
    }

    rows.forEach((row, i) => {
      const y = i * ROW_HEIGHT + ROW_HEIGHT / 2;
      ctx.fillStyle = color('--text');
      ctx.textAlign = 'left';
      ctx.fillText(ellipsize(ctx, row.name, labelWidth), 0, y);

      if (row.done === 0) {
        ctx.fillStyle = color('--muted');
        ctx.fillText(t('mirrorsPage.probe.waiting'), barX + 4, y);
      } else {
        let x = barX;
        for (const phase of BAR_PHASES) {
          const w = row.phases[phase] * scale;
          if (w <= 0) continue;
          ctx.fillStyle = color(`--phase-${phase}`);
          ctx.fillRect(x, y - BAR_HEIGHT / 2, Math.max(w, 1), BAR_HEIGHT);
          x += w;
        }
        // The bar's total at its end, so that nobody has to read it off the axis.
        const total = BAR_PHASES.reduce((sum, p) => sum + row.phases[p], 0);
        if (row.median !== null && total > 0) {
          ctx.fillStyle = color('--text');
          ctx.textAlign = 'left';
          ctx.fillText(t('common.ms', { value: formatMs(total) }), x + 4, y);
        }
        if (row.median === null) {
          ctx.fillStyle = color('--dead');
          ctx.fillRect(barX, y - 2, barWidth, 4);
        }
      }

      ctx.textAlign = 'right';
      const count = t('mirrorsPage.probe.count', { done: row.done, total: row.total });
      const failed = row.failed > 0 ? ` · ${t('mirrorsPage.probe.failed', { count: row.failed })}` : '';
      ctx.fillStyle = color(row.failed > 0 ? '--dead' : '--muted');
      ctx.fillText(ellipsize(ctx, count + failed, countWidth), width, y);
    });

    const axisY = rows.length * ROW_HEIGHT + AXIS_HEIGHT / 2;
    ctx.fillStyle = color('--muted');
    for (const fraction of [0, 0.5, 1]) {
      ctx.textAlign = fraction === 0 ? 'left' : fraction === 1 ? 'right' : 'center';
      ctx.fillText(t('common.ms', { value: formatMs(max * fraction) }), barX + barWidth * fraction, axisY);
    }
  }

  /** The text alternative: one row per mirror, its sample counts also as data attributes (tests read them). */
  private fillTable(rows: PhaseRow[]): void {
    const { body, t } = this;
    const ms = (value: number | null) => (value === null ? '—' : t('common.ms', { value: formatMs(value) }));
    const doc = body.ownerDocument;
    while (body.rows.length > rows.length) body.deleteRow(-1);
    rows.forEach((row, i) => {
      const tr = body.rows[i] ?? body.insertRow();
      tr.dataset.mirror = row.id;
      tr.dataset.samples = String(row.done);
      tr.dataset.failed = String(row.failed);
      tr.dataset.medianMs = row.median === null ? '' : String(row.median);
      const cells = [
        row.name,
        t('mirrorsPage.probe.count', { done: row.done, total: row.total }),
        String(row.failed),
        ...BAR_PHASES.map((p) => ms(row.median === null ? null : row.phases[p])),
        ms(row.median),
      ];
      cells.forEach((text, c) => {
        let cell = tr.cells[c];
        if (!cell) {
          cell = doc.createElement(c === 0 ? 'th' : 'td');
          if (c === 0) cell.setAttribute('scope', 'row');
          tr.appendChild(cell);
        }
        if (cell.textContent !== text) cell.textContent = text;
      });
    });
  }
}

function ellipsize(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return `${text.slice(0, end)}…`;
}
