// Shared pieces of the browser suite: the ahual server (fresh temp database, free loopback port),
// Debian's Chromium through playwright-core (fresh profile each time), screenshots, and small
// page helpers. Nothing here talks to anything but 127.0.0.1.

import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { chromium } from 'playwright-core';

import { Authenticator } from './totp.mjs';

const execFileP = promisify(execFile);

/** tests/browser/ */
export const SUITE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository these tests live in (its `surveys/` is what the server reads). */
export const REPO_DIR = resolve(SUITE_DIR, '..', '..');
export const SCREENSHOT_DIR = join(SUITE_DIR, 'screenshots');
export const AXE_PATH = join(SUITE_DIR, 'node_modules', 'axe-core', 'axe.min.js');

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const LOGINS = {
  admin: { login: 'admin', password: 'demo-admin-pass' },
  centre: { login: 'centre', password: 'demo-centre-pass' },
  psy: { login: 'psy', password: 'demo-psy-pass' },
  national: { login: 'national', password: 'demo-national-pass' },
};

function ahualBin() {
  const bin = process.env.AHUAL_BIN;
  if (!bin) throw new Error('AHUAL_BIN is not set: point it at an ahual binary (see run.sh)');
  if (!existsSync(bin)) throw new Error(`AHUAL_BIN=${bin} does not exist`);
  return resolve(bin);
}

function surveysDir() {
  return process.env.AHUAL_SURVEYS_DIR || join(REPO_DIR, 'surveys');
}

async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `ahual serve --demo` on a fresh SQLite database in a temp folder and a free loopback port,
 * and waits for `GET /healthz` to answer 200. Call `stop()` at the end (it also removes the folder).
 */
export async function startServer() {
  const bin = ahualBin();
  const dir = await mkdtemp(join(tmpdir(), 'ahual-browser-'));
  const databaseUrl = `sqlite://${dir}/ahual.db`;
  const env = {
    ...process.env,
    AHUAL_SURVEYS_DIR: surveysDir(),
    AHUAL_LOG: process.env.AHUAL_LOG || 'warn',
    // --demo writes notification e-mail as .eml files; keep them in the temp folder.
    AHUAL_MAIL_DIR: join(dir, 'mail'),
  };
  delete env.AHUAL_DATABASE_URL;
  delete env.AHUAL_BIND;
  delete env.AHUAL_PUBLIC_URL;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const logPath = join(dir, `server-${attempt}.log`);
    const log = createWriteStream(logPath);
    const child = spawn(
      bin,
      ['serve', '--demo', '--bind', `127.0.0.1:${port}`, '--public-url', base, '--database-url', databaseUrl],
      { cwd: REPO_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    let exited = false;
    child.once('exit', () => { exited = true; });
    const deadline = Date.now() + 60_000;
    let healthy = false;
    while (!exited && Date.now() < deadline) {
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.status === 200) { healthy = true; break; }
      } catch { /* not listening yet */ }
      await sleep(150);
    }
    if (healthy) {
      const server = {
        base,
        port,
        dir,
        databaseUrl,
        url: (path) => base + path,
        /** The phone of every staff member of this server: their authenticator secrets and codes. */
        authenticator: new Authenticator(),
        async log() { return readFile(logPath, 'utf8'); },
        /** `ahual wave open ... --json` against the running server's database. */
        async openWave({ classes = ['7A'], instrument = 'school-climate', codes = false } = {}) {
          const args = ['wave', 'open', '--database-url', databaseUrl, '--school', 'SCH-DEMO',
            '--instrument', instrument, '--classes', classes.join(','), '--json'];
          if (codes) args.push('--codes');
          const { stdout } = await execFileP(bin, args, { cwd: REPO_DIR, env, timeout: 60_000 });
          const json = JSON.parse(stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop());
          return json;
        },
        /**
         * `ahual user add` against the running server's database (the password on standard input), for
         * an account the demo does not have, e.g. centre staff of another region. Returns its sign-in.
         */
        async addUser({ login, password, role, region, school, email, name = login }) {
          const args = ['user', 'add', login, '--database-url', databaseUrl, '--role', role, '--name', name];
          if (region) args.push('--region', region);
          if (school) args.push('--school', school);
          if (email) args.push('--email', email);
          await new Promise((done, failed) => {
            const child = execFile(bin, args, { cwd: REPO_DIR, env, timeout: 60_000 }, (error, stdout, stderr) =>
              (error ? failed(new Error(`ahual user add ${login}: ${error.message}\n${stderr}`)) : done(stdout)));
            child.stdin.end(`${password}\n`);
          });
          return { login, password };
        },
        async stop() {
          if (!exited) {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            if (!exited) await once(child, 'exit').catch(() => {});
            clearTimeout(timer);
          }
          log.end();
          await rm(dir, { recursive: true, force: true });
        },
      };
      process.once('exit', () => { if (!exited) child.kill('SIGKILL'); });
      return server;
    }
    if (!exited) child.kill('SIGKILL');
    const text = await readFile(logPath, 'utf8').catch(() => '');
    if (attempt >= 3 || !/address|in use|bind/i.test(text)) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`ahual did not become healthy on ${base}:\n${text}`);
    }
  }
}

