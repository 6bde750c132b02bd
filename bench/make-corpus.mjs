#!/usr/bin/env node
// Deterministic synthetic corpus generator for feed-publisher benchmarks.
//
// Usage: node make-corpus.mjs --articles N --out DIR [--seed S] [--quiet]
//
// Writes N Markdown files (DIR/NNNNNN-slug.md) shaped like the posts of a real
// Hugo site (Mainroad-theme front matter, YAML between --- fences):
//   * ~half Chinese (zh-CN) bodies, ~half English (en);
//   * body 1-12 KiB (UTF-8 bytes) with headings, bold/italic, links (absolute
//     and relative such as /images/x.png or ../other/), images, lists,
//     blockquotes, sometimes a fenced code block, table or raw HTML;
//   * 1-5 tags per article drawn from a Zipf(s=1) distribution over 200 tags
//     (some CJK, some with spaces/punctuation, some differing only by case);
//   * 1-2 categories out of 20;
//   * dates spread over 10 years (2015-07-01 .. 2025-06-30) in mixed formats:
//     "YYYY-MM-DD HH:MM:SS" (no zone), RFC 3339 with offset, with Z, date only,
//     some unquoted (YAML timestamps); ~10% also carry lastmod;
//   * ~2% drafts (draft: true), ~3% with <!--more-->, ~10% without summary.
// Output depends only on (seed, article index): the corpus for N=1000 is a
// byte-identical prefix of the corpus for N=50000 with the same seed.
// No dependencies; no clock or Math.random use.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// ---------- arguments ----------
function parseArgs(argv) {
  const o = { seed: '1', quiet: false };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--articles' || a === '-n') o.articles = Number(argv[++i]);
    else if (a === '--out' || a === '-o') o.out = argv[++i];
    else if (a === '--seed' || a === '-s') o.seed = String(argv[++i]);
    else if (a === '--quiet' || a === '-q') o.quiet = true;
    else if (a === '--help' || a === '-h') o.help = true;
    else {
      console.error(`unknown argument: ${a}`);
      o.help = true;
      o.bad = true;
    }
  }
  return o;
}
const args = parseArgs(process.argv);
if (args.help || !Number.isInteger(args.articles) || args.articles < 0 || !args.out) {
  console.error('usage: node make-corpus.mjs --articles N --out DIR [--seed S] [--quiet]');
  process.exit(args.help && !args.bad ? 0 : 2);
}

