import type { EChartsCoreOption } from 'echarts/core';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/echart';
import { chartPng, downloadFile } from './download';

/**
 * A card with a heading, a chart, a button that saves the chart as a PNG image, and the chart's data as a table
 * (`children`: what a screen reader reads and an expert checks).
 *
 * @example <ChartCard title={t('results.stages.title')} option={option} file="stages">{table}</ChartCard>
 */
export function ChartCard({
  title,
  option,
  file,
  height,
  minWidth,
  wide = false,
  intro,
  children,
}: {
  title: string;
  option: EChartsCoreOption;
  /** The image's file name, without extension. */
  file: string;
  height?: number;
  /** Narrowest the chart may be drawn: below it, the chart scrolls sideways inside the card. */
  minWidth?: number;
  wide?: boolean;
  /** Shown between the heading and the chart (controls, notes). */
  intro?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const card = useRef<HTMLElement>(null);
  const [failed, setFailed] = useState(false);

  const save = async () => {
    const figure = card.current?.querySelector<HTMLElement>('figure.echart');
    if (!figure) return;
    try {
      setFailed(false);
      downloadFile(`${file}.png`, await chartPng(figure));
    } catch {
      setFailed(true);
    }
  };

  return (
    <section ref={card} className={wide ? 'card card-wide' : 'card'} aria-labelledby={headingId}>
      <div className="card-heading">
        <h2 id={headingId}>{title}</h2>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => void save()}
          aria-label={t('results.export.pngOf', { chart: title })}
        >
          {t('results.export.png')}
        </button>
      </div>
      {intro}
      {minWidth === undefined ? (
        <EChart option={option} label={title} height={height} />
      ) : (
        <div className="chart-scroll">
          <div style={{ minWidth }}>
            <EChart option={option} label={title} height={height} />
          </div>
        </div>
      )}
      {failed && (
        <p className="message message-error" role="alert">
          {t('results.export.pngFailed')}
        </p>
      )}
      {children}
    </section>
  );
}
