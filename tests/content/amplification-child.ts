// Run by amplification.test.ts in a process whose heap is capped (--max-old-space-size): every
// hostile article is read and rendered here, one after another; an article that needed more
// memory than the cap ends the process with "JavaScript heap out of memory", and the test fails.
// Prints one JSON line per article: its kind, size, what it cost, and the heap in use after it.
import fc from 'fast-check';
import { costOf, hostileArticle } from './amplification.ts';

const runs = Number(process.argv[2] ?? 200);
let most = { cpuMs: 0, kind: '', bytes: 0 };
for (const article of fc.sample(hostileArticle, { numRuns: runs, seed: 23 })) {
  const before = process.cpuUsage();
  const cost = costOf(article);
  const used = process.cpuUsage(before);
  const cpuMs = (used.user + used.system) / 1000;
  if (cpuMs > most.cpuMs) most = { cpuMs, kind: article.kind, bytes: article.text.length };
  process.stdout.write(
    `${JSON.stringify({ ...cost, problems: cost.problems.length, bytes: article.text.length, cpuMs, heapMb: process.memoryUsage().heapUsed / 2 ** 20 })}\n`,
  );
}
process.stdout.write(`${JSON.stringify({ done: runs, slowest: most })}\n`);
