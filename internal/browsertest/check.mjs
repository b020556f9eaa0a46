// check.mjs renders one local HTML file in headless Chromium through
// puppeteer-core and measures it, for the Go package browsertest (which
// embeds this file) or by hand:
//
//   NORMLINT_PUPPETEER_DIR=~/.cache/normlint-browser \
//     node internal/browsertest/check.mjs < input.json
//
// Input, one JSON object on stdin (or the path of a JSON file as argv[2]):
//   html           path of the HTML file (required)
//   widths         viewport widths in CSS px (default [1280, 390])
//   height         viewport height (default 900)
//   selectors      [{selector, min}]: CSS selectors and their minimum counts
//   screenshotDir  where <name>-<width>.png go (default: none taken)
//   name           base name of the screenshots and of <name>.pdf (default: the HTML file's)
//   pdf            print the page to <screenshotDir>/<name>.pdf once, after the
//                  last width (default true; needs screenshotDir)
//   viewportOnly   screenshots of the viewport only, not of the full page
//                  (default false)
//   chromium       the browser binary (default $NORMLINT_CHROMIUM or /usr/bin/chromium)
//   puppeteerDir   the folder whose node_modules holds puppeteer-core
//                  (default $NORMLINT_PUPPETEER_DIR)
//   timeoutMs      per navigation and per step (default 30000)
//
// Each width loads the file anew in the same tab after setViewport, which
// sets the device metrics through the DevTools protocol.
//
// Output, one JSON object on stdout: the browser's version, per width the
// window's innerWidth, documentElement's clientWidth and scrollWidth, the
// elements whose right edge passes innerWidth (only when the page
// overflows), each selector's count and the screenshot's path; every
// request the page made other than for the file itself (all of them are
// aborted: a self-contained page needs none); page errors and console
// errors; the PDF's path and page count; the DOM as serialized after
// loading at the first width. A fatal problem sets "error" and
// the exit status 1; the checks themselves are judged by the caller.

import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

async function readInput() {
  if (process.argv[2]) return JSON.parse(await readFile(process.argv[2], 'utf8'));
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function loadPuppeteer(dir) {
  if (!dir) throw new Error('no puppeteer-core: set NORMLINT_PUPPETEER_DIR (see .ci/browser-setup)');
  const require = createRequire(path.join(path.resolve(dir), 'package.json'));
  const mod = await import(pathToFileURL(require.resolve('puppeteer-core')).href);
  return mod.default?.launch ? mod.default : mod;
}

// measure runs in the page: the widths, and when the document is wider than
// the window, the elements that reach past the window's right edge, either
// with their box or with content that spills out of it (a long unbroken
// string in a block of fixed width). The elements where the overflow starts
// (whose parent stays within the window) come first.
function measure(limit) {
  const innerWidth = window.innerWidth;
  const de = document.documentElement;
  const out = { innerWidth, clientWidth: de.clientWidth, scrollWidth: de.scrollWidth, overflow: [], overflowCount: 0 };
  if (de.scrollWidth <= innerWidth) return out;
  const edge = innerWidth + 0.5;
  const reach = (el) => {
    const r = el.getBoundingClientRect();
    const spill = el.scrollWidth > el.clientWidth + 1 ? r.left + el.clientLeft + el.scrollWidth : 0;
    return { r, right: Math.max(r.right, spill), spills: spill > r.right };
  };
  const found = [];
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    const { r, right, spills } = reach(el);
    if (r.width === 0 && r.height === 0) continue;
    if (!(right > edge)) continue;
    const parent = el.parentElement;
    const cls = (el.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean);
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    found.push({
      tag: el.tagName.toLowerCase(),
      id: el.id || '',
      class: cls.join(' '),
      text: text.length > 60 ? text.slice(0, 59) + '…' : text,
      left: Math.round(r.left),
      right: Math.round(right),
      width: Math.round(right - r.left),
      spills,
      outermost: !parent || parent === document.body || !(reach(parent).right > edge),
    });
  }
  out.overflowCount = found.length;
  out.overflow = [...found.filter((e) => e.outermost), ...found.filter((e) => !e.outermost)].slice(0, limit);
  return out;
}

function countSelectors(selectors) {
  return selectors.map(({ selector, min }) => {
    try {
      return { selector, min, count: document.querySelectorAll(selector).length };
    } catch (e) {
      return { selector, min, count: 0, error: String(e && e.message || e) };
    }
  });
}

async function main() {
  const input = await readInput();
  if (!input.html) throw new Error('input has no "html"');
  const html = path.resolve(input.html);
  await stat(html);
  const url = pathToFileURL(html).href;
  const widths = input.widths?.length ? input.widths : [1280, 390];
  const height = input.height || 900;
  const selectors = input.selectors || [];
  const timeout = input.timeoutMs || 30000;
  const name = input.name || path.basename(html).replace(/\.[^.]*$/, '');
  const shotDir = input.screenshotDir || '';
  const chromium = input.chromium || process.env.NORMLINT_CHROMIUM || '/usr/bin/chromium';
  const puppeteer = await loadPuppeteer(input.puppeteerDir || process.env.NORMLINT_PUPPETEER_DIR);

  const result = { url, browser: '', dom: '', viewports: [], requests: [], pageErrors: [], consoleErrors: [], pdf: null };
  const profile = await mkdtemp(path.join(tmpdir(), 'normlint-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    timeout,
    protocolTimeout: Math.max(timeout, 60000),
    // Without the background-networking flags Chromium reaches for
    // Google's services, which this network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    result.browser = await browser.version();
    // One tab for every width: a new tab costs a second or two here.
    const page = (await browser.pages())[0] ?? await browser.newPage();
    page.setDefaultTimeout(timeout);
    let width = 0;
    page.on('pageerror', (e) => result.pageErrors.push(`${width}px: ${e && e.message || e}`));
    page.on('console', (m) => {
      if (m.type() === 'error') result.consoleErrors.push(`${width}px: ${m.text()}`);
    });
    const seen = new Set();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const u = req.url();
      if (u === url || u.startsWith('data:') || u.startsWith('blob:')) {
        req.continue().catch(() => {});
        return;
      }
      if (!seen.has(u)) {
        seen.add(u);
        result.requests.push({ url: u, type: req.resourceType() });
      }
      req.abort('blockedbyclient').catch(() => {});
    });
    for (width of widths) {
      await page.setViewport({ width, height, deviceScaleFactor: 1 });
      await page.goto(url, { waitUntil: 'load', timeout });
      await page.evaluate(() => document.fonts && document.fonts.ready);
      const m = await page.evaluate(measure, 30);
      const counts = await page.evaluate(countSelectors, selectors);
      let screenshot = '';
      if (shotDir) {
        screenshot = path.join(shotDir, `${name}-${width}.png`);
        await page.screenshot({ path: screenshot, fullPage: !input.viewportOnly });
      }
      result.viewports.push({ width, height, ...m, selectors: counts, screenshot });
      if (!result.dom) result.dom = await page.content();
    }
    if (input.pdf !== false && shotDir) {
      const pdfPath = path.join(shotDir, `${name}.pdf`);
      const buf = Buffer.from(await page.pdf({ path: pdfPath, format: 'A4', printBackground: true }));
      // Chromium (Skia) writes one uncompressed "/Type /Page" dictionary per page.
      const pages = (buf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
      result.pdf = { path: pdfPath, bytes: buf.length, pages };
    }
  } finally {
    await browser.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
  return result;
}

main().then(
  (r) => { process.stdout.write(JSON.stringify(r) + '\n'); },
  (e) => {
    process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + '\n');
    process.exitCode = 1;
  },
);
