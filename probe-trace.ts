import { join } from 'node:path';
import { launch } from './tests/e2e/browser';
import { addCookies, allLessons, answerFields, newStudent, postForm, signUpByPost } from './tests/e2e/content';
import { startApp } from './tests/bench/server';
const app = await startApp({ DATABASE_FILE: join('/tmp', `prof-${Date.now()}.db`) });
const browser = await launch();
const cookie = await signUpByPost(newStudent('phone'), app.url);
const ref = allLessons().filter((r) => r.lesson.questions.some((q) => q.type === 'find-evidence')).reduce((a, b) => (b.lesson.questions.length > a.lesson.questions.length ? b : a));
for (const q of ref.lesson.questions) if (q.type !== 'written') await postForm(`${ref.path}?/answer`, [['question', q.id], ['idem', crypto.randomUUID()], ...answerFields(q, false)], { base: app.url, cookie });
for (let run = 0; run < 3; run++) {
const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
await addCookies(context, cookie, app.url);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const events: any[] = [];
cdp.on('Tracing.dataCollected', (d: any) => events.push(...d.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
await page.goto(app.url + ref.path, { waitUntil: 'networkidle' });
await cdp.send('Tracing.end'); await done;
const main = events.filter((e) => e.name === 'RunTask' && e.dur > 40000);
const tid = events.find((e) => e.name === 'ParseHTML')?.tid; console.log('events', events.length, 'runtasks', main.length, [...new Set(main.map(e=>e.tid))], tid);
for (const t of main.filter((e) => e.tid === tid).sort((a,b)=>a.ts-b.ts)) {
  const inside = events.filter((e) => e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e.ph === 'X' && e !== t);
  const by = new Map<string, number>();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
  console.log(`task ${(t.dur / 1000).toFixed(0)} ms:`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 9).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
}
console.log('---');
await context.close();
}
await browser.close(); await app.stop();
