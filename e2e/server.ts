/**
 * The HTTPS fixture server: one local server for every fixture site and vendor stub, routed by
 * the `Host` header. Chromium reaches it under the real host names through
 * `--host-resolver-rules` (see `hostResolverRules`), with a self-signed certificate made at start.
 *
 * Order of routing:
 *   1. routes registered by tests (`server.route(...)`, newest first);
 *   2. the vendor stubs (OK SKY queue widget + `/login`, OK SKY SDK, Channel Talk plugin + boot);
 *   3. static files: `e2e/sites/<host>/<path>` (`/` → `index.html`, `/mypage` → `mypage.html`).
 *
 * Every request is logged (`server.log`) with its body, so tests can assert what the browser sent.
 * See e2e/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SITES_DIR = join(HERE, 'sites');
export const STUBS_DIR = join(HERE, 'stubs');

/** Host names mapped to the fixture server (wildcards as Chromium's host-resolver-rules take them). */
export const FIXTURE_HOSTS = [
  'example.jp',
  '*.example.jp',
  '*.okskychat.net',
  '*.oksky-chat.net',
  '*.ok-sky.com',
  '*.channel.io',
  'manager.line.biz',
  'developers.line.biz',
  'api.line.me',
  '*.luxliner.jp',
];

/** `--host-resolver-rules` value mapping every fixture host to the local server. */
export function hostResolverRules(port: number, hosts: string[] = FIXTURE_HOSTS): string {
  return hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
}

export interface FixtureRequest {
  host: string;
  method: string;
  path: string;
  /** path + query */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  time: number;
}

export type Handler = (req: FixtureRequest, res: ServerResponse) => void | Promise<void>;

export interface RouteMatch {
  /** exact host (`shop.example.jp`) or a RegExp on the host */
  host: string | RegExp;
  /** exact path (`/mypage`) or a RegExp on the path */
  path: string | RegExp;
  method?: string;
}

/** How the OK SKY stub widget behaves on one widget host (test knob; default: log in normally). */
export interface WidgetBehaviour {
  /** POST `/login` after draining the queue (default true) */
  login?: boolean;
  /** HTTP status of widget.js itself (e.g. 404) */
  status?: number;
  /** HTTP status of the `/login` response */
  loginStatus?: number;
}

