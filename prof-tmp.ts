import autocannon from 'autocannon';
import { loadContent } from './src/lib/content/load';
import { readContentFiles } from './src/lib/server/content/files';
import { newStudent, signUpByPost } from './tests/e2e/content';
import { startApp } from './tests/bench/server';
const { content } = loadContent(readContentFiles(process.cwd()));
const lesson = content.modules[0]!.lessons[0]!;
const question = lesson.questions.find((q) => q.type === 'single')!;
const choice = question.type === 'single' ? question.choices[0]!.id : '';
const PATH = `/modules/${lesson.module}/${lesson.slug}?/answer`;
const app = await startApp(process.env.PROF === '1' ? { NODE_OPTIONS: '--require /tmp/prof/preload.cjs' } : process.env.NODEOPTS ? { NODE_OPTIONS: process.env.NODEOPTS } : {});
let maxRss = 0; const sampler = setInterval(() => (maxRss = Math.max(maxRss, app.rssMb())), 200);
const cookies: string[] = [];
for (let i = 0; i < 100; i += 5) cookies.push(...(await Promise.all([0, 1, 2, 3, 4].map(() => signUpByPost(newStudent('bench'), app.url)))));
console.log('rss after signups', app.rssMb().toFixed(0));
let n = 0;
const res = await autocannon({
  url: app.url + (process.env.P ?? PATH), connections: 100, duration: Number(process.env.S ?? 10), method: (process.env.M ?? 'POST') as 'POST',
  headers: { origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' },
  requests: [{ setupRequest: (req) => ({ ...req, body: new URLSearchParams({ question: question.id, choice, idem: crypto.randomUUID() }).toString(), headers: process.env.NOCOOKIE ? req.headers : { ...req.headers, cookie: cookies[n++ % cookies.length]! } }) }]
});
clearInterval(sampler); console.log('rss', maxRss.toFixed(0), res.requests.average, 'req/s p99', res.latency.p99, 'non2xx', res.non2xx, 'errors', res.errors);
if (process.env.PROF === '1') { process.kill(app.pid, 'SIGUSR2'); await new Promise((r) => setTimeout(r, 3000)); }
await app.stop();
