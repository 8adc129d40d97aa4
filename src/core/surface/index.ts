// Public surface of the boundary-metrics module (the rest is internal to src/core/surface).
export { surfaceMetrics, type LabelSurfaceValues, type SurfaceOptions, type SurfaceReport, type SurfaceVolume } from './surfaceMetrics';
export type { SurfaceConventions, SurfaceValues } from './conventions';
export type { PerSliceSurface, SliceSeries } from './perSlice';
export { surfaceJsonReplacer, surfaceNumberToJson, surfaceToJson } from './json';
export {
  surfaceForComparison,
  withSurface,
  type SliceSurfaceValues,
  type SurfaceComparisonOptions,
  type SurfaceComparisonResult,
  type WithSurface,
} from './comparison';
