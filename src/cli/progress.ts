/**
 * One progress line for work that takes a while (`writing 1200/3400`), redrawn in place: shown on a
 * terminal once the work has run for a second, never in logs (stderr not a TTY).
 */
const DELAY_MS = 1000;
const EVERY_MS = 100;

export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  let drawn = 0;
  let shown = false;
  return {
    update(done: number, total: number) {
      const now = performance.now();
      if (!stream.isTTY || now - started < DELAY_MS || now - drawn < EVERY_MS) return;
      drawn = now;
      shown = true;
      stream.write(`\r[feedwright] ${label} ${done}/${total}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
