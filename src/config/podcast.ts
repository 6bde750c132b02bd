/**
 * A podcast's show-level settings (the `podcast` setting): what Apple Podcasts requires and
 * recommends of a show (`itunes:` tags) and what Podcast Index apps read (Podcasting 2.0's
 * `podcast:` tags). Apple's categories are a closed set, so a category is checked here, once.
 */

/** Apple Podcasts' categories and their subcategories (podcasters.apple.com/support/1691). */
export const APPLE_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  Arts: ['Books', 'Design', 'Fashion & Beauty', 'Food', 'Performing Arts', 'Visual Arts'],
  Business: ['Careers', 'Entrepreneurship', 'Investing', 'Management', 'Marketing', 'Non-Profit'],
  Comedy: ['Comedy Interviews', 'Improv', 'Stand-Up'],
  Education: ['Courses', 'How To', 'Language Learning', 'Self-Improvement'],
  Fiction: ['Comedy Fiction', 'Drama', 'Science Fiction'],
  Government: [],
  History: [],
  'Health & Fitness': [
    'Alternative Health',
    'Fitness',
    'Medicine',
    'Mental Health',
    'Nutrition',
    'Sexuality',
  ],
  'Kids & Family': ['Education for Kids', 'Parenting', 'Pets & Animals', 'Stories for Kids'],
  Leisure: [
    'Animation & Manga',
    'Automotive',
    'Aviation',
    'Crafts',
    'Games',
    'Hobbies',
    'Home & Garden',
    'Video Games',
  ],
  Music: ['Music Commentary', 'Music History', 'Music Interviews'],
  News: [
    'Business News',
    'Daily News',
    'Entertainment News',
    'News Commentary',
    'Politics',
    'Sports News',
    'Tech News',
  ],
  'Religion & Spirituality': [
    'Buddhism',
    'Christianity',
    'Hinduism',
    'Islam',
    'Judaism',
    'Religion',
    'Spirituality',
  ],
  Science: [
    'Astronomy',
    'Chemistry',
    'Earth Sciences',
    'Life Sciences',
    'Mathematics',
    'Natural Sciences',
    'Nature',
    'Physics',
    'Social Sciences',
  ],
  'Society & Culture': ['Documentary', 'Personal Journals', 'Philosophy', 'Places & Travel', 'Relationships'],
  Sports: [
    'Baseball',
    'Basketball',
    'Cricket',
    'Fantasy Sports',
    'Football',
    'Golf',
    'Hockey',
    'Rugby',
    'Running',
    'Soccer',
    'Swimming',
    'Tennis',
    'Volleyball',
    'Wilderness',
    'Wrestling',
  ],
  Technology: [],
  'True Crime': [],
  'TV & Film': ['After Shows', 'Film History', 'Film Interviews', 'Film Reviews', 'TV Reviews'],
};

/** A category, and one of its subcategories. */
export interface PodcastCategory {
  readonly category: string;
  readonly subcategory?: string;
}

/**
 * A category as written: a category (`Technology`), a subcategory with its category
 * (`Society & Culture/Documentary`), or a subcategory alone (`Documentary`: each names one category).
 * Undefined: none of Apple's.
 */
export function appleCategory(written: string): PodcastCategory | undefined {
  const fold = (name: string) => name.trim().toLowerCase();
  const [first = '', second] = written.split('/').map(fold);
  for (const [category, subcategories] of Object.entries(APPLE_CATEGORIES)) {
    const sub = (name: string) => subcategories.find((s) => fold(s) === name);
    if (second !== undefined) {
      const found = fold(category) === first ? sub(second) : undefined;
      if (found) return { category, subcategory: found };
      continue;
    }
    if (fold(category) === first) return { category };
    const found = sub(first);
    if (found) return { category, subcategory: found };
  }
  return undefined;
}

export type PodcastType = 'episodic' | 'serial';

/** A podcast's show, as its feeds say it. */
export interface PodcastSettings {
  /** The show's artwork (absolute): `podcast.image`, else the site's `image`. */
  readonly image: string;
  readonly categories: readonly PodcastCategory[];
  /** Whether the show has explicit content: Apple requires it said, and it cannot be guessed. */
  readonly explicit: boolean;
  /** Who Apple contacts about the show: `podcast.owner`, else the site's author when it has an e-mail. */
  readonly owner?: { readonly name?: string; readonly email: string };
  /** Who makes the show (`itunes:author`): `podcast.author`, else the site's author, else its title. */
  readonly author: string;
  /** Episodic (newest first) or serial (in order, numbered). */
  readonly type: PodcastType;
  /** `podcast:locked`: other platforms may not import the feed. */
  readonly locked: boolean;
  /**
   * `podcast:guid` of the site's feed, assigned once in a podcast's life; undefined: made from the
   * site feed's URL (as Podcast Index does), which lasts only as long as that URL.
   */
  readonly guid?: string;
  /** `podcast:funding`: where listeners can support the show, and what the link says. */
  readonly funding: readonly { readonly url: string; readonly text: string }[];
  /** Who hosts it (`podcast:person`): the site's author, when it names one. */
  readonly host?: { readonly name: string; readonly url?: string };
}
