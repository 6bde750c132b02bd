// The comparison script's counting: what "kept" means for an entry a generator lists twice and for
// an id a generator gives to two posts (two posts at one URL).
import { describe, expect, it } from 'vitest';
import { compareFeeds, parseFeed } from '../../scripts/compare-site.ts';

const HOST = 'https://feeds.feedwright.dev';

function atom(entries: readonly [id: string, link: string, published: string][]) {
  const body = entries
    .map(
      ([id, link, published]) =>
        `<entry><title>${id}</title><id>${HOST}${id}</id><link href="${HOST}${link}"/><published>${published}</published></entry>`,
    )
    .join('');
  const feed = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><id>${HOST}/</id>${body}</feed>`);
  if (!feed) throw new Error('no feed');
  return feed;
}

describe('compareFeeds', () => {
  it('counts an entry the generator lists twice (same id, link, instant) once', () => {
    const theirs = atom([
      ['/a', '/a/', '2024-01-02T00:00:00Z'],
      ['/a', '/a/', '2024-01-02T00:00:00Z'],
      ['/b', '/b/', '2024-01-01T00:00:00Z'],
    ]);
    const ours = atom([
      ['/a', '/a/', '2024-01-02T00:00:00Z'],
      ['/b', '/b/', '2024-01-01T00:00:00Z'],
    ]);
    const c = compareFeeds(theirs, ours);
    expect(c).toMatchObject({ referenceItems: 2, matched: 2, kept: 2 });
    expect(c.differences['listed twice by the generator']).toEqual(['/a <https://feeds.feedwright.dev/a>']);
  });

  it("keeps an item whose id the generator gives two posts when feedwright's is that id with #n", () => {
    const theirs = atom([
      ['/m/meeting', '/m/12/', '2024-01-12T00:00:00Z'],
      ['/m/meeting', '/m/05/', '2024-01-05T00:00:00Z'],
    ]);
    const ours = atom([
      ['/m/meeting#2', '/m/12/', '2024-01-12T00:00:00Z'],
      ['/m/meeting', '/m/05/', '2024-01-05T00:00:00Z'],
    ]);
    const c = compareFeeds(theirs, ours);
    expect(c).toMatchObject({ referenceItems: 2, matched: 1, kept: 2 });
    expect(c.differences['shared id']).toEqual([`${HOST}/m/meeting → ${HOST}/m/meeting#2`]);
    expect(c.differences.id).toEqual([]);
  });

  it('does not keep a #n id where the generator gave the id to one item only, nor a changed link', () => {
    const theirs = atom([
      ['/x', '/x/', '2024-01-02T00:00:00Z'],
      ['/y', '/y/', '2024-01-01T00:00:00Z'],
      ['/y', '/y2/', '2023-01-01T00:00:00Z'],
    ]);
    const ours = atom([
      ['/x#2', '/x/', '2024-01-02T00:00:00Z'],
      ['/y#2', '/y/', '2024-01-01T00:00:00Z'],
      ['/y', '/y3/', '2023-01-01T00:00:00Z'],
    ]);
    const c = compareFeeds(theirs, ours);
    expect(c).toMatchObject({ referenceItems: 3, matched: 0, kept: 1 });
    expect(c.differences.id).toEqual([`${HOST}/x → ${HOST}/x#2`]);
  });
});
