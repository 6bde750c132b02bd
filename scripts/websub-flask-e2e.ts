// WebSub end to end against a real open-source hub: Flask-WebSub's, on 127.0.0.1, run on Debian's
// python3-flask, python3-celery (eager: tasks run inside the request) and python3-requests.
// Not a test: its code is fetched, never committed, and CI cannot fetch.
//
//   FLASK_WEBSUB=/path/to/Flask-WebSub npx tsx scripts/websub-flask-e2e.ts
//
// FLASK_WEBSUB is a checkout of github.com/marten-de-vries/Flask-WebSub, or its bare git folder.
// The script serves a small site with `feedwright serve --watch --hub <the hub>`, subscribes a
// subscriber of its own to the tag feed tags/x/feed.xml through the hub (the hub verifies its
// intent), then:
//   1. edits an article tagged x: the subscriber must receive the tag feed's new bytes (the same
//      bytes feedwright now serves) within seconds;
//   2. edits an article without that tag: the subscriber must receive nothing.
// It prints what happened and exits 1 if either does not hold.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const source = process.env.FLASK_WEBSUB;
if (!source || !existsSync(source)) {
  console.error('Set FLASK_WEBSUB to a checkout (or the git folder) of Flask-WebSub.');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'feedwright-websub-e2e-'));
const children: ChildProcess[] = [];
const cleanUp = () => {
  for (const child of children) if (child.exitCode === null) child.kill();
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanUp);

// The hub's code, as fetched: a checkout is used as it is, a git folder is exported first.
let library = source;
if (!existsSync(join(source, 'flask_websub'))) {
  library = join(work, 'flask-websub');
  mkdirSync(library);
  execFileSync('sh', ['-c', `git --git-dir="${source}" archive HEAD | tar -x -C "${library}"`]);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
const hubPort = await freePort();
const feedsPort = await freePort();
const hubUrl = `http://127.0.0.1:${hubPort}/hub`;
const feedsUrl = `http://127.0.0.1:${feedsPort}/`;
const topic = `${feedsUrl}tags/x/feed.xml`;

// Our own runner for its Hub: publishing on (PUBLISH_SUPPORTED, as its example does), Celery eager.
writeFileSync(
  join(work, 'hub.py'),
  `import sys
sys.path.insert(0, ${JSON.stringify(library)})
from flask import Flask
from celery import Celery
from flask_websub.hub import Hub, SQLite3HubStorage

app = Flask(__name__)
app.config['PUBLISH_SUPPORTED'] = True
celery = Celery('hub')
celery.conf.task_always_eager = True
hub = Hub(SQLite3HubStorage(${JSON.stringify(join(work, 'hub.sqlite3'))}), celery, **app.config)
app.register_blueprint(hub.build_blueprint(url_prefix='/hub'))
app.run(host='127.0.0.1', port=${hubPort}, threaded=True)
`,
);

const content = join(work, 'content');
mkdirSync(content);
const article = (name: string, tags: string[], text: string) =>
  writeFileSync(
    join(content, `${name}.md`),
    `---\ntitle: ${name}\ndate: 2025-01-01\ntags: [${tags.join(', ')}]\n---\n${text}\n`,
  );
article('tagged', ['x'], 'First version.');
article('other', ['y'], 'Not about x.');

function start(command: string, args: string[], ready: RegExp, name: string): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd: work });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
}

// The subscriber: answers the hub's verification with its challenge, records what it is sent.
const received: { at: number; topic: string; body: Buffer }[] = [];
const subscriber = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET') {
    response.writeHead(200).end(url.searchParams.get('hub.challenge') ?? '');
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    received.push({
      at: Date.now(),
      topic: url.searchParams.get('topic') ?? '',
      body: Buffer.concat(chunks),
    });
    response.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
const callback = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/callback?topic=${encodeURIComponent(topic)}`;

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
await start(python, [join(work, 'hub.py')], /Running on http/, 'the hub');
await start(
  process.execPath,
  [
    join(root, 'bin/feedwright.mjs'),
    'serve',
    '--content',
    content,
    '--cache',
    join(work, 'cache'),
    '--port',
    String(feedsPort),
    '--site-url',
    feedsUrl,
    '--hub',
    hubUrl,
    '--watch',
    '--refresh',
    'off',
  ],
  /serving \d+ articles/,
  'feedwright serve',
);

const subscribed = await fetch(hubUrl, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    'hub.mode': 'subscribe',
    'hub.topic': topic,
    'hub.callback': callback,
  }).toString(),
});
console.log(`subscribe ${topic}: ${subscribed.status} ${(await subscribed.text()).trim()}`);

const waitFor = async (test: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!test() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  return test();
};

let failed = false;
// 1. An edit to an article with the tag: the tag feed's new bytes reach the subscriber.
received.length = 0;
const edited = Date.now();
article('tagged', ['x'], 'Second version, edited.');
const got = await waitFor(() => received.length > 0, 15_000);
const served = Buffer.from(await (await fetch(topic)).arrayBuffer());
if (!got) {
  failed = true;
  console.log('1. edit of an article tagged x: the subscriber received NOTHING within 15 s');
} else {
  const first = received[0];
  const same = first?.body.equals(served) ?? false;
  console.log(
    `1. edit of an article tagged x: the subscriber received ${first?.body.length} bytes ${((first?.at ?? 0) - edited) / 1000} s after the file was written; ` +
      `${same ? 'the same bytes feedwright serves' : 'NOT the bytes feedwright serves'}; "Second version" ${first?.body.includes('Second version') ? 'in it' : 'NOT in it'}`,
  );
  failed ||= !same || !first?.body.includes('Second version');
}

// 2. An edit to an article without the tag: nothing for the tag feed.
await new Promise((resolve) => setTimeout(resolve, 1000));
received.length = 0;
article('other', ['y'], 'Not about x, edited.');
const anything = await waitFor(() => received.length > 0, 6_000);
console.log(
  `2. edit of an article without the tag: ${anything ? `the subscriber received ${received.length} notification(s) — WRONG` : 'the subscriber received nothing in 6 s'}`,
);
failed ||= anything;

const health = await (await fetch(`${feedsUrl}health`)).json();
console.log(`feedwright /health websub: ${JSON.stringify(health.websub)}`);
subscriber.close();
console.log(failed ? 'FAILED' : 'OK');
process.exit(failed ? 1 : 0);
