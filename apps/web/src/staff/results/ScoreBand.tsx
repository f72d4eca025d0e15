import { score } from './format';

/**
 * A score and its band (score ± SEM) drawn on the report's scale: the shaded band is where the
 * true score probably lies, the tick the score itself. Two candidates whose bands overlap a lot are
 * not reliably different (the comparison says so exactly).
 */
export function ScoreBand({ value, band, max, unit, label }: { value: number | null; band: { low: number; high: number } | null; max: number; unit: 'points' | 'percent'; label: string }) {
  if (value === null || max <= 0) return <span>{score(value, unit)}</span>;
  const at = (x: number) => `${(100 * x) / max}%`;
  // Score ± SEM can reach past 0 or the maximum; no score can, so the band is shown within them.
  const shown = band ? { low: Math.max(0, band.low), high: Math.min(max, band.high) } : null;
  const range = shown ? `${score(shown.low, unit)}–${score(shown.high, unit)}` : null;
  return (
    <span className="score-band" title={range ? `${label}: ${range}` : undefined}>
      <span className="score-band-text">
        {score(value, unit)}
        {range && <small> ({range})</small>}
      </span>
      <span className="score-band-track" aria-hidden="true">
        {shown && <span className="score-band-range" style={{ left: at(shown.low), width: `calc(${at(shown.high)} - ${at(shown.low)})` }} />}
        <span className="score-band-score" style={{ left: at(Math.min(max, Math.max(0, value))) }} />
      </span>
    </span>
  );
}
