import { describe, expect, it } from 'vitest';
import { Progbar, formatTimePerStep, formatValue } from './progbar.js';
import type { ProgressSink } from './progbar.js';

function sink(interactive: boolean): ProgressSink & { text: string } {
  const s = { interactive, text: '', write: (t: string) => void (s.text += t) };
  return s;
}

describe('progress bar (Keras 3 format)', () => {
  it('formats values like Python {:.4f} / {:.4e}', () => {
    expect(formatValue(1.30244)).toBe('1.3024');
    expect(formatValue(0.00012345)).toBe('1.2345e-04');
    expect(formatValue(-0.0005)).toBe('-5.0000e-04');
    expect(formatValue(Number.NaN)).toBe('nan');
    expect(formatTimePerStep(0.003)).toBe('3ms/step');
    expect(formatTimePerStep(2.4)).toBe('2s/step');
    expect(formatTimePerStep(0.0004)).toBe('400us/step');
  });

  it('prints one final line when not a TTY, and redraws in place on a TTY', () => {
    const plain = sink(false);
    const bar = new Progbar(3, 1, plain);
    bar.update(1, { loss: 1.5 });
    expect(plain.text).toBe('');
    bar.update(3, { loss: 1.30244, mae: 0.92153 }, true);
    expect(plain.text).toMatch(/^3\/3 ━{20} \d+s \d+(us|ms|s)\/step - loss: 1\.3024 - mae: 0\.9215\n$/);
    const tty = sink(true);
    const live = new Progbar(10, 1, tty);
    live.update(5, { loss: 2 });
    const visible = tty.text.replace(/\x1b\[[0-9;]*m/g, '');
    expect(visible).toMatch(/^\r 5\/10 ━{20} \d+s - loss: 2\.0000$/);
    expect(tty.text).toContain('\x1b[32m' + '━'.repeat(10));
  });

  it('verbose 2 prints count, time and values on one line', () => {
    const out = sink(true);
    new Progbar(4, 2, out).update(4, { loss: 0.5 }, true);
    expect(out.text).toMatch(/^4\/4 - \d+s - \d+(us|ms|s)\/step - loss: 0\.5000\n$/);
  });
});