export interface FixtureServer {
  port: number;
  /** `https://HOST/PATH` (Chromium maps the host to this server) */
  url(host: string, path?: string): string;
  /** the origin to use from Node (no host mapping): `https://127.0.0.1:PORT`, with `Host` set by the caller */
  local: string;
  route(match: RouteMatch, handler: Handler): () => void;
  /** serve `html` at `https://host/path` */
  page(host: string, path: string, html: string, headers?: Record<string, string>): () => void;
  widget(host: string, behaviour: WidgetBehaviour): () => void;
  log: FixtureRequest[];
  /** requests seen so far matching host/path */
  requests(match: Partial<RouteMatch>): FixtureRequest[];
  /** drops test routes, widget behaviours and the log */
  reset(): void;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function makeCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'renkei-cert-'));
  try {
    const san = ['localhost', ...FIXTURE_HOSTS].map((h) => `DNS:${h}`).join(',');
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
        '-subj', '/CN=renkei-doctor fixtures', '-addext', `subjectAltName=${san},IP:127.0.0.1`,
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch (e) {
    throw new Error(`could not make a self-signed certificate with openssl (apt-get install -y openssl): ${(e as Error).message}`, { cause: e });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function matches(m: string | RegExp | undefined, value: string): boolean {
  if (m === undefined) return true;
  return typeof m === 'string' ? m === value : m.test(value);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*', ...headers });
  res.end(body);
}

const OKSKY_HOST = /^[a-z0-9-]+\.(okskychat\.net|oksky-chat\.net)$/i;

export async function startFixtureServer(opts: { port?: number; sitesDir?: string } = {}): Promise<FixtureServer> {
  const sitesDir = opts.sitesDir ?? SITES_DIR;
  const { key, cert } = makeCert();
  const routes: { match: RouteMatch; handler: Handler }[] = [];
  const behaviours = new Map<string, WidgetBehaviour>();
  const log: FixtureRequest[] = [];

  const readStub = (name: string) => readFileSync(join(STUBS_DIR, name), 'utf8');

  const builtin = (req: FixtureRequest, res: ServerResponse): boolean => {
    const { host, path, method } = req;
    if (method === 'OPTIONS') {
      send(res, 204, '', 'text/plain', {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'content-type',
      });
      return true;
    }
    if (OKSKY_HOST.test(host)) {
      // built-in tenants: `notfound-*` (widget.js 404) and `silent-*` (never logs in), for the fixture sites and the demo
      const b: WidgetBehaviour = behaviours.get(host) ?? (host.startsWith('notfound-') ? { status: 404 } : host.startsWith('silent-') ? { login: false } : {});
      if (path === '/widget/widget.js') {
        if (b.status && b.status !== 200) {
          send(res, b.status, 'not found', 'text/plain');
          return true;
        }
        const config = JSON.stringify({ login: b.login !== false });
        send(res, 200, readStub('oksky-widget.js').replace('/*__STUB_CONFIG__*/ {}', config), MIME['.js']!);
        return true;
      }
      if (/^\/rapi\/v1\/clients\/[^/]+\/login$/.test(path) && method === 'POST') {
        send(res, b.loginStatus ?? 200, JSON.stringify({ status: 'ok' }), MIME['.json']!);
        return true;
      }
    }
    if (host === 'cdn.ok-sky.com' && /^\/(sdk|js)\/(latest|multi)\/widget\.js$/.test(path)) {
      send(res, 200, readStub('oksky-sdk.js'), MIME['.js']!);
      return true;
    }
    if (/(^|\.)ok-sky\.com$|okskychat\.net$|oksky-chat\.net$/.test(host) && /\/login$/.test(path) && method === 'POST') {
      send(res, 200, JSON.stringify({ status: 'ok' }), MIME['.json']!);
      return true;
    }
    if (host === 'cdn.channel.io' && path === '/plugin/ch-plugin-web.js') {
      send(res, 200, readStub('channel-plugin.js'), MIME['.js']!);
      return true;
    }
    if (/\.channel\.io$/.test(host) && method === 'POST') {
      send(res, 200, JSON.stringify({ ok: true }), MIME['.json']!);
      return true;
    }
    return false;
  };

  const serveStatic = (req: FixtureRequest, res: ServerResponse): boolean => {
    const root = resolve(sitesDir, req.host);
    let rel = decodeURIComponent(req.path);
    if (rel.endsWith('/')) rel += 'index.html';
    const candidates = [rel, `${rel}.html`, `${rel}/index.html`];
    for (const c of candidates) {
      const file = normalize(join(root, c));
      if (!file.startsWith(root)) return false;
      try {
        if (!statSync(file).isFile()) continue;
      } catch {
        continue;
      }
      send(res, 200, readFileSync(file), MIME[extname(file)] ?? 'application/octet-stream');
      return true;
    }
    return false;
  };

  const server: Server = createServer({ key, cert }, (request, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1_000_000) chunks.push(c);
    });
    request.on('end', () => {
      const hostHeader = String(request.headers.host ?? '').toLowerCase();
      const host = hostHeader.replace(/:\d+$/, '');
      const url = request.url ?? '/';
      const path = url.split('?')[0] ?? '/';
      const req: FixtureRequest = {
        host,
        method: request.method ?? 'GET',
        path,
        url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        time: Date.now(),
      };
      if (log.length < 20_000) log.push(req);
      void (async () => {
        try {
          for (let i = routes.length - 1; i >= 0; i--) {
            const r = routes[i]!;
            if (matches(r.match.host, host) && matches(r.match.path, path) && (!r.match.method || r.match.method === req.method)) {
              await r.handler(req, res);
              return;
            }
          }
          if (builtin(req, res)) return;
          if (serveStatic(req, res)) return;
          send(res, 404, `no fixture for https://${host}${path}`, 'text/plain; charset=utf-8');
        } catch (e) {
          if (!res.headersSent) send(res, 500, String(e), 'text/plain');
          else res.end();
        }
      })();
    });
  });
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;

  const api: FixtureServer = {
    port,
    local: `https://127.0.0.1:${port}`,
    url: (host, path = '/') => `https://${host}${path.startsWith('/') ? path : `/${path}`}`,
    route(match, handler) {
      const entry = { match, handler };
      routes.push(entry);
      return () => {
        const i = routes.indexOf(entry);
        if (i >= 0) routes.splice(i, 1);
      };
    },
    page(host, path, html, headers = {}) {
      return api.route({ host, path }, (_req, res) => send(res, 200, html, MIME['.html']!, headers));
    },
    widget(host, behaviour) {
      behaviours.set(host, behaviour);
      return () => behaviours.delete(host);
    },
    log,
    requests: (m) => log.filter((r) => matches(m.host, r.host) && matches(m.path, r.path) && (!m.method || m.method === r.method)),
    reset() {
      routes.length = 0;
      behaviours.clear();
      log.length = 0;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
  return api;
}
