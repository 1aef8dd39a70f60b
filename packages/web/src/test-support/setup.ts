// jsdom has no canvas: ECharts (SVG renderer) then measures text without one. Answer null quietly instead of
// jsdom's "not implemented" message on every measurement.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
