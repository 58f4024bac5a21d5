import { useEffect, useState } from 'react';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** 60123 → "60,123": the groups a reader expects, each digit its own wheel. */
const format = (value: number): string => Math.max(0, Math.round(value)).toLocaleString('en-US');

/**
 * A number whose digits roll like a mechanical counter from the old value to the new one. The
 * first showing rolls up from zero. Wheels are keyed from the right, so a units digit stays the
 * units digit when the number grows a digit.
 */
export function FlipCounter({ value, label }: { value: number; label: string }) {
  const [shown, setShown] = useState(() => format(value).replace(/\d/g, '0'));
  useEffect(() => {
    const frame = requestAnimationFrame(() => setShown(format(value)));
    return () => cancelAnimationFrame(frame);
  }, [value]);
  const chars = [...shown];
  return (
    <span className="flip" role="img" aria-label={`${label} ${format(value)}`} data-value={Math.round(value)}>
      {chars.map((ch, i) => {
        const key = chars.length - i;
        if (ch === ',') {
          return (
            <span key={`s${key}`} className="flip-sep">
              ,
            </span>
          );
        }
        return (
          <span key={`d${key}`} className="flip-digit">
            <span className="flip-wheel" style={{ transform: `translateY(-${Number(ch) * 10}%)` }}>
              {DIGITS.map((d) => (
                <span key={d}>{d}</span>
              ))}
            </span>
          </span>
        );
      })}
    </span>
  );
}
