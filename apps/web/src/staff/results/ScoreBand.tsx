import { score } from './format';

/**
 * A score and its band (score ± SEM) drawn on the report's scale: the shaded band is where the
 * true score probably lies, the tick the score itself. Two candidates whose bands overlap a lot are
 * not reliably different (the comparison says so exactly).
 */
export function ScoreBand({ value, band, max, unit, label }: { value: number | null; band: { low: number; high: number } | null; max: number; unit: 'points' | 'percent'; label: string }) {
  if (value === null || max <= 0) return <span>{score(value, unit)}</span>;
  const at = (x: number) => `${Math.min(100, Math.max(0, (100 * x) / max))}%`;
  const range = band ? `${score(band.low, unit)}–${score(band.high, unit)}` : null;
  return (
    <span className="score-band" title={range ? `${label}: ${range}` : undefined}>
      <span className="score-band-text">
        {score(value, unit)}
        {range && <small> ({range})</small>}
      </span>
      <span className="score-band-track" aria-hidden="true">
        {band && <span className="score-band-range" style={{ left: at(band.low), width: `calc(${at(band.high)} - ${at(band.low)})` }} />}
        <span className="score-band-score" style={{ left: at(value) }} />
      </span>
    </span>
  );
}
