// ECharts through its tree-shakable core: only the chart types and components registered here are bundled, and
// only into the chunks of the pages that import this file (pages are loaded lazily by route).
import { BarChart, LineChart, PieChart, SankeyChart } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use as registerECharts, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef } from 'react';

registerECharts([
  BarChart,
  LineChart,
  PieChart,
  SankeyChart,
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export interface EChartProps {
  /** The chart (ECharts option: series of the registered types bar, line, pie, sankey; mark lines). */
  option: EChartsCoreOption;
  /** What the chart shows: the figure's caption for screen readers (ECharts adds a description of the data). */
  label: string;
  /** Height in px (default 320); the width follows the container. */
  height?: number;
  /** Fixed width in px (default: the container's). */
  width?: number;
}

/**
 * One ECharts chart, drawn as SVG (sharp at any zoom, no inline script or style needed), resized with its
 * container, disposed on unmount. Register further chart types in this file.
 *
 * @example
 * <EChart
 *   label={t('results.byStage')}
 *   option={{ xAxis: { type: 'category', data: stages }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: amounts }] }}
 * />
 */
export function EChart({ option, label, height = 320, width }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const captionId = useId();

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'svg', height, ...(width ? { width } : {}) });
    chart.current = instance;
    const observer =
      typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [height, width]);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option, height, width]);

  // ECharts' aria component describes the data on the host element; the figure's caption names the chart.
  return (
    <figure className="echart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="visually-hidden">
        {label}
      </figcaption>
      <div ref={element} className="echart-host" style={{ height }} />
    </figure>
  );
}