// ---------- deterministic PRNG ----------
function fnv1a(str) {
  // 32-bit FNV-1a over UTF-16 code units
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
function sfc32(a, b, c, d) {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
function makeRng(key) {
  const r = sfc32(fnv1a(`a${key}`), fnv1a(`b${key}`), fnv1a(`c${key}`), fnv1a(`d${key}`));
  for (let i = 0; i < 12; i++) r();
  const rng = {
    next: r,
    int: (lo, hi) => lo + Math.floor(r() * (hi - lo + 1)), // inclusive
    chance: (p) => r() < p,
    pick: (arr) => arr[Math.floor(r() * arr.length)],
  };
  return rng;
}

// ---------- vocabularies (fixed, seed-independent) ----------
const HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严首底液官德随病苏失尔死讲配女黄推显谈罪神艺呢席含企望密批营项防举球英势告李台落木帮轮破亚师围注远字材排供河态封另施减树溶怎止案言士均武固叶鱼波视仅费紧爱左章早朝害续轻服试食充兵源判护司足某练差致板田降黑犯负击范继兴似余坚曲输修故城夫够送笔船占右财吃富春职觉汉画功巴跟虽杂飞检吸助升阳互初创抗考投坏策古径换未跑留钢曾端责站简述钱副尽帝射草冲承独令限阿宣环双请超微让控州良轴找否纪益依优顶础载倒房突坐粉敌略客冷胜绝析块剂测丝协诉念陈仍罗盐友洋错苦夜刑移频逐靠混母短皮终聚汽村云哪既距卫停烈央察烧迅境若印洲刻括激孔搞甚室待核校散侵吧甲游久菜味旧模湖货损预阻毫普稳乙妈植息扩银语挥酒守拿序纸医缺雨吗针刘啊急唱误训愿审附获茶鲜粮斤孩脱肥善龙演父渐血欢械掌歌沙刚攻谓盾讨晚粒乱燃矛乎杀药宁鲁贵钟煤读班伯香介迫句丰培握兰担弦蛋沉假穿执答乐谁顺烟缩征脸喜松脚困异免背星福买染井概慢怕磁倍祖皇促静补评翻肉践尼衣宽扬棉希伤操垂秋宜套督振架亮末宪庆编牛触映雷销诗座居抓裂胞呼娘景威绿晶厚盟衡鸡孙延危胶屋乡临陆顾掉呀灯岁措束耐剧玉赵跳哥季课凯胡额款绍卷齐伟蒸殖永宗苗川炉岩弱零杨奏沿露杆探滑镇饭浓航怀赶库夺伊灵税途灭赛归召鼓播盘裁险康唯录纯借糖盖横符私努堂域枪润幅哈竟熟虫泽脑壤碳欧遍侧寨敢彻虑斜薄庭纳弹伸折麦湿暗荷瓦塞床筑恶户访塔奇透梁刀旋迹卡遇份毒泥退洗摆灰彩卖耗夏择忙铜献硬予繁圈雪函亦抽篇阵阴丁尺追堆雄迎泛爸楼避谋野旗累偏典馆索秦潮爷豆忽托惊塑遗愈朱替纤粗倾尚痛楚谢奋购磨君池旁碎骨监捕弟暴割贯殊释词亡壁顿宝午尘闻揭炮残冬桥妇警综招吴付浮遭徐您摇谷赞箱隔订男吹园纷唐败宋';
const ZH_PUNCT_MID = '，，，，、；';
const ZH_PUNCT_END = '。。。。。！？';
const ZH_ASCII_WORDS = [
  'DeepSeek',
  'AI',
  'GPU',
  'iPhone',
  '5G',
  'ChatGPT',
  'CEO',
  'GDP',
  'App',
  'OpenAI',
  'NVIDIA',
  'Tesla',
  'WTO',
  'CPI',
  '2025',
  '3.5%',
  '100',
  'A股',
  'H200',
  'LLM',
];
const ZH_NEWS_SRC = ['新华社', '中新网', '央视新闻', '人民日报', '澎湃新闻', '财新', '环球时报', '第一财经'];
const EN_WORDS =
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can out into up who them some could other time than what only its then first also new about any these may such like over people most our year years made after very many work way between market policy government data system model energy report city company service research public development energy climate court officials security technology network cloud software hardware release feature version support update users developers community open source server client request response cache feed article editor reader night morning budget trade growth investment election minister council program science health school river mountain storm power grid nuclear solar battery vehicle rail airport museum library archive history culture music film festival league season player coach match goal record price inflation rate bank loan credit housing rent wage labor union strike border migration treaty summit talks deal agreement sanction tariff export import supply chain factory chip memory latency throughput benchmark compiler runtime kernel driver protocol standard specification draft patch review merge branch commit issue bug crash fix regression test suite coverage deploy rollout incident outage alert monitor metric dashboard budget quarter revenue profit loss forecast analyst investor shareholder board director founder startup acquisition merger lawsuit regulator agency framework library package module interface function parameter argument value type object array string number boolean'.split(
    /\s+/,
  );
const EN_TITLE_WORDS = [
  'How',
  'Why',
  'What',
  'Inside',
  'The',
  'A',
  'New',
  'After',
  'Before',
  'Notes on',
  'Understanding',
  'Rethinking',
  'Lessons from',
  'Building',
  'Scaling',
  'Debugging',
  'Measuring',
  'Against',
  'In Defense of',
];
const CODE_LANGS = ['go', 'js', 'ts', 'python', 'bash', 'rust', 'yaml', 'json', 'html', 'sql', ''];

// 200 tags: hand-picked tricky ones + generated ones, shuffled into a fixed Zipf rank order.
const SPECIAL_TAGS = [
  'qq',
  '人工智能',
  '科技',
  '财经',
  '国际',
  '新闻 快讯',
  '中美关系',
  '深度学习',
  '財經',
  '体育',
  '娱乐',
  '汽车',
  '房产',
  '健康',
  '教育',
  '軍事',
  'machine learning',
  'C++',
  'C#',
  'Node.js',
  'AT&T',
  'Q&A',
  "rock 'n' roll",
  'web/dev',
  'e-mail',
  '100% pure',
  'key: value',
  '"quoted"',
  'JavaScript',
  'javascript',
  'Go',
  'go',
  'open source',
  'Open Source',
  'R&D',
  '<script>',
  'café',
  'naïve',
  'über',
  'emoji 🚀',
  'AI/ML',
  'front-end',
  'back end',
  'How-To',
  'year in review',
  'tl;dr',
];
const TAG_A = [
  'cloud',
  'data',
  'security',
  'mobile',
  'design',
  'ops',
  'policy',
  'climate',
  'energy',
  'space',
  'finance',
  'health',
  'music',
  'film',
  'travel',
  'food',
  'sports',
  'science',
  'history',
  'culture',
];
const TAG_B = [
  '',
  ' news',
  ' weekly',
  '-notes',
  ' tips',
  ' review',
  ' analysis',
  ' 2024',
  ' digest',
  ' guide',
];
function buildTags() {
  const r = makeRng('tag-vocabulary');
  const tags = SPECIAL_TAGS.slice();
  const seen = new Set(tags);
  while (tags.length < 200) {
    const t = r.pick(TAG_A) + r.pick(TAG_B);
    if (!seen.has(t)) {
      seen.add(t);
      tags.push(t);
    }
  }
  // keep 'qq' as rank 1 (as on the source site); shuffle the rest with a fixed rng
  const rest = tags.slice(1);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  return [tags[0], ...rest];
}
const TAGS = buildTags();
const CATEGORIES = [
  'qq',
  '新闻',
  '科技',
  '财经',
  '国际',
  '体育',
  '文化',
  '观点',
  'News',
  'Tech',
  'Business',
  'World',
  'Science',
  'Opinion',
  'Culture',
  'Sports',
  'Dev Notes',
  'Releases',
  'Tutorials',
  'Misc & Other',
];

// Zipf(s=1) cumulative table over tag ranks
const ZIPF_CDF = (() => {
  const w = TAGS.map((_, k) => 1 / (k + 1));
  const total = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  return w.map((x) => (acc += x / total));
})();
function zipfIndex(rng) {
  const u = rng.next();
  let lo = 0,
    hi = ZIPF_CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ZIPF_CDF[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------- text generators ----------
function hex(rng, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rng.next() * 16)];
  return s;
}
function zhSentence(rng) {
  let s = '';
  const clauses = rng.int(1, 3);
  for (let c = 0; c < clauses; c++) {
    const len = rng.int(6, 18);
    for (let i = 0; i < len; i++) {
      if (rng.chance(0.025)) s += rng.pick(ZH_ASCII_WORDS);
      else s += HAN[Math.floor(rng.next() * HAN.length)];
    }
    s += c < clauses - 1 ? rng.pick(ZH_PUNCT_MID.split('')) : rng.pick(ZH_PUNCT_END.split(''));
  }
  if (rng.chance(0.05)) s = `“${s.slice(0, -1)}”${s.slice(-1)}`;
  return s;
}
function enSentence(rng) {
  const len = rng.int(6, 22);
  const w = [];
  for (let i = 0; i < len; i++) w.push(rng.pick(EN_WORDS));
  if (rng.chance(0.03))
    w.splice(
      rng.int(0, w.length),
      0,
      rng.pick(['AT&T', 'a < b', 'x > y', 'R&D', '"quoted"', "it's", '5%', '$100', '🚀', 'café']),
    );
  if (rng.chance(0.08)) w.splice(rng.int(1, w.length), 0, String(rng.int(2, 2024)));
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return w.join(' ') + rng.pick(['.', '.', '.', '.', '?', '!']);
}
function plainParagraph(rng, zh) {
  const n = rng.int(2, zh ? 6 : 5);
  let p = '';
  for (let i = 0; i < n; i++) p += zh ? zhSentence(rng) : (i ? ' ' : '') + enSentence(rng);
  return p;
}
function words(rng, zh, n) {
  if (zh) {
    let s = '';
    for (let i = 0; i < n; i++) s += HAN[Math.floor(rng.next() * HAN.length)];
    return s;
  }
  const w = [];
  for (let i = 0; i < n; i++) w.push(rng.pick(EN_WORDS));
  return w.join(' ');
}
function relLink(rng) {
  return rng.pick([
    () => `/images/${hex(rng, 8)}.png`,
    () => `/posts/${hex(rng, 6)}/`,
    () => `../${rng.pick(['about', 'archive', 'tags/qq', `posts/${hex(rng, 6)}`])}/`,
    () => `/files/report-${rng.int(1, 999)}.pdf`,
    () => `#section-${rng.int(1, 9)}`,
  ])();
}
function absLink(rng) {
  return rng.pick([
    () => `https://example.com/${hex(rng, 6)}/${hex(rng, 4)}`,
    () => `https://news.example.org/a/${rng.int(2015, 2025)}/${hex(rng, 10)}.html?from=feed&utm_source=rss`,
    () => `https://github.com/example/${hex(rng, 5)}/issues/${rng.int(1, 9999)}`,
    () => `http://old.example.net/~user/page.php?id=${rng.int(1, 99999)}&lang=zh`,
  ])();
}
function imageUrl(rng) {
  return rng.chance(0.5)
    ? `/images/${hex(rng, 12)}.${rng.pick(['png', 'jpg', 'webp'])}`
    : `https://inews.gtimg.com/om_ls/O${hex(rng, 24)}/0`;
}
// decorate a plain paragraph with inline markup (bold, italic, links, code)
function decorate(rng, p, zh) {
  const parts = [p];
  const n = rng.int(0, 3);
  for (let k = 0; k < n; k++) {
    const frag = words(rng, zh, zh ? rng.int(2, 6) : rng.int(1, 4));
    const kind = rng.int(0, 5);
    let m;
    if (kind === 0 || kind === 1) m = `**${frag}**`;
    else if (kind === 2) m = `*${frag}*`;
    else if (kind === 3) m = `[${frag}](${absLink(rng)})`;
    else if (kind === 4) m = `[${frag}](${relLink(rng)})`;
    else m = `\`${rng.pick(EN_WORDS)}()\``;
    parts.push(m);
  }
  // splice fragments into the paragraph at sentence-ish positions
  let out = parts[0];
  for (let k = 1; k < parts.length; k++) {
    let pos = rng.int(0, out.length);
    if (zh) {
      // do not split a surrogate pair or an ASCII word
      while (pos < out.length && /[\udc00-\udfff0-9A-Za-z.%]/.test(out[pos])) pos++;
    } else {
      // English: insert at a word boundary
      const sp = out.indexOf(' ', pos);
      pos = sp < 0 ? out.length : sp;
    }
    out = out.slice(0, pos) + (zh ? '' : ' ') + parts[k] + (zh ? '' : ' ') + out.slice(pos);
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
function codeBlock(rng) {
  const lang = rng.pick(CODE_LANGS);
  const lines = [];
  const n = rng.int(3, 18);
  for (let i = 0; i < n; i++) {
    const ind = '  '.repeat(rng.int(0, 3));
    lines.push(
      ind +
        rng.pick([
          () => `const ${rng.pick(EN_WORDS)} = ${rng.pick(EN_WORDS)}(${rng.int(0, 99)});`,
          () => `if (a < b && c > d) { return "<tag>" + x; }`,
          () => `# ${words(rng, false, rng.int(2, 6))}`,
          () => `for i in range(${rng.int(1, 100)}): print(i)`,
          () => `curl -s 'http://127.0.0.1:8080/feed.xml?a=1&b=2'`,
          () => `${rng.pick(EN_WORDS)}: ${rng.pick(EN_WORDS)}`,
          () => `SELECT * FROM posts WHERE tag = '${rng.pick(TAGS).replace(/'/g, "''")}';`,
        ])(),
    );
  }
  return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
}
function list(rng, zh) {
  const ordered = rng.chance(0.35);
  const n = rng.int(2, 7);
  const out = [];
  for (let i = 0; i < n; i++) {
    let item = zh ? zhSentence(rng) : enSentence(rng);
    if (rng.chance(0.3)) item = decorate(rng, item, zh);
    out.push((ordered ? `${i + 1}. ` : '- ') + item);
    if (rng.chance(0.1)) out.push(`  - ${zh ? zhSentence(rng) : enSentence(rng)}`);
  }
  return out.join('\n');
}
function table(rng, zh) {
  const cols = rng.int(2, 4),
    rows = rng.int(2, 6);
  const head = Array.from({ length: cols }, () => words(rng, zh, zh ? 2 : 1));
  const lines = [`| ${head.join(' | ')} |`, `|${' --- |'.repeat(cols)}`];
  for (let r = 0; r < rows; r++)
    lines.push(
      '| ' +
        Array.from({ length: cols }, () =>
          rng.chance(0.5) ? String(rng.int(0, 10000)) : words(rng, zh, zh ? 3 : 2),
        ).join(' | ') +
        ' |',
    );
  return lines.join('\n');
}
function headingText(rng, zh) {
  return zh ? words(rng, true, rng.int(4, 12)) : enTitle(rng, rng.int(3, 7));
}
function enTitle(rng, n) {
  const w = [rng.pick(EN_TITLE_WORDS)];
  for (let i = 0; i < n; i++) {
    const x = rng.pick(EN_WORDS);
    w.push(rng.chance(0.6) ? x[0].toUpperCase() + x.slice(1) : x);
  }
  return w.join(' ');
}

// ---------- one article ----------
const DAY = 86400;
const T0 = Date.UTC(2015, 6, 1) / 1000; // 2015-07-01T00:00:00Z
const T1 = Date.UTC(2025, 5, 30, 23, 59, 59) / 1000; // 2025-06-30T23:59:59Z
const pad = (n, w = 2) => String(n).padStart(w, '0');
function fmtDate(rng, epoch) {
  const kind = rng.next();
  if (kind < 0.5) {
    // Mainroad-site style: local time, no zone (site timezone applies)
    const d = new Date((epoch + 8 * 3600) * 1000); // render as +08:00 wall clock
    return {
      quoted: rng.chance(0.85),
      s: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    };
  }
  if (kind < 0.8) {
    // RFC 3339 with offset
    const off = rng.pick([8, 8, 8, -5, -7, 1, 2, 0, 5.5, 9]);
    const d = new Date((epoch + off * 3600) * 1000);
    const sign = off < 0 ? '-' : '+';
    const oh = Math.floor(Math.abs(off)),
      om = Math.round((Math.abs(off) - oh) * 60);
    return {
      quoted: rng.chance(0.7),
      s: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(oh)}:${pad(om)}`,
    };
  }
  const d = new Date(epoch * 1000);
  if (kind < 0.95) return { quoted: rng.chance(0.7), s: d.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  return {
    quoted: rng.chance(0.5),
    s: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
  }; // date only
}
const q = (s) => JSON.stringify(s); // JSON string literals are valid YAML double-quoted scalars

function makeArticle(seed, i) {
  const rng = makeRng(`${seed}/article/${i}`);
  const zh = rng.chance(0.5);
  const draft = rng.chance(0.02);
  const more = rng.chance(0.03);

  // title
  let title;
  if (zh) {
    title = words(rng, true, rng.int(8, 20));
    if (rng.chance(0.3))
      title = `${title.slice(0, 4)}、${title.slice(4, 8)}${rng.pick(ZH_ASCII_WORDS)}${title.slice(8)}`;
    if (rng.chance(0.15)) title = `“${title.slice(0, 5)}”${title.slice(5)}`;
    if (rng.chance(0.2)) title += `，${words(rng, true, rng.int(4, 8))}`;
  } else {
    title = enTitle(rng, rng.int(3, 9));
    if (rng.chance(0.15)) title += `: ${enTitle(rng, rng.int(1, 3))}`;
    if (rng.chance(0.05)) title = title.replace(/ (\w+)$/, ' "$1"');
    if (rng.chance(0.04)) title += rng.pick([' & Friends', ' <v2>', ' — 100% done', " (it's here)", ' #42']);
  }

  // date
  const epoch = T0 + Math.floor(rng.next() * (T1 - T0));
  const date = fmtDate(rng, epoch);
  const lastmod = rng.chance(0.1) ? fmtDate(rng, Math.min(T1, epoch + (rng.int(1, 400) * DAY) / 4)) : null;

  // tags (1-5, distinct, Zipf) and categories (1-2 of 20)
  const nTags = rng.int(1, 5);
  const tagIdx = new Set();
  for (let guard = 0; tagIdx.size < nTags && guard < 100; guard++) tagIdx.add(zipfIndex(rng));
  const tags = [...tagIdx].map((k) => TAGS[k]);
  const nCat = rng.chance(0.7) ? 1 : 2;
  const catIdx = new Set();
  while (catIdx.size < nCat) catIdx.add(rng.chance(0.35) ? 0 : rng.int(0, CATEGORIES.length - 1));
  const categories = [...catIdx].map((k) => CATEGORIES[k]);

  // body
  const target = rng.int(1024, 12288);
  const blocks = [];
  let bytes = 0;
  const push = (b) => {
    blocks.push(b);
    bytes += Buffer.byteLength(b) + 2;
  };
  let firstPara = null;
  if (zh && rng.chance(0.6)) {
    // news style: lead image + caption
    push(`![](${imageUrl(rng)})`);
    push(`${rng.pick(ZH_NEWS_SRC)} 图`);
  }
  let paras = 0;
  while (bytes < target) {
    const r = rng.next();
    if (paras > 0 && r < 0.08) push(`${rng.pick(['##', '##', '###', '####'])} ${headingText(rng, zh)}`);
    else if (paras > 0 && r < 0.13) push(list(rng, zh));
    else if (paras > 0 && r < 0.17)
      push(
        `![${rng.chance(0.5) ? words(rng, zh, zh ? 4 : 3) : ''}](${imageUrl(rng)}${rng.chance(0.2) ? ` "${words(rng, zh, 2)}"` : ''})`,
      );
    else if (paras > 0 && r < 0.19) push(codeBlock(rng));
    else if (paras > 0 && r < 0.21)
      push(
        '> ' +
          (zh ? zhSentence(rng) : enSentence(rng)) +
          (rng.chance(0.3) ? `\n>\n> — ${words(rng, zh, 2)}` : ''),
      );
    else if (paras > 0 && r < 0.215) push(table(rng, zh));
    else if (paras > 0 && r < 0.22)
      push(
        rng.pick([
          `<figure><img src="${imageUrl(rng)}" alt="x"><figcaption>${words(rng, zh, 3)}</figcaption></figure>`,
          `<div class="note">${words(rng, zh, 6)}</div>`,
          `<iframe src="https://www.youtube.com/embed/${hex(rng, 11)}" allowfullscreen></iframe>`,
        ]),
      );
    else if (paras > 0 && r < 0.225) push('---');
    else {
      const p = plainParagraph(rng, zh);
      if (firstPara === null) firstPara = p;
      push(rng.chance(0.45) ? decorate(rng, p, zh) : p);
      paras++;
      if (more && paras === 2) push('<!--more-->');
    }
  }
  if (more && paras < 2) blocks.splice(Math.min(blocks.length, 1), 0, '<!--more-->');
  const body = `${blocks.join('\n\n')}\n`;

  // summary (Mainroad/news-site style: leading plain text + "...")
  let summary = null;
  if (!rng.chance(0.1)) {
    const cps = [...(blocks[0].startsWith('![') && zh ? blocks[1] + firstPara : firstPara)];
    summary = `${cps.slice(0, zh ? 60 : 160).join('')}...`;
  }

  // front matter (Mainroad field order)
  const fm = ['---'];
  fm.push(`title: ${q(title)}`);
  fm.push(`date: ${date.quoted ? q(date.s) : date.s}`);
  if (lastmod) fm.push(`lastmod: ${lastmod.quoted ? q(lastmod.s) : lastmod.s}`);
  if (draft) fm.push('draft: true');
  if (summary !== null) fm.push(`summary: ${q(summary)}`);
  fm.push('categories:', ...categories.map((c) => `  - ${q(c)}`));
  const lang = zh ? 'zh-CN' : 'en';
  fm.push('lang:', `  - ${q(lang)}`, 'translations:', `  - ${q(lang)}`);
  fm.push('tags:', ...tags.map((t) => `  - ${q(t)}`));
  fm.push('menu: ""');
  fm.push(`thumbnail: ${q(rng.chance(0.6) ? imageUrl(rng) : '')}`);
  fm.push('lead: ""');
  fm.push(
    `comments: ${rng.chance(0.1)}`,
    'authorbox: false',
    'pager: true',
    `toc: ${rng.chance(0.05)}`,
    'mathjax: false',
  );
  fm.push('sidebar: "right"', 'widgets:', '  - "search"', '  - "recent"', '  - "taglist"');
  fm.push('---');

  const slug = zh
    ? hex(rng, 10)
    : title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60);
  return { name: `${pad(i, 6)}-${slug}.md`, text: `${fm.join('\n')}\n${body}`, draft, more, zh, tags };
}

// ---------- main ----------
mkdirSync(args.out, { recursive: true });
let total = 0,
  drafts = 0,
  mores = 0,
  zhCount = 0;
const tagCounts = new Map();
for (let i = 1; i <= args.articles; i++) {
  const a = makeArticle(args.seed, i);
  writeFileSync(join(args.out, a.name), a.text);
  total += Buffer.byteLength(a.text);
  if (a.draft) drafts++;
  if (a.more) mores++;
  if (a.zh) zhCount++;
  for (const t of a.tags) tagCounts.set(t, (tagCounts.get(t) || 0) + 1);
}
if (!args.quiet) {
  const top = [...tagCounts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([t, c]) => `${t}=${c}`)
    .join(', ');
  console.log(
    JSON.stringify({
      articles: args.articles,
      seed: args.seed,
      out: args.out,
      bytes: total,
      zh: zhCount,
      drafts,
      withMore: mores,
      distinctTags: tagCounts.size,
      topTags: top,
    }),
  );
}