/**
 * A fresh Chromium profile (its own user-data dir in /tmp), headless. `options` go to
 * launchPersistentContext (viewport, javaScriptEnabled, bypassCSP, deviceScaleFactor, ...).
 * `realBackForwardCache: true` removes playwright's `--disable-back-forward-cache`, so Back behaves as
 * on a school computer. Every request that is not to 127.0.0.1 (or data:/about:) is recorded in
 * `offsite` so tests can assert that none happened.
 */
export async function launchProfile({ realBackForwardCache = false, ...options } = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'ahual-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROME_ARGS,
    ignoreDefaultArgs: realBackForwardCache ? ['--disable-back-forward-cache'] : undefined,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const offsite = [];
  context.on('request', (req) => {
    const url = req.url();
    if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:|about:|blob:)/.test(url)) offsite.push(url);
  });
  const page = context.pages()[0] || (await context.newPage());
  return {
    context,
    page,
    offsite,
    async close() {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Numbered screenshots of one scenario: screenshots/<scenario>/NN-name.png. */
export function screenshots(scenario) {
  let n = 0;
  const dir = join(SCREENSHOT_DIR, scenario);
  return async function shot(page, name, options = {}) {
    n += 1;
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage: true, ...options });
    return path;
  };
}

/**
 * Signs a staff member in through /login and waits for their home page. `who` names a demo account
 * (a key of LOGINS) or is a `{ login, password }` of one the test created.
 */
export async function signIn(page, server, who) {
  const { login, password } = typeof who === 'string' ? LOGINS[who] : who;
  await page.goto(server.url('/login'));
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.click('form[action="/login"] button[type=submit]')]);
  if (new URL(page.url()).pathname === '/login/code') {
    await typeCode(page, 'input[name=code]', await server.authenticator.next(login));
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login/code'), page.click('form[action="/login/code"] button[type=submit]')]);
  }
  if (new URL(page.url()).pathname === '/account/two-factor') {
    await enrolSecondFactor(page, server, login);
    await page.goto(server.url('/home'));
  }
}

async function typeCode(page, selector, code) {
  await page.fill(selector, code);
}

/**
 * On the enrolment page: adds the secret it shows to the server's authenticator, types the code and
 * waits for the recovery codes, which it returns.
 */
export async function enrolSecondFactor(page, server, login) {
  const shown = await page.textContent('[data-secret]');
  await typeCode(page, 'input[name=code]', await server.authenticator.add(login, shown));
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click('form[action="/account/two-factor"] button[type=submit]')]);
  return page.$$eval('ul.recovery-codes code', (codes) => codes.map((c) => c.textContent));
}

/** Radios that are checked on the page. */
export async function checkedRadios(page) {
  return page.$$eval('input[type=radio]:checked', (els) => els.map((e) => `${e.name}=${e.value}`));
}

/** Item ids (radio group names) of the survey form, in page order. */
export async function questionNames(page) {
  return page.$$eval('form fieldset', (sets) =>
    sets.map((s) => s.querySelector('input[type=radio]')?.name).filter(Boolean));
}

/** The text of the <html lang> attribute. */
export async function htmlLang(page) {
  return page.getAttribute('html', 'lang');
}

/** Runs axe-core on the page; the context must have bypassCSP: true (the app forbids foreign scripts). */
export async function runAxe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
}
