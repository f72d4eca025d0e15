import { BarChart, RadarChart, ScatterChart, type BarSeriesOption, type RadarSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type RadarComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the results draw (echarts/core is tree-shaken): bars, radar, scatter, on SVG so
// charts print sharp at any size.
use([BarChart, RadarChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | RadarSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | RadarComponentOption
  | TooltipComponentOption
>;

/** The width charts are drawn at on paper (A4 less the print margins, in CSS pixels). */
const PRINT_WIDTH = 640;

/**
 * One chart: a visible title, the one-line reading aid under it, and the drawing, which screen
 * readers get as an image named by the title and the reading aid. Axis names belong in `option`.
 * The drawing follows its box (ResizeObserver) and is redrawn at paper width for printing.
 */
export function Chart({ title, reading, option, height = 300 }: { title: string; reading: string; option: ChartOption; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, null, { renderer: 'svg' });
    chart.current = instance;
    const print = window.matchMedia('print');
    // On paper (printing, or print media emulated) the drawing takes the paper's width, else its box's.
    const fit = () => instance.resize(print.matches ? { width: PRINT_WIDTH } : undefined);
    const toPaper = () => instance.resize({ width: PRINT_WIDTH });
    const resizes = new ResizeObserver(fit);
    resizes.observe(element);
    print.addEventListener('change', fit);
    window.addEventListener('beforeprint', toPaper);
    window.addEventListener('afterprint', fit);
    return () => {
      resizes.disconnect();
      print.removeEventListener('change', fit);
      window.removeEventListener('beforeprint', toPaper);
      window.removeEventListener('afterprint', fit);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // No animation: what is shown (and printed) is the final picture at once.
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);

  return (
    <figure className="results-chart">
      <figcaption>
        <h3>{title}</h3>
        <p>{reading}</p>
      </figcaption>
      <div ref={box} role="img" aria-label={`${title}. ${reading}`} style={{ height }} />
    </figure>
  );
}
